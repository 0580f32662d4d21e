import type { MembershipChangeResult } from '@groupkit/client';
import { useId } from 'react';

/** A preview or an applied change, with what it was for. */
export interface Outcome {
  dryRun: boolean;
  changes: string;
  userId: string;
  result: MembershipChangeResult;
}

const RESULT_TEXT = { added: 'added', removed: 'removed', unchanged: 'no change' } as const;

/** Each op's result in order, and the automations it fired (or would fire), by op. */
export function ChangeOutcome({ outcome, userName }: { outcome: Outcome; userName: string }) {
  const id = useId();
  const { dryRun, changes, result } = outcome;
  return (
    <section aria-labelledby={`${id}-title`} className="demo-play-section demo-play-outcome">
      <h2 id={`${id}-title`}>
        {dryRun ? 'Preview' : 'Applied'}: <code>{changes}</code> for {userName}
      </h2>
      <ol aria-label="Ops in order" className="demo-play-ops">
        {result.applied.map((op, index) => (
          <li key={index}>
            op {index}: {op.op} <code>{op.group}</code> → {RESULT_TEXT[op.result]}
          </li>
        ))}
      </ol>
      <h3>{dryRun ? 'Automations that would fire' : 'Automations fired'}</h3>
      {result.automations.length === 0 ? (
        <p data-testid="no-automations">
          {dryRun ? 'No automations would fire.' : 'No automations fired.'}
        </p>
      ) : (
        <ul aria-label="Automations" className="demo-play-automations">
          {result.automations.map((a) => (
            <li key={`${a.automationId}-${a.opIndex}`}>
              <strong>{a.name}</strong> (op {a.opIndex})
            </li>
          ))}
        </ul>
      )}
      <p>
        Groups {dryRun ? 'would be' : 'are now'}:{' '}
        {result.memberships.map((m) => m.slug).join(', ') || 'none'}.
      </p>
    </section>
  );
}
