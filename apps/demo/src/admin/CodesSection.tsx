import type { UserGroup } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { admin } from './adminClient';
import { CodeForm } from './CodeForm';
import { formatWindow } from './datetime';
import { FormError } from './FormError';

/** The group's campaign codes, with their status and how often each was redeemed. */
export function CodesSection({ group }: { group: UserGroup }) {
  const id = useId();
  const codes = useQuery({
    queryKey: ['codes', group.id],
    queryFn: ({ signal }) => admin.listCodes(group.id, { signal }),
  });
  return (
    <section className="demo-admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Codes</h3>
      {group.joinType === 'code' ? null : (
        <p className="demo-admin-hint">
          Codes join groups whose join type is “code”: the server refuses them for this one until
          its join type is code.
        </p>
      )}
      <CodeForm group={group} />
      {codes.isError ? <FormError error={codes.error} /> : null}
      <div className="demo-admin-scroll">
        <table className="demo-admin-table">
          <caption>
            {codes.data
              ? `${codes.data.length} codes of ${group.name}`
              : codes.isError
                ? 'Could not load the codes'
                : 'Loading codes…'}
          </caption>
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
              <tr key={code.id}>
                <th scope="row">
                  <code>{code.code}</code>
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
        </table>
      </div>
    </section>
  );
}
