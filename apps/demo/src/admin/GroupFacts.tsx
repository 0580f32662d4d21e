import type { UserGroup } from '@groupkit/client';
import { formatWindow } from './datetime';

/** A group's settings as text: what support sees instead of the settings form. */
export function GroupFacts({ group }: { group: UserGroup }) {
  return (
    <dl className="demo-admin-facts">
      <dt>Type</dt>
      <dd>{group.type}</dd>
      <dt>Join type</dt>
      <dd>{group.joinType ?? 'admin-only'}</dd>
      <dt>Viewable</dt>
      <dd>{group.userViewable ? 'yes' : 'no'}</dd>
      <dt>Status</dt>
      <dd>{group.status}</dd>
      <dt>Window</dt>
      <dd>{formatWindow(group.startsAt, group.stopsAt)}</dd>
      <dt>Description</dt>
      <dd>{group.description || '—'}</dd>
    </dl>
  );
}
