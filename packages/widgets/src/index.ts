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
  GroupDirectoryMessages,
  GroupKitMessages,
  GroupKitMessagesOverride,
  JoinGroupCodeFormMessages,
  JoinGroupToggleMessages,
  MembershipListMessages,
  OnboardingMessages,
  SectionOverride,
} from './messages';
// Onboarding components live in @groupkit/widgets/onboarding and the full catalogues in
// @groupkit/widgets/locales/en and /de: apps ship only the entries they import.
