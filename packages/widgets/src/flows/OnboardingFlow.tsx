'use client';
import { OnboardingFlow as CodeOnboardingFlow, type OnboardingFlowProps } from '../OnboardingFlow';
import { ServerFlow, type ServerOnboardingFlowProps } from './ServerFlow';

/**
 * `OnboardingFlow`, also for flows defined on the server: with `flowId`, the version the
 * user is served, rendered with the built-in steps (`WelcomeStep`, `ChooseGroupsStep`,
 * `EnterCodeStep`, `ContentStep`, `DoneStep`), its progress kept on the server so another
 * device resumes at the same step; with `id` and children, exactly the flow of
 * `@groupkit/widgets/onboarding`. Its own entry, so apps without server flows never ship
 * every built-in step and `useFlow`.
 * @example
 * import { OnboardingFlow } from '@groupkit/widgets/flows';
 * <OnboardingFlow flowId="welcome" onComplete={() => navigate('/home')} />
 */
export const OnboardingFlow = /* @__PURE__ */ Object.assign(
  function OnboardingFlow(
    props: (OnboardingFlowProps & { flowId?: undefined }) | ServerOnboardingFlowProps,
  ) {
    return props.flowId === undefined ? (
      <CodeOnboardingFlow {...props} />
    ) : (
      <ServerFlow {...props} />
    );
  },
  { Step: CodeOnboardingFlow.Step },
);
