'use client';
export type { GroupBadgeProps } from './GroupBadge';
export { GroupBadge } from './GroupBadge';
export type { GroupDirectoryProps } from './GroupDirectory';
export { GroupDirectory } from './GroupDirectory';
export type { GroupKitLocaleProviderProps } from './locale';
export { formatDate, GroupKitLocaleProvider } from './locale';
export type {
  JoinGroupCodeFormError,
  JoinGroupCodeFormProps,
  JoinGroupCodeFormSubmitState,
} from './JoinGroupCodeForm';
export { JoinGroupCodeForm } from './JoinGroupCodeForm';
export type { JoinGroupCodeFormErrorKind } from './messages/joinGroupCodeForm';
export type { JoinGroupToggleProps, JoinGroupToggleState } from './JoinGroupToggle';
export { JoinGroupToggle } from './JoinGroupToggle';
export type { JoinGroupToggleErrorMessages } from './messages/joinGroupToggle';
export type { MembershipListProps } from './MembershipList';
export { MembershipList } from './MembershipList';
export type {
  OnboardingFlowProps,
  OnboardingFlowState,
  OnboardingStepOptions,
  OnboardingStepProps,
} from './OnboardingFlow';
export { OnboardingFlow, OnboardingStep } from './OnboardingFlow';
export type { OnboardingChecklistProps } from './OnboardingChecklist';
export { OnboardingChecklist } from './OnboardingChecklist';
export type {
  OnboardingChecklistItem,
  OnboardingChecklistState,
} from './onboarding/checklistItems';
export { joinAnyGroupItem, joinGroupItem, redeemCodeItem } from './onboarding/checklistItems';
export type { BuiltInStepProps } from './onboarding/flowSteps';
export type { WelcomeStepProps } from './onboarding/WelcomeStep';
export { WelcomeStep } from './onboarding/WelcomeStep';
export type { ChooseGroupsStepProps } from './onboarding/ChooseGroupsStep';
export { ChooseGroupsStep } from './onboarding/ChooseGroupsStep';
export type { EnterCodeStepProps } from './onboarding/EnterCodeStep';
export { EnterCodeStep } from './onboarding/EnterCodeStep';
export type { DoneStepProps } from './onboarding/DoneStep';
export { DoneStep } from './onboarding/DoneStep';
export type { GroupOnboardingProps } from './onboarding/GroupOnboarding';
export { GroupOnboarding } from './onboarding/GroupOnboarding';
export type { OnboardingMessages } from './messages/onboarding';
export type {
  GroupDirectoryMessages,
  GroupKitMessages,
  GroupKitMessagesOverride,
  JoinGroupCodeFormMessages,
  JoinGroupToggleMessages,
  MembershipListMessages,
  SectionOverride,
} from './messages';
// German lives in its own entry, @groupkit/widgets/locales/de (apps ship only what they use).
export { englishMessages } from './messages';
