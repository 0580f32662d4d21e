import type { Membership } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { AddToGroupForm } from './AddToGroupForm';
import { useConsoleClient } from './useConsoleSession';
import { ConfirmButton } from './ConfirmButton';
import { consoleHref } from './consoleRoute';
import { formatInstant } from './datetime';
import { FormError } from './FormError';
import { MEMBERSHIP_SOURCE_TEXT } from './membershipSource';
import { useAdminMutation } from './useAdminMutation';
import { useAllGroups } from './useAllGroups';
import { ScrollTable } from './ScrollTable';

/**
 * One user as the support desk sees them (`GET /v1/users/{userId}`): who they are, each of
 * their groups with how they got in, and adding them to or removing them from a manual group.
 * Focus moves to their name when they open.
 */
export function UserDetailPanel({ userId }: { userId: string }) {
  const admin = useConsoleClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const groupsHeadingRef = useRef<HTMLHeadingElement>(null);
  const [outcome, setOutcome] = useState('');
  const detail = useQuery({
    queryKey: ['user', userId],
    queryFn: ({ signal }) => admin.getUser(userId, { signal }),
  });
  const groups = useAllGroups();
  const remove = useAdminMutation(
    ({ membership }: { membership: Membership; name: string }) =>
      admin.removeGroupMembers(membership.groupId, { user_ids: [userId] }),
    (_, { membership, name }) => {
      setOutcome(`Removed ${name} from ${membership.name}.`);
      // Their row (and the button that was used) is gone: continue at the list's heading.
      groupsHeadingRef.current?.focus();
    },
  );
  const loaded = detail.data !== undefined;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  if (detail.isError) {
    return (
      <section className="demo-admin-section demo-admin-panel" aria-label={`User ${userId}`}>
        <FormError error={detail.error} />
        <a href={consoleHref('users')}>Back to all users</a>
      </section>
    );
  }
  if (!detail.data) return <p role="status">Loading the user…</p>;
  const { user, memberships } = detail.data;
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.id;
  const groupById = new Map(groups.data?.map((g) => [g.id, g]));
  const memberOf = new Set(memberships.map((m) => m.groupId));
  const addable = (groups.data ?? []).filter((g) => g.type === 'manual' && !memberOf.has(g.id));

  return (
    <section className="demo-admin-section demo-admin-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {name} <code>{user.id}</code>
      </h2>
      <dl className="demo-admin-facts">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Username</dt>
        <dd>{user.username}</dd>
        <dt>Branch</dt>
        <dd>{user.branchId ?? '—'}</dd>
        <dt>Status</dt>
        <dd>{user.status}</dd>
        <dt>Attributes</dt>
        <dd>
          <code>{JSON.stringify(user.attributes)}</code>
        </dd>
      </dl>
      <p>
        <a href={consoleHref('users')}>Close {name}</a>
      </p>
      <section className="demo-admin-subsection" aria-labelledby={`${id}-groups`}>
        <h3 id={`${id}-groups`} ref={groupsHeadingRef} tabIndex={-1}>
          Groups of {name}
        </h3>
        <p role="status">{outcome}</p>
        <FormError error={remove.error} />
        <ScrollTable
          caption={`${name} is in ${memberships.length} ${memberships.length === 1 ? 'group' : 'groups'}`}
        >
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Source</th>
              <th scope="col">Joined</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {memberships.map((membership) => {
              // Automatic groups follow their rules: a membership there cannot be removed.
              const manual = groupById.get(membership.groupId)?.type !== 'automatic';
              return (
                <tr key={membership.groupId}>
                  <th scope="row">
                    {membership.name} <code>{membership.slug}</code>
                  </th>
                  <td>
                    {membership.source}{' '}
                    <span className="demo-admin-hint">
                      ({MEMBERSHIP_SOURCE_TEXT[membership.source]})
                    </span>
                  </td>
                  <td>{formatInstant(membership.joinedAt)}</td>
                  <td className="demo-admin-row-actions">
                    {manual && membership.source !== 'rule' ? (
                      <ConfirmButton
                        label={`Remove from ${membership.name}`}
                        question={`Remove ${name} from “${membership.name}”?`}
                        confirmLabel="Yes, remove"
                        onConfirm={() => {
                          setOutcome('');
                          remove.mutate({ membership, name });
                        }}
                        disabled={remove.isPending}
                      >
                        Remove
                      </ConfirmButton>
                    ) : (
                      <span className="demo-admin-hint">Set by the group’s rules</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </ScrollTable>
        <AddToGroupForm
          user={user}
          userName={name}
          groups={addable}
          onAdded={(group) => setOutcome(`Added ${name} to ${group.name}.`)}
        />
      </section>
    </section>
  );
}
