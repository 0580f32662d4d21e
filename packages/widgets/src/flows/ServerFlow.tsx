'use client';
import type { FlowStepDefinition } from '@groupkit/client';
import { useMemberships } from '@groupkit/react';
import { useFlow } from '@groupkit/react/flows';
import { type ReactElement, useMemo } from 'react';
import { useMessages } from '../locale';
import { onboardingEn } from '../messages/onboarding';
import { ChooseGroupsStep } from '../onboarding/ChooseGroupsStep';
import { ContentStep } from '../onboarding/ContentStep';
import { DoneStep } from '../onboarding/DoneStep';
import { EnterCodeStep } from '../onboarding/EnterCodeStep';
import { FlowFrame, type OnboardingFlowState } from '../onboarding/FlowFrame';
import type { OnboardingFlowCommonProps } from '../onboarding/flowProps';
import { useFlowStart } from '../onboarding/flowStart';
import { readSteps } from '../onboarding/flowSteps';
import { WelcomeStep } from '../onboarding/WelcomeStep';

/**
 * A flow defined on the server (`useFlow` from `@groupkit/react/flows`): the version the user
 * is served, with the built-in step components, and progress kept on the server, so another
 * device resumes at the same step. Renders nothing while loading, when the user is targeted
 * out, or when nothing is published.
 */
export interface ServerOnboardingFlowProps extends OnboardingFlowCommonProps {
  /**
   * The server-defined flow to show (pin its version with the provider's `flowVersions`).
   * `useFlow(flowId).restart()` shows a finished flow again.
   * @example <OnboardingFlow flowId="welcome" />
   */
  flowId: string;
  /**
   * Only for a flow defined in code (`OnboardingFlowProps`).
   * @default undefined
   */
  id?: undefined;
  /**
   * The server's steps are shown; no children.
   * @default undefined
   */
  children?: undefined;
}

/** A server step as today's step component: the server's title and text, else the step's own. */
function stepElement(step: FlowStepDefinition): ReactElement | null {
  const { id } = step;
  const title = step.title === undefined ? {} : { title: step.title };
  switch (step.type) {
    case 'welcome':
      return <WelcomeStep key={id} id={id} {...title} body={step.body} />;
    case 'choose_groups':
      return <ChooseGroupsStep key={id} id={id} {...title} groups={step.groups} />;
    case 'enter_code':
      return <EnterCodeStep key={id} id={id} {...title} group={step.group} />;
    case 'content':
      return <ContentStep key={id} id={id} title={step.title} body={step.body} cta={step.cta} />;
    case 'done':
      return <DoneStep key={id} id={id} {...title} />;
    default:
      // A kind this SDK does not know yet (a newer server): left out.
      return null;
  }
}

/** `<OnboardingFlow flowId>`: a flow defined on the server, its progress kept there. */
export function ServerFlow({
  flowId,
  onComplete,
  onDismiss,
  messages,
  renderDone,
  ...frame
}: ServerOnboardingFlowProps) {
  const { t, locale } = useMessages('onboarding', onboardingEn, messages);
  const flow = useFlow(flowId);
  const active = flow.status === 'not_started' || flow.status === 'in_progress';
  // What the user held as the flow began: `DoneStep` lists what they joined since.
  useFlowStart(flowId, useMemberships().data, active);
  const steps = useMemo(() => readSteps(flow.steps.map(stepElement)), [flow.steps]);

  if (flow.status === 'completed' || flow.status === 'dismissed')
    return renderDone ? <>{renderDone(flow.status)}</> : null;
  // The server's step, or (a kind this SDK cannot show) the next one it can.
  const position = (id: string) => flow.steps.findIndex((s) => s.id === id);
  const found = steps.findIndex((s) => position(s.id) >= flow.stepIndex);
  const index = found < 0 ? steps.length - 1 : found;
  const current = steps[index];
  if (!active || !current) return null;

  const last = index === steps.length - 1;
  const finishing = (move: () => Promise<unknown>) => () => {
    void move();
    if (last) onComplete?.();
  };
  const state: OnboardingFlowState = {
    id: current.id,
    step: index + 1,
    total: steps.length,
    optional: !!current.optional,
    back: index > 0 ? () => void flow.back() : null,
    next: finishing(flow.next),
    skip: finishing(flow.skip),
    dismiss: () => {
      void flow.dismiss();
      onDismiss?.();
    },
  };
  return (
    <FlowFrame {...frame} flowId={flowId} t={t} locale={locale} current={current} state={state} />
  );
}
