import type { UserGroup } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { CodeDetails } from './CodeDetails';
import { CodeForm } from './CodeForm';
import { formatWindow } from './datetime';
import { FormError } from './FormError';
import { ScrollTable } from './ScrollTable';

/**
 * The group's campaign codes, with their status and how often each was redeemed. Choosing a
 * code opens its details below the table (revoke, edit, delete, redemptions).
 */
export function CodesSection({ group }: { group: UserGroup }) {
  const admin = useConsoleClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const codeButtons = useRef(new Map<string, HTMLButtonElement>());
  const [openId, setOpenId] = useState<string | null>(null);
  const [deleted, setDeleted] = useState('');
  const codes = useQuery({
    queryKey: ['codes', group.id],
    queryFn: ({ signal }) => admin.listCodes(group.id, { signal }),
  });
  const open = codes.data?.find((code) => code.id === openId);

  return (
    <section className="demo-admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Codes
      </h3>
      {group.joinType === 'code' ? null : (
        <p className="demo-admin-hint">
          Codes join groups whose join type is “code”: the server refuses them for this one until
          its join type is code.
        </p>
      )}
      <CodeForm group={group} />
      {codes.isError ? <FormError error={codes.error} /> : null}
      <p className="demo-admin-hint" id={`${id}-hint`}>
        Choose a code to revoke or restore it, change its window or cap, delete it, or see who
        redeemed it.
      </p>
      <p role="status">{deleted}</p>
      <ScrollTable
        describedBy={`${id}-hint`}
        caption={
          codes.data
            ? `${codes.data.length} ${codes.data.length === 1 ? 'code' : 'codes'} of ${group.name}`
            : codes.isError
              ? 'Could not load the codes'
              : 'Loading codes…'
        }
      >
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Redemptions</th>
            <th scope="col">Window</th>
          </tr>
        </thead>
        <tbody>
          {codes.data?.map((code) => (
            <tr key={code.id} aria-current={code.id === openId ? 'true' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="demo-admin-link"
                  ref={(button) => {
                    if (button) codeButtons.current.set(code.id, button);
                    else codeButtons.current.delete(code.id);
                  }}
                  aria-expanded={code.id === openId}
                  onClick={() => {
                    setDeleted('');
                    setOpenId(code.id === openId ? null : code.id);
                  }}
                >
                  <code>{code.code}</code>
                </button>
              </th>
              <td>{code.mode === 'shared' ? 'shared' : 'single-use'}</td>
              <td>{code.status.replace('_', ' ')}</td>
              <td>
                {code.redemptionCount}
                {code.maxRedemptions === null ? ' (no limit)' : ` of ${code.maxRedemptions}`}
              </td>
              <td>{formatWindow(code.startsAt, code.stopsAt)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {open ? (
        <CodeDetails
          key={open.id}
          group={group}
          code={open}
          onClose={() => {
            setOpenId(null);
            codeButtons.current.get(open.id)?.focus();
          }}
          onDeleted={(code) => {
            setOpenId(null);
            setDeleted(`Deleted ${code.code}.`);
            headingRef.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
