'use client';
import { useGroup } from '@groupkit/react';
import type { ReactNode } from 'react';
import { useOnboarding } from './context';
import type { BuiltInStepProps } from './flowSteps';

export interface WelcomeStepProps extends BuiltInStepProps {
  /**
   * The greeting under the heading.
   * @default the welcome message in the current language
   * @example <WelcomeStep body="Three quick steps and you are in." />
   */
  body?: ReactNode;
}

/** "Welcome to Acme Co.": the account group's `name` property, else its name. */
function WelcomeTitle() {
  const { t } = useOnboarding('WelcomeStep');
  const group = useGroup().data;
  const name = group?.properties.name;
  return t.welcomeTitle(typeof name === 'string' && name ? name : (group?.name ?? null));
}

/**
 * A step greeting the user with the account group's name ("Welcome to Acme Co.").
 * Defaults: `id="welcome"`, that title.
 * @example <OnboardingFlow id="tour"><WelcomeStep /><DoneStep /></OnboardingFlow>
 */
export const WelcomeStep = /* @__PURE__ */ Object.assign(
  function WelcomeStep({ body, children }: WelcomeStepProps) {
    const { t } = useOnboarding('WelcomeStep');
    return (
      <>
        <p>{body ?? t.welcomeBody}</p>
        {children}
      </>
    );
  },
  { step: { id: 'welcome', title: <WelcomeTitle /> } },
);
