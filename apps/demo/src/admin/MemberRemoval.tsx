import type { MembersRemove, UserGroup } from '@groupkit/client';
import { useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { ConfirmButton } from './ConfirmButton';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';

export interface MemberRemovalProps {
  group: UserGroup;
  /** Member ids ticked in the table. */
  selected: ReadonlySet<string>;
  /** The search the table shows and how many members it matches; `null` while either is unsettled. */
  matching: { search: string; count: number } | null;
  /** After a removal: the table clears its selection and takes focus back (the button may be gone). */
  onRemoved: () => void;
}

/**
 * The three ways `DELETE /v1/user-groups/{id}/users` removes members of a manual group: the
 * ticked ones, those matching the search (`user_filters.search`, asked first with the count
 * the table shows) and everyone (`user_all`, asked first). Says how many went.
 */
export function MemberRemoval({ group, selected, matching, onRemoved }: MemberRemovalProps) {
  const admin = useConsoleClient();
  const [removed, setRemoved] = useState('');
  const remove = useAdminMutation(
    (body: MembersRemove) => admin.removeGroupMembers(group.id, body),
    (result) => {
      setRemoved(
        `Removed ${result.removed} ${result.removed === 1 ? 'member' : 'members'}; ${result.memberCount} left.`,
      );
      onRemoved();
    },
  );
  const run = (body: MembersRemove) => {
    setRemoved('');
    remove.mutate(body);
  };

  return (
    <>
      <div className="demo-admin-actions demo-admin-removal">
        <button
          type="button"
          onClick={() => run({ user_ids: [...selected] })}
          disabled={selected.size === 0 || remove.isPending}
        >
          Remove selected ({selected.size})
        </button>
        {matching ? (
          <ConfirmButton
            question={`Remove ${matching.count} ${matching.count === 1 ? 'member' : 'members'} matching “${matching.search}” from “${group.name}”?`}
            confirmLabel={`Yes, remove ${matching.count}`}
            onConfirm={() => run({ user_filters: { search: matching.search } })}
            disabled={matching.count === 0 || remove.isPending}
          >
            {`Remove matching (${matching.count})`}
          </ConfirmButton>
        ) : null}
        <ConfirmButton
          question={`Remove all ${group.memberCount} members of “${group.name}”?`}
          confirmLabel="Yes, remove all"
          onConfirm={() => run({ user_all: true })}
          disabled={group.memberCount === 0 || remove.isPending}
        >
          Remove all
        </ConfirmButton>
        <span role="status">{removed}</span>
      </div>
      <FormError error={remove.error} />
    </>
  );
}
