import type { Flow, FlowVersion } from '@groupkit/client';
import { useId, useRef, useState } from 'react';
import { ConfirmButton } from './ConfirmButton';
import { formatInstant } from './datetime';
import { sameContent } from './flowDraft';
import { FormError } from './FormError';
import { ScrollTable } from './ScrollTable';
import { useAdminMutation } from './useAdminMutation';
import { useConsoleClient } from './useConsoleSession';

export interface FlowVersionsProps {
  flow: Flow;
  /** The editor holds changes not saved yet: publishing would not include them. */
  dirty: boolean;
}

/** Who a version's users go to once it is retired: the latest other version still served. */
function successorOf(flow: Flow, version: number): string {
  const next = [...flow.versions]
    .reverse()
    .find((v) => v.version !== version && v.retiredAt === null);
  return next
    ? `its users move to version ${next.version} and start it afresh`
    : 'no version is left to serve, so nobody gets this flow until the draft is published again';
}

/** Whether the saved draft is what the latest version already shows (publishing it adds nothing). */
function draftIsLatest(flow: Flow): boolean {
  const latest = flow.versions.at(-1);
  return latest !== undefined && sameContent(latest, flow.draft);
}

function status(flow: Flow, v: FlowVersion): string {
  if (v.retiredAt !== null) return 'Retired: served to nobody';
  if (v.version === flow.currentVersion) return 'Current: new users get it';
  return 'Earlier: users who started it stay on it';
}

/**
 * Publishing the draft as the next immutable version (`POST /v1/flows/{id}/versions`), every
 * version with when it was published and retired, and retiring one (`…/retire`).
 */
export function FlowVersions({ flow, dirty }: FlowVersionsProps) {
  const admin = useConsoleClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [outcome, setOutcome] = useState('');
  // The buttons that asked are gone (or moved) once the list changes: go on from the heading.
  const done = (text: string) => {
    setOutcome(text);
    headingRef.current?.focus();
  };
  const publish = useAdminMutation(
    () => admin.publishFlow(flow.id),
    (v) => done(`Published version ${v.version}: new users get it.`),
  );
  const retire = useAdminMutation(
    (version: number) => admin.retireFlowVersion(flow.id, version),
    (v) => done(`Retired version ${v.version}.`),
  );
  const next = (flow.versions.at(-1)?.version ?? 0) + 1;
  const serving =
    flow.currentVersion !== null
      ? `New users get version ${flow.currentVersion}.`
      : flow.versions.length === 0
        ? 'Nothing is published yet: nobody gets this flow.'
        : 'Every version is retired: nobody gets this flow.';

  return (
    <section className="demo-admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Versions
      </h3>
      <p>{serving}</p>
      <div className="demo-admin-actions">
        <ConfirmButton
          question={`Publish the draft as version ${next}? Users who started an earlier version stay on it; new users get this one.`}
          confirmLabel={`Publish version ${next}`}
          onConfirm={() => publish.mutate()}
          disabled={dirty || publish.isPending}
        >
          Publish the draft
        </ConfirmButton>
        {dirty ? (
          <span className="demo-admin-hint">
            Save the draft first: publishing publishes the saved draft.
          </span>
        ) : draftIsLatest(flow) ? (
          <span className="demo-admin-hint">
            The saved draft is the same as version {next - 1}: publishing it changes nothing users
            see.
          </span>
        ) : null}
        <span role="status">{outcome}</span>
      </div>
      <FormError error={publish.error ?? retire.error} />
      <ScrollTable
        caption={
          flow.versions.length === 1
            ? '1 version, newest first'
            : `${flow.versions.length} versions, newest first`
        }
      >
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">Retired</th>
            <th scope="col">Status</th>
            <th scope="col">Retire</th>
          </tr>
        </thead>
        <tbody>
          {[...flow.versions].reverse().map((v) => (
            <tr
              key={v.version}
              aria-current={v.version === flow.currentVersion ? 'true' : undefined}
            >
              <th scope="row">Version {v.version}</th>
              <td>{formatInstant(v.publishedAt)}</td>
              <td>{formatInstant(v.retiredAt)}</td>
              <td>{status(flow, v)}</td>
              <td className="demo-admin-row-actions">
                {v.retiredAt === null ? (
                  <ConfirmButton
                    label={`Retire version ${v.version}`}
                    question={`Retire version ${v.version}? Nobody is served it any more: ${successorOf(flow, v.version)}.`}
                    confirmLabel={`Retire version ${v.version}`}
                    onConfirm={() => retire.mutate(v.version)}
                    disabled={retire.isPending}
                  >
                    Retire
                  </ConfirmButton>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
