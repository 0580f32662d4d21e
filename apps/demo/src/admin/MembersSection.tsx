import type { GroupMemberSort, UserGroup } from '@groupkit/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { AddMembersForm } from './AddMembersForm';
import { useConsoleClient } from './useConsoleSession';
import { formatInstant } from './datetime';
import { FormError } from './FormError';
import { MemberExportForm } from './MemberExportForm';
import { MemberRemoval } from './MemberRemoval';
import { Pager } from './Pager';
import { SortHeader, type SortState } from './SortHeader';
import { ScrollTable } from './ScrollTable';

const PAGE_SIZE = 20;
const SORTABLE: [GroupMemberSort, string][] = [
  ['id', 'User id'],
  ['userid', 'Username'],
  ['firstname', 'First name'],
  ['lastname', 'Last name'],
  ['email', 'Email'],
];

/**
 * A group's members: sort, search, page; for admins also add, remove, and the CSV export as
 * a download (support reads the list, and changes one user's groups on the users page).
 */
export function MembersSection({ group, canEdit }: { group: UserGroup; canEdit: boolean }) {
  const admin = useConsoleClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [sort, setSort] = useState<SortState<GroupMemberSort>>({ attr: 'lastname', dir: 'asc' });
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const members = useQuery({
    queryKey: ['members', group.id, { sort, search, page }],
    queryFn: ({ signal }) =>
      admin.listGroupMembers(
        group.id,
        {
          sortAttr: sort.attr,
          sortDir: sort.dir,
          searchText: search || undefined,
          page,
          pageSize: PAGE_SIZE,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
  const rows = members.data?.data ?? [];
  const pages = members.data ? Math.max(1, Math.ceil(members.data.total / PAGE_SIZE)) : 1;
  const manual = group.type === 'manual';
  const editable = manual && canEdit;
  const allOnPage = rows.length > 0 && rows.every((m) => selected.has(m.id));
  // Offered only once the table shows this very search: the count asked about is the count removed.
  const matching =
    search.trim() !== '' && members.data && !members.isPlaceholderData
      ? { search: search.trim(), count: members.data.total }
      : null;
  const toggle = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const memberId of ids) {
        if (on) next.add(memberId);
        else next.delete(memberId);
      }
      return next;
    });

  return (
    <section className="demo-admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Members
      </h3>
      {editable ? <AddMembersForm group={group} /> : null}
      {manual ? null : (
        <p className="demo-admin-hint">
          The members of an automatic group come from its rule set; change the rules to change them.
        </p>
      )}
      <div className="demo-admin-actions">
        <label>
          Search members
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
      {canEdit ? <MemberExportForm group={group} /> : null}
      {editable ? (
        <MemberRemoval
          group={group}
          selected={selected}
          matching={matching}
          onRemoved={() => {
            setSelected(new Set());
            // The button that was used may be gone or disabled now: start again at the heading.
            // Only from there, though: focus the user has since moved (to the search box, say)
            // stays where it is, or what they type next would land nowhere.
            const active = document.activeElement;
            if (!active || active === document.body || active.closest('.demo-admin-removal')) {
              headingRef.current?.focus();
            }
          }}
        />
      ) : null}
      {members.isError ? <FormError error={members.error} /> : null}
      <ScrollTable
        caption={
          members.data
            ? `${members.data.total} members of ${group.name} (page ${page} of ${pages})`
            : members.isError
              ? 'Could not load the members'
              : 'Loading members…'
        }
      >
        <thead>
          <tr>
            {editable ? (
              <td>
                <input
                  type="checkbox"
                  aria-label="Select every member on this page"
                  checked={allOnPage}
                  onChange={(e) =>
                    toggle(
                      rows.map((m) => m.id),
                      e.target.checked,
                    )
                  }
                />
              </td>
            ) : null}
            {SORTABLE.map(([attr, label]) => (
              <SortHeader
                key={attr}
                attr={attr}
                label={label}
                sort={sort}
                onSort={(next) => {
                  setSort(next);
                  setPage(1);
                }}
              />
            ))}
            <th scope="col">Status</th>
            <th scope="col">Source</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((member) => (
            <tr key={member.id}>
              {editable ? (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${member.firstname} ${member.lastname} (${member.id})`}
                    checked={selected.has(member.id)}
                    onChange={(e) => toggle([member.id], e.target.checked)}
                  />
                </td>
              ) : null}
              <th scope="row">{member.id}</th>
              <td>{member.userid}</td>
              <td>{member.firstname}</td>
              <td>{member.lastname}</td>
              <td>{member.email}</td>
              <td>{member.status}</td>
              <td>{member.source}</td>
              <td>{formatInstant(member.joinedAt)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <Pager label="Member pages" page={page} pages={pages} onPage={setPage} />
    </section>
  );
}
