'use client';
import { useId } from 'react';
import { GroupBadge } from '../GroupBadge';
import { StepText, useOnboarding } from './context';
import { useJoinedDuringFlow } from './flowStart';
import type { BuiltInStepProps } from './flowSteps';

export type DoneStepProps = BuiltInStepProps;

/**
 * A closing step listing the groups the user joined during the flow, those joined with a
 * code marked so. Defaults: `id="done"`, title "You’re all set".
 * @example <DoneStep><a href="/groups">Manage your groups</a></DoneStep>
 */
export const DoneStep = /* @__PURE__ */ Object.assign(
  function DoneStep({ children }: DoneStepProps) {
    const { t, locale, flowId } = useOnboarding('DoneStep');
    const joined = useJoinedDuringFlow(flowId);
    const id = useId();
    return (
      <>
        {joined.length ? (
          <>
            <p id={id}>{t.doneJoined(joined.length, locale)}</p>
            <ul className="groupkit-onboarding-joined" aria-labelledby={id}>
              {joined.map((m) => (
                <li key={m.groupId}>
                  {m.name}
                  {m.source === 'code' && (
                    <>
                      {' '}
                      <GroupBadge source="code">{t.joinedWithCode}</GroupBadge>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t.doneNone}</p>
        )}
        {children}
      </>
    );
  },
  { step: { id: 'done', title: <StepText name="doneTitle" /> } },
);
