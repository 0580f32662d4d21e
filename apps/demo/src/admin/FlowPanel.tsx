import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { consoleHref } from './consoleRoute';
import { FlowDeletion } from './FlowDeletion';
import { FlowDraftEditor } from './FlowDraftEditor';
import { FlowFunnelChart } from './FlowFunnelChart';
import { FlowVersions } from './FlowVersions';
import { FormError } from './FormError';
import { useConsoleClient } from './useConsoleSession';

/**
 * One onboarding flow (`GET /v1/flows/{flowId}`): its draft to edit, its versions to publish
 * and retire, and each version's funnel. Focus moves to its name when it opens.
 */
export function FlowPanel({ flowId }: { flowId: string }) {
  const admin = useConsoleClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [dirty, setDirty] = useState(false);
  const flow = useQuery({
    queryKey: ['flow', flowId],
    queryFn: ({ signal }) => admin.getFlow(flowId, { signal }),
  });
  const loaded = flow.data !== undefined;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  if (flow.isError) {
    return (
      <section className="demo-admin-section demo-admin-panel" aria-label={`Flow ${flowId}`}>
        <FormError error={flow.error} />
        <a href={consoleHref('flows')}>Back to all flows</a>
      </section>
    );
  }
  if (!flow.data) return <p role="status">Loading the flow…</p>;
  const data = flow.data;
  return (
    <section className="demo-admin-section demo-admin-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {data.draft.name} <code>{data.id}</code>
      </h2>
      <p>
        <a href={consoleHref('flows')}>Close {data.draft.name}</a>
      </p>
      <section className="demo-admin-subsection" aria-labelledby={`${id}-draft`}>
        <h3 id={`${id}-draft`}>Draft</h3>
        <p className="demo-admin-hint">
          Users never see the draft: they get the version published from it. Step ids carry progress
          from one version to the next.
        </p>
        <FlowDraftEditor flow={data} labelledBy={`${id}-draft`} onDirtyChange={setDirty} />
      </section>
      <FlowVersions flow={data} dirty={dirty} />
      <FlowFunnelChart flow={data} />
      <FlowDeletion flow={data} />
    </section>
  );
}
