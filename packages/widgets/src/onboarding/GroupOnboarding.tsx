'use client';
import type { GateRule } from '@groupkit/react';
import { OnboardingFlow, type OnboardingFlowProps } from '../OnboardingFlow';
import { ChooseGroupsStep } from './ChooseGroupsStep';
import { DoneStep } from './DoneStep';
import { EnterCodeStep } from './EnterCodeStep';
import { WelcomeStep } from './WelcomeStep';

export interface GroupOnboardingProps extends Omit<OnboardingFlowProps, 'id' | 'children'> {
  /**
   * The flow's id (progress is kept under it).
   * @default 'groupkit-onboarding'
   */
  id?: string;
  /**
   * Who sees the code step.
   * @default { exclude: ['beta'] } (members of `beta` already have their code)
   */
  codeGate?: GateRule;
}

const NOT_BETA: GateRule = { exclude: ['beta'] };

/**
 * The ready-made group onboarding: welcome, choose groups, enter a code (skipped for members
 * of `beta`), and a summary of what was joined.
 * @example <GroupOnboarding onComplete={() => navigate('/home')} />
 */
export function GroupOnboarding({
  id = 'groupkit-onboarding',
  codeGate = NOT_BETA,
  ...props
}: GroupOnboardingProps) {
  return (
    <OnboardingFlow id={id} {...props}>
      <WelcomeStep />
      <ChooseGroupsStep />
      <EnterCodeStep gate={codeGate} />
      <DoneStep />
    </OnboardingFlow>
  );
}
