'use client';
/** `@groupkit/widgets/onboarding`: the onboarding flow, its built-in steps and the checklist. */
export type {
  OnboardingFlowCommonProps,
  OnboardingFlowProps,
  OnboardingFlowState,
  OnboardingStepOptions,
  OnboardingStepProps,
} from '../OnboardingFlow';
export { OnboardingFlow, OnboardingStep } from '../OnboardingFlow';
export type { OnboardingChecklistProps } from '../OnboardingChecklist';
export { OnboardingChecklist } from '../OnboardingChecklist';
export type { OnboardingChecklistItem, OnboardingChecklistState } from './checklistItems';
export { joinAnyGroupItem, joinGroupItem, redeemCodeItem } from './checklistItems';
export type { BuiltInStepProps } from './flowSteps';
export type { WelcomeStepProps } from './WelcomeStep';
export { WelcomeStep } from './WelcomeStep';
export type { ChooseGroupsStepProps } from './ChooseGroupsStep';
export { ChooseGroupsStep } from './ChooseGroupsStep';
export type { EnterCodeStepProps } from './EnterCodeStep';
export { EnterCodeStep } from './EnterCodeStep';
export type { ContentStepProps } from './ContentStep';
export { ContentStep } from './ContentStep';
export type { DoneStepProps } from './DoneStep';
export { DoneStep } from './DoneStep';
export type { GroupOnboardingProps } from './GroupOnboarding';
export { GroupOnboarding } from './GroupOnboarding';
export type { OnboardingMessages } from '../messages/onboarding';
