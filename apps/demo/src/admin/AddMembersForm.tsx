import type { MembersAdd, MembersAdded, UserGroup } from '@groupkit/client';
import { type FormEvent, useState } from 'react';
import { splitList } from './consoleClient';
import { useConsoleClient } from './useConsoleSession';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';

/** Adds users by id, whole branches, or the members of other groups to a manual group. */
export function AddMembersForm({ group }: { group: UserGroup }) {
  const admin = useConsoleClient();
  const [userIds, setUserIds] = useState('');
  const [branchIds, setBranchIds] = useState('');
  const [groupIds, setGroupIds] = useState('');
  const [result, setResult] = useState<MembersAdded | null>(null);
  const add = useAdminMutation(
    (body: MembersAdd) => admin.addGroupMembers(group.id, body),
    (added) => {
      setResult(added);
      setUserIds('');
      setBranchIds('');
      setGroupIds('');
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: MembersAdd = {};
    const lists = { user_ids: userIds, branch_ids: branchIds, group_ids: groupIds } as const;
    for (const [key, text] of Object.entries(lists) as [keyof MembersAdd, string][]) {
      const list = splitList(text);
      if (list.length > 0) body[key] = list;
    }
    add.mutate(body);
  };

  return (
    <form className="demo-admin-form" onSubmit={submit} aria-label={`Add members to ${group.name}`}>
      <div className="demo-admin-grid">
        <label>
          User ids
          <input
            value={userIds}
            onChange={(e) => setUserIds(e.target.value)}
            placeholder="u_ada, u_grace"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label>
          Branch ids
          <input
            value={branchIds}
            onChange={(e) => setBranchIds(e.target.value)}
            placeholder="london"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label>
          Members of groups (slugs or ids)
          <input
            value={groupIds}
            onChange={(e) => setGroupIds(e.target.value)}
            placeholder="customer"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
      </div>
      <div className="demo-admin-actions">
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add members'}
        </button>
        <span role="status">
          {result ? `Added ${result.added}; ${result.unchanged} were members already.` : ''}
        </span>
      </div>
      <FormError error={add.error} />
    </form>
  );
}
