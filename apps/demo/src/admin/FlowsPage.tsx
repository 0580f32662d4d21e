import type { Flow } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { consoleHref } from './consoleRoute';
import { FlowPanel } from './FlowPanel';
import { FormError } from './FormError';
import { NewFlowForm } from './NewFlowForm';
import { ScrollTable } from './ScrollTable';
import { useConsoleClient } from './useConsoleSession';

/** Version numbers, oldest first; `retired` keeps only the retired ones. */
const versionList = (flow: Flow, retired: boolean) =>
  flow.versions
    .filter((v) => !retired || v.retiredAt !== null)
    .map((v) => v.version)
    .join(', ') || '—';

/**
 * Onboarding flows defined on the server (`GET /v1/flows`): each with the version new users
 * get, a new one's first draft, and one open (`…/flows/{flowId}`, so Back closes it) to edit,
 * publish, retire and read its funnel.
 */
export function FlowsPage({ flowId }: { flowId: string | null }) {
  const admin = useConsoleClient();
  const id = useId();
  const [creating, setCreating] = useState(false);
  const flows = useQuery({
    queryKey: ['flows'],
    queryFn: ({ signal }) => admin.listFlows({ signal }),
  });
  // Closing a flow (its Close link, or Back) removes the panel that had focus: focus goes to
  // its name in the list.
  const sectionRef = useRef<HTMLElement>(null);
  const openBefore = useRef(flowId);
  useEffect(() => {
    const closed = openBefore.current;
    openBefore.current = flowId;
    if (closed === null || flowId !== null) return;
    const section = sectionRef.current;
    const link = section?.querySelector<HTMLElement>(
      `a[href="${CSS.escape(consoleHref('flows', closed))}"]`,
    );
    (link ?? section?.querySelector<HTMLElement>('h2'))?.focus();
  }, [flowId]);

  return (
    <>
      <section className="demo-admin-section" aria-labelledby={`${id}-title`} ref={sectionRef}>
        <h2 id={`${id}-title`} tabIndex={-1}>
          Onboarding flows
        </h2>
        <p className="demo-admin-hint">
          Steps the app shows new users, defined here. Users see a published version; the draft is
          where the next one is edited.
        </p>
        {flows.isError ? <FormError error={flows.error} /> : null}
        <ScrollTable
          caption={
            flows.data
              ? `${flows.data.length} ${flows.data.length === 1 ? 'flow' : 'flows'}`
              : flows.isError
                ? 'Could not load the flows'
                : 'Loading flows…'
          }
        >
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Id</th>
              <th scope="col">Current version</th>
              <th scope="col">Published versions</th>
              <th scope="col">Retired versions</th>
            </tr>
          </thead>
          <tbody>
            {flows.data?.map((flow) => (
              <tr key={flow.id} aria-current={flow.id === flowId ? 'true' : undefined}>
                <th scope="row">
                  <a href={consoleHref('flows', flow.id)}>{flow.draft.name}</a>
                </th>
                <td>
                  <code>{flow.id}</code>
                </td>
                <td>{flow.currentVersion ?? 'none'}</td>
                <td>{versionList(flow, false)}</td>
                <td>{versionList(flow, true)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        <div className="demo-admin-actions">
          <button
            type="button"
            aria-expanded={creating}
            aria-controls={`${id}-new`}
            onClick={() => setCreating((c) => !c)}
          >
            New flow
          </button>
        </div>
        <div id={`${id}-new`} hidden={!creating}>
          {creating ? (
            <NewFlowForm
              onCreated={(flow) => {
                setCreating(false);
                // Opens it: the panel takes focus once it has loaded.
                window.location.hash = consoleHref('flows', flow.id);
              }}
            />
          ) : null}
        </div>
      </section>
      {flowId ? <FlowPanel key={flowId} flowId={flowId} /> : null}
    </>
  );
}
