import type { GroupMemberSort, MembersRemove, UserGroup } from '@groupkit/client';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { AddMembersForm } from './AddMembersForm';
import { admin } from './adminClient';
import { ConfirmButton } from './ConfirmButton';
import { formatInstant } from './datetime';
import { downloadFile } from './downloadFile';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';
import { Pager } from './Pager';

const PAGE_SIZE = 20;
const SORTABLE: [GroupMemberSort, string][] = [
  ['id', 'User id'],
  ['userid', 'Username'],
  ['firstname', 'First name'],
  ['lastname', 'Last name'],
  ['email', 'Email'],
];

/** A group's members: sort, search, page, add, remove, and the CSV export as a download. */
export function MembersSection({ group }: { group: UserGroup }) {
  const id = useId();
  const [sort, setSort] = useState<{ attr: GroupMemberSort; dir: 'asc' | 'desc' }>({
    attr: 'lastname',
    dir: 'asc',
  });
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
  const remove = useAdminMutation(
    (body: MembersRemove) => admin.removeGroupMembers(group.id, body),
    () => setSelected(new Set()),
  );
  const download = useMutation({
    mutationFn: () => admin.exportGroupMembersCsv(group.id),
    onSuccess: (csv) => downloadFile(csv, `${group.slug}-members.csv`),
  });
  const rows = members.data?.data ?? [];
  const pages = members.data ? Math.max(1, Math.ceil(members.data.total / PAGE_SIZE)) : 1;
  const manual = group.type === 'manual';
  const allOnPage = rows.length > 0 && rows.every((m) => selected.has(m.id));
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
      <h3 id={`${id}-title`}>Members</h3>
      {manual ? (
        <AddMembersForm group={group} />
      ) : (
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
        <button type="button" onClick={() => download.mutate()} disabled={download.isPending}>
          {download.isPending ? 'Preparing CSV…' : 'Download CSV'}
        </button>
        {manual ? (
          <>
            <button
              type="button"
              onClick={() => remove.mutate({ user_ids: [...selected] })}
              disabled={selected.size === 0 || remove.isPending}
            >
              Remove selected ({selected.size})
            </button>
            <ConfirmButton
              question={`Remove all ${group.memberCount} members of “${group.name}”?`}
              confirmLabel="Yes, remove all"
              onConfirm={() => remove.mutate({ user_all: true })}
              disabled={group.memberCount === 0 || remove.isPending}
            >
              Remove all
            </ConfirmButton>
          </>
        ) : null}
      </div>
      <FormError
        error={remove.error ?? download.error ?? (members.isError ? members.error : null)}
      />
      <div className="demo-admin-scroll">
        <table className="demo-admin-table">
          <caption>
            {members.data
              ? `${members.data.total} members of ${group.name} (page ${page} of ${pages})`
              : members.isError
                ? 'Could not load the members'
                : 'Loading members…'}
          </caption>
          <thead>
            <tr>
              {manual ? (
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
              {SORTABLE.map(([attr, label]) => {
                const active = sort.attr === attr;
                return (
                  <th
                    key={attr}
                    scope="col"
                    aria-sort={
                      active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                  >
                    <button
                      type="button"
                      className="demo-admin-sort"
                      onClick={() => {
                        setSort({ attr, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' });
                        setPage(1);
                      }}
                    >
                      {label}
                      <span aria-hidden="true">
                        {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col">Status</th>
              <th scope="col">Source</th>
              <th scope="col">Joined</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((member) => (
              <tr key={member.id}>
                {manual ? (
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
        </table>
      </div>
      <Pager label="Member pages" page={page} pages={pages} onPage={setPage} />
    </section>
  );
}
