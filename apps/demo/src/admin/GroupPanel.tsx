import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { GroupFacts } from './GroupFacts';
import { RoleNote } from './RoleNote';
import { useConsoleClient, useHasRole } from './useConsoleSession';
import { CodesSection } from './CodesSection';
import { FormError } from './FormError';
import { GroupForm } from './GroupForm';
import { MembersSection } from './MembersSection';
import { RuleSetSection } from './RuleSetSection';

/** Everything about one user group: its settings, rule set (automatic), codes and members. */
export function GroupPanel({ groupId }: { groupId: string }) {
  const admin = useConsoleClient();
  const canEdit = useHasRole('admin');
  const id = useId();
  const [saved, setSaved] = useState('');
  const group = useQuery({
    queryKey: ['group', groupId],
    queryFn: ({ signal }) => admin.getUserGroup(groupId, { signal }),
  });
  if (group.isError) return <FormError error={group.error} />;
  if (!group.data) return <p role="status">Loading the group…</p>;
  const data = group.data;
  return (
    <section className="demo-admin-section demo-admin-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {data.name} <code>{data.slug}</code>
      </h2>
      {/* Support tickets and old exports quote these: the legacy id lookup finds a group by it. */}
      <p className="demo-admin-hint">
        Legacy id {data.legacyId}; id <code>{data.id}</code>
      </p>
      <section className="demo-admin-subsection" aria-labelledby={`${id}-settings`}>
        <h3 id={`${id}-settings`}>Settings</h3>
        {canEdit ? (
          <>
            {/* Keyed by the last update, so a save elsewhere (or here) refills the form. */}
            <GroupForm
              key={data.updatedAt}
              group={data}
              onSaved={(g) =>
                setSaved(`Saved “${g.name}” at ${new Date().toLocaleTimeString('en-GB')}.`)
              }
            />
            <p role="status" className="demo-admin-hint">
              {saved}
            </p>
          </>
        ) : (
          <>
            <GroupFacts group={data} />
            <RoleNote needed="admin" what="Changing a group" />
          </>
        )}
      </section>
      {data.type === 'automatic' ? <RuleSetSection group={data} /> : null}
      {data.type === 'manual' && canEdit ? <CodesSection group={data} /> : null}
      <MembersSection group={data} canEdit={canEdit} />
    </section>
  );
}
