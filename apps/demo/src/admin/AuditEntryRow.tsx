import type { AuditEntry } from '@groupkit/client';
import { actionLabel, actorText, targetName, targetTypeLabel, usersOf } from './auditText';
import { formatInstant } from './datetime';

const json = (value: unknown) => (value === null ? 'none' : JSON.stringify(value, null, 2));

/** One audit entry: when, who, what, to what; the request and the state before and after folded away. */
export function AuditEntryRow({ entry }: { entry: AuditEntry }) {
  const name = targetName(entry);
  const users = usersOf(entry);
  return (
    <tr data-testid="audit-row">
      <th scope="row">
        <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
      </th>
      <td>{actorText(entry)}</td>
      <td>
        {actionLabel(entry.action)} <code>{entry.action}</code>
        {users.length > 0 ? (
          <span className="demo-admin-hint"> users {users.join(', ')}</span>
        ) : null}
      </td>
      <td>
        {targetTypeLabel(entry.target.type)} {name ? <strong>{name}</strong> : null}{' '}
        {entry.target.id ? <code className="demo-admin-hint">{entry.target.id}</code> : null}
      </td>
      <td>
        <details className="demo-admin-audit-details">
          <summary>Change #{entry.seq}</summary>
          <dl>
            <dt>Request</dt>
            <dd>
              <pre>{json(entry.request)}</pre>
            </dd>
            <dt>Before</dt>
            <dd>
              <pre>{json(entry.before)}</pre>
            </dd>
            <dt>After</dt>
            <dd>
              <pre>{json(entry.after)}</pre>
            </dd>
          </dl>
        </details>
      </td>
    </tr>
  );
}
