'use client';
import { GroupKitError } from '@groupkit/client';
import { createContext, useContext } from 'react';
import type { OnboardingMessages } from '../messages/onboarding';

/** What `OnboardingFlow` shares with the step it renders. */
export interface OnboardingContextValue {
  /** The flow's id (`useFlowProgress(flowId)`). */
  flowId: string;
  t: OnboardingMessages;
  locale: string;
  /** Level of the step's heading: widgets inside a step take the next one. */
  headingLevel: 2 | 3 | 4 | 5 | 6;
  unstyled: boolean | undefined;
}

export const OnboardingContext = createContext<OnboardingContextValue | null>(null);

/** The surrounding flow; built-in steps only make sense inside one. */
export function useOnboarding(component: string): OnboardingContextValue {
  const value = useContext(OnboardingContext);
  if (!value) {
    throw new GroupKitError(
      'no_provider',
      process.env.NODE_ENV === 'production'
        ? `${component}: no <OnboardingFlow>`
        : `${component} is a step of <OnboardingFlow>: put it inside <OnboardingFlow id="…">, or use <GroupOnboarding />.`,
    );
  }
  return value;
}

type TextKey = {
  [K in keyof OnboardingMessages]: OnboardingMessages[K] extends string ? K : never;
}[keyof OnboardingMessages];

/** One of the flow's strings, as a node: the default title of a built-in step. */
export function StepText({ name }: { name: TextKey }) {
  return useOnboarding('StepText').t[name];
}
