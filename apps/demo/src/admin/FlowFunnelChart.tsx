import type { Flow, FlowFunnel } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormError } from './FormError';
import { ScrollTable } from './ScrollTable';
import { useConsoleClient } from './useConsoleSession';

const percent = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 100));

/**
 * A count with its bar: the number is the text (read, copied, zoomed), the bar only draws it.
 * An SVG rather than a styled width, so the console's CSP (no inline styles) allows it.
 */
function Bar({ value, of, kind }: { value: number; of: number; kind: 'reached' | 'completed' }) {
  const share = percent(value, of);
  return (
    <div className="demo-admin-funnel-cell">
      <span>
        {value}
        {share === null ? '' : ` (${share}%)`}
      </span>
      <svg
        className={`demo-admin-funnel-bar demo-admin-funnel-${kind}`}
        aria-hidden="true"
        focusable="false"
      >
        <rect x="0" y="0" height="100%" width={`${share ?? 0}%`} />
      </svg>
    </div>
  );
}

function FunnelTable({ flow, funnel }: { flow: Flow; funnel: FlowFunnel }) {
  const steps = flow.versions.find((v) => v.version === funnel.version)?.steps ?? [];
  const titleOf = (stepId: string) => steps.find((s) => s.id === stepId)?.title;
  return (
    <>
      <dl className="demo-admin-facts demo-admin-funnel-totals">
        <dt>Started</dt>
        <dd>{funnel.started}</dd>
        <dt>Completed</dt>
        <dd>{funnel.completed}</dd>
        <dt>Dismissed</dt>
        <dd>{funnel.dismissed}</dd>
      </dl>
      <ScrollTable
        caption={`Version ${funnel.version}: users who reached and completed each step, of ${funnel.started} who started`}
      >
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Reached</th>
            <th scope="col">Completed</th>
          </tr>
        </thead>
        <tbody>
          {funnel.steps.map((step, i) => (
            <tr key={step.id}>
              <th scope="row">
                {i + 1}. <code>{step.id}</code>
                {titleOf(step.id) ? (
                  <span className="demo-admin-funnel-title">{titleOf(step.id)}</span>
                ) : null}
              </th>
              <td>
                <Bar value={step.reached} of={funnel.started} kind="reached" />
              </td>
              <td>
                <Bar value={step.completed} of={funnel.started} kind="completed" />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

/**
 * How users went through one published version (`GET /v1/flows/{id}/funnel?version=N`):
 * started, completed and dismissed, and a bar per step for who reached and completed it. The
 * chart is a table, so every value is text.
 */
export function FlowFunnelChart({ flow }: { flow: Flow }) {
  const admin = useConsoleClient();
  const id = useId();
  const newestFirst = [...flow.versions].reverse();
  const [chosen, setChosen] = useState<number | null>(null);
  const version = chosen ?? flow.currentVersion ?? newestFirst[0]?.version ?? null;
  const funnel = useQuery({
    queryKey: ['flowFunnel', flow.id, version],
    queryFn: ({ signal }) =>
      admin.getFlowFunnel(flow.id, { version: version ?? undefined }, { signal }),
    enabled: version !== null,
  });

  return (
    <section className="demo-admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Funnel</h3>
      {version === null ? (
        <p>Nothing is published yet: a funnel counts the users of a published version.</p>
      ) : (
        <>
          <div className="demo-admin-actions">
            <label>
              Version
              <select value={version} onChange={(e) => setChosen(Number(e.target.value))}>
                {newestFirst.map((v) => (
                  <option key={v.version} value={v.version}>
                    Version {v.version}
                    {v.version === flow.currentVersion ? ' (current)' : ''}
                    {v.retiredAt !== null ? ' (retired)' : ''}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {funnel.isError ? <FormError error={funnel.error} /> : null}
          {funnel.data ? (
            <FunnelTable flow={flow} funnel={funnel.data} />
          ) : funnel.isError ? null : (
            <p role="status">Loading the funnel…</p>
          )}
        </>
      )}
    </section>
  );
}
