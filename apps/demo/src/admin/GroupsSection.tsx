import type { ListUserGroupsParams, UserGroup } from '@groupkit/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useConsoleClient, useHasRole } from './useConsoleSession';
import { ConfirmButton } from './ConfirmButton';
import { formatWindow } from './datetime';
import { FormError } from './FormError';
import { GroupForm } from './GroupForm';
import { LegacyIdLookup } from './LegacyIdLookup';
import { SortHeader, type SortState } from './SortHeader';
import { useAdminMutation } from './useAdminMutation';
import { Pager } from './Pager';
import { ScrollTable } from './ScrollTable';

const PAGE_SIZE = 20;

/** What the list sorts by: `null` is the API's natural order (`order`, then name). */
type GroupSort = NonNullable<ListUserGroupsParams['sortAttr']> | null;

export interface GroupsSectionProps {
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

/** Every user group (hidden, scheduled and ended ones too), searchable and paged, with create and delete. */
export function GroupsSection({ selectedId, onSelect }: GroupsSectionProps) {
  const admin = useConsoleClient();
  // Support reads the list; creating, deleting and the legacy lookup are for admins.
  const canEdit = useHasRole('admin');
  const id = useId();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<SortState<GroupSort>>({ attr: null, dir: 'asc' });
  const [creating, setCreating] = useState(false);
  const groups = useQuery({
    queryKey: ['groups', { search, page, sort }],
    queryFn: ({ signal }) =>
      admin.listUserGroups(
        {
          page,
          pageSize: PAGE_SIZE,
          searchText: search || undefined,
          sortAttr: sort.attr ?? undefined,
          sortDir: sort.dir,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
  const remove = useAdminMutation(
    (group: UserGroup) => admin.deleteUserGroup(group.id),
    (_, group) => {
      if (group.id === selectedId) onSelect(null);
    },
  );
  const pages = groups.data ? Math.max(1, Math.ceil(groups.data.total / PAGE_SIZE)) : 1;
  const sortBy = (next: SortState<GroupSort>) => {
    setSort(next);
    setPage(1);
  };
  const sortHeader = (attr: GroupSort, label: string) => (
    <SortHeader attr={attr} label={label} sort={sort} onSort={sortBy} />
  );

  return (
    <section className="demo-admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>User groups</h2>
      {canEdit ? null : (
        <p className="demo-admin-hint">
          Read-only for the support role: open a group to see its rules and members.
        </p>
      )}
      <div className="demo-admin-actions">
        {canEdit ? (
          <button
            type="button"
            aria-expanded={creating}
            aria-controls={`${id}-new`}
            onClick={() => setCreating((c) => !c)}
          >
            {creating ? 'Close the new group form' : 'New group'}
          </button>
        ) : null}
        <label>
          Search groups
          <input
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
        </label>
      </div>
      {canEdit ? <LegacyIdLookup onFound={(group) => onSelect(group.id)} /> : null}
      <div id={`${id}-new`}>
        {creating && canEdit ? (
          <GroupForm
            onSaved={(group) => {
              setCreating(false);
              onSelect(group.id);
            }}
          />
        ) : null}
      </div>
      {groups.isError ? <FormError error={groups.error} /> : null}
      <FormError error={remove.error} />
      <ScrollTable
        caption={
          groups.data
            ? `${groups.data.total} user groups (page ${page} of ${pages})`
            : groups.isError
              ? 'Could not load the user groups'
              : 'Loading user groups…'
        }
      >
        <thead>
          <tr>
            {sortHeader('name', 'Name')}
            {sortHeader('slug', 'Slug')}
            {sortHeader('description', 'Description')}
            {['Type', 'Join type', 'Viewable', 'Status', 'Window'].map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
            {sortHeader(null, 'Order')}
            <th scope="col">Members</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {groups.data?.data.map((group) => (
            <tr key={group.id} aria-current={group.id === selectedId ? 'true' : undefined}>
              <th scope="row">{group.name}</th>
              <td>
                <code>{group.slug}</code>
              </td>
              <td className="demo-admin-description">{group.description}</td>
              <td>{group.type}</td>
              <td>{group.joinType ?? 'admin-only'}</td>
              <td>{group.userViewable ? 'yes' : 'no'}</td>
              <td>{group.status}</td>
              <td>{formatWindow(group.startsAt, group.stopsAt)}</td>
              <td>{group.order}</td>
              <td data-testid="member-count">{group.memberCount}</td>
              <td className="demo-admin-row-actions">
                <button
                  type="button"
                  aria-label={`${canEdit ? 'Manage' : 'View'} ${group.name}`}
                  aria-pressed={group.id === selectedId}
                  onClick={() => onSelect(group.id === selectedId ? null : group.id)}
                >
                  {canEdit ? 'Manage' : 'View'}
                </button>
                {canEdit ? (
                  <ConfirmButton
                    label={`Delete ${group.name}`}
                    question={`Delete “${group.name}” and its ${group.memberCount} memberships, codes and automations?`}
                    confirmLabel="Yes, delete"
                    onConfirm={() => remove.mutate(group)}
                    disabled={remove.isPending}
                  >
                    Delete
                  </ConfirmButton>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <Pager label="User group pages" page={page} pages={pages} onPage={setPage} />
    </section>
  );
}
