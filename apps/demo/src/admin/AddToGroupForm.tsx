import type { AdminUser, UserGroup } from '@groupkit/client';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';

export interface AddToGroupFormProps {
  user: AdminUser;
  userName: string;
  /** Manual groups the user is not in: the ones an admin can add them to. */
  groups: readonly UserGroup[];
  onAdded: (group: UserGroup) => void;
}

/** Puts the user in one manual group (`POST /v1/user-groups/{id}/users`, source `admin`). */
export function AddToGroupForm({ user, userName, groups, onAdded }: AddToGroupFormProps) {
  const admin = useConsoleClient();
  const id = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const [groupId, setGroupId] = useState('');
  const add = useAdminMutation(
    (group: UserGroup) => admin.addGroupMembers(group.id, { user_ids: [user.id] }),
    (_, group) => {
      setGroupId('');
      onAdded(group);
      // The chosen option is gone (they are a member now): stay on the picker for the next one.
      selectRef.current?.focus();
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const group = groups.find((g) => g.id === groupId);
    if (group && !add.isPending) add.mutate(group);
  };

  return (
    <form
      className="demo-admin-actions"
      onSubmit={submit}
      aria-label={`Add ${userName} to a group`}
    >
      <label>
        Manual group
        <select
          ref={selectRef}
          value={groupId}
          onChange={(e) => setGroupId(e.target.value)}
          required
          aria-describedby={`${id}-hint`}
        >
          <option value="">Choose a group…</option>
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name} ({group.slug})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" aria-disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add to group'}
      </button>
      <p id={`${id}-hint`} className="demo-admin-hint">
        Automatic groups are left out: their rules decide who is in.
      </p>
      <FormError error={add.error} />
    </form>
  );
}
