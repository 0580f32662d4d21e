'use client';
/**
 * `@groupkit/widgets/flows`: onboarding flows defined on the server. `<OnboardingFlow
 * flowId="welcome" />` shows the version the user is served, with today's step components;
 * pin versions with `<GroupKitProvider flowVersions>`. Flows defined in code keep working
 * with this `OnboardingFlow` too.
 */
export { OnboardingFlow } from './OnboardingFlow';
export type { ServerOnboardingFlowProps } from './ServerFlow';
export type {
  OnboardingFlowCommonProps,
  OnboardingFlowProps,
  OnboardingFlowState,
} from '../OnboardingFlow';
