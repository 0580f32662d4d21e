'use client';
import { passesGate, useFlowProgress, useMemberships } from '@groupkit/react';
import { type ReactNode, useState } from 'react';
import { useMessages } from './locale';
import { onboardingEn } from './messages/onboarding';
import { FlowFrame, type OnboardingFlowState } from './onboarding/FlowFrame';
import type { OnboardingFlowCommonProps } from './onboarding/flowProps';
import { useFlowStart } from './onboarding/flowStart';
import { type FlowStep, type OnboardingStepOptions, readSteps } from './onboarding/flowSteps';

export type { OnboardingStepOptions } from './onboarding/flowSteps';
export type { OnboardingFlowState } from './onboarding/FlowFrame';
export type { OnboardingFlowCommonProps } from './onboarding/flowProps';

export interface OnboardingStepProps extends OnboardingStepOptions {
  /**
   * The step's content, under its heading. Rendered only while the step is current.
   * @default undefined
   */
  children?: ReactNode;
}

/** A flow defined in code: its steps are the children, its progress is kept in the browser. */
export interface OnboardingFlowProps extends OnboardingFlowCommonProps {
  /**
   * The flow's id: its progress is kept under it (`useFlowProgress(id)`), per user and account
   * group, across reloads. Call `useFlowProgress(id).reset()` to show a finished flow again.
   * @example <OnboardingFlow id="welcome-tour">
   */
  id: string;
  /**
   * The steps, in order: `OnboardingFlow.Step` elements and built-in steps (`WelcomeStep`,
   * `ChooseGroupsStep`, `EnterCodeStep`, `ContentStep`, `DoneStep`), as direct children.
   * @default undefined
   * @example <OnboardingFlow id="tour"><WelcomeStep /><OnboardingFlow.Step id="x" title="X">…</OnboardingFlow.Step></OnboardingFlow>
   */
  children?: ReactNode;
}

/** One step of an `OnboardingFlow`: its heading is `title`, its content the children. */
export function OnboardingStep({ children }: OnboardingStepProps) {
  return <>{children}</>;
}

/**
 * A short onboarding flow of steps, with "Step 2 of 4", Back / Next / Skip, and × or Escape
 * to dismiss. Focus moves to each new step's heading. Progress is kept per user (it resumes
 * after a reload); steps can be gated on groups. Renders nothing until the user's memberships
 * have loaded, so a gated step never flashes. For flows defined on the server
 * (`<OnboardingFlow flowId="welcome" />`), import it from `@groupkit/widgets/flows`.
 * @example
 * <OnboardingFlow id="tour" onComplete={() => navigate('/home')}>
 *   <WelcomeStep />
 *   <OnboardingFlow.Step id="profile" title="Your profile" optional>
 *     <ProfileForm />
 *   </OnboardingFlow.Step>
 *   <EnterCodeStep gate={{ exclude: ['beta'] }} />
 *   <DoneStep />
 * </OnboardingFlow>
 */
export const OnboardingFlow = /* @__PURE__ */ Object.assign(
  function OnboardingFlow({
    id,
    children,
    onComplete,
    onDismiss,
    messages,
    renderDone,
    ...frame
  }: OnboardingFlowProps) {
    const { t, locale } = useMessages('onboarding', onboardingEn, messages);
    const flow = useFlowProgress(id);
    const memberships = useMemberships().data;
    useFlowStart(id, memberships, flow.status === 'active');
    // The step on screen stays counted even when the user's gates change under it.
    const [pinned, setPinned] = useState<string | null>(null);

    const steps = readSteps(children);
    const shown = memberships
      ? steps.filter(
          (s) => s.id === pinned || flow.seen.includes(s.id) || passesGate(memberships, s.gate),
        )
      : [];
    // The stored step (by id when it still exists, so added or reordered steps in a later
    // release do not move the user), or the next one shown when a gate now skips it.
    const byId = flow.stepId ? steps.findIndex((s) => s.id === flow.stepId) : -1;
    const stored = byId >= 0 ? byId : flow.step;
    const at = shown.findIndex((s) => steps.indexOf(s) >= stored);
    const index = at < 0 ? shown.length - 1 : at;
    const current = shown[index];
    if (current && current.id !== pinned) setPinned(current.id);

    if (flow.status !== 'active') return renderDone ? <>{renderDone(flow.status)}</> : null;
    if (!current) return null;

    const end = (completed: boolean) => {
      if (completed) {
        flow.complete();
        onComplete?.();
      } else {
        flow.dismiss();
        onDismiss?.();
      }
    };
    const go = (to: FlowStep | undefined) => {
      // Leaving records the step as seen: it stays in the count whatever its gate says later.
      flow.goTo(steps.indexOf(to ?? current), current.id, (to ?? current).id);
      if (!to) end(true);
    };
    const previous = shown[index - 1];
    const next = () => go(shown[index + 1]);
    const state: OnboardingFlowState = {
      id: current.id,
      step: index + 1,
      total: shown.length,
      optional: !!current.optional,
      back: previous ? () => go(previous) : null,
      next,
      skip: next,
      dismiss: () => end(false),
    };
    return (
      <FlowFrame {...frame} flowId={id} t={t} locale={locale} current={current} state={state} />
    );
  },
  { Step: OnboardingStep },
);
