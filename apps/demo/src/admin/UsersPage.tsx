import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { consoleHref } from './consoleRoute';
import { FormError } from './FormError';
import { Pager } from './Pager';
import { UserDetailPanel } from './UserDetailPanel';
import { ScrollTable } from './ScrollTable';

const PAGE_SIZE = 20;

/**
 * The support desk: find a user by name, email or id (`GET /v1/users`), open them
 * (`#/admin/users/{userId}`, so Back closes them) and see or change their groups.
 */
export function UsersPage({ userId }: { userId: string | null }) {
  const admin = useConsoleClient();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const users = useQuery({
    queryKey: ['users', { search, page }],
    queryFn: ({ signal }) =>
      admin.listUsers({ searchText: search || undefined, page, pageSize: PAGE_SIZE }, { signal }),
    placeholderData: keepPreviousData,
  });
  const total = users.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim());
    setPage(1);
  };
  // Closing a user (their Close link, or Back) removes the panel that had focus: focus goes
  // to their name in the list, or to the heading when they are not on this page of it.
  const sectionRef = useRef<HTMLElement>(null);
  const openBefore = useRef(userId);
  useEffect(() => {
    const closed = openBefore.current;
    openBefore.current = userId;
    if (closed === null || userId !== null) return;
    const section = sectionRef.current;
    const link = section?.querySelector<HTMLElement>(
      `a[href="${CSS.escape(consoleHref('users', closed))}"]`,
    );
    (link ?? section?.querySelector<HTMLElement>('h2'))?.focus();
  }, [userId]);
  const found = users.data
    ? `${total} ${total === 1 ? 'user' : 'users'}${search ? ` match “${search}”` : ''}.`
    : '';

  return (
    <>
      <section className="demo-admin-section" aria-labelledby={`${id}-title`} ref={sectionRef}>
        <h2 id={`${id}-title`} tabIndex={-1}>
          Users
        </h2>
        <form className="demo-admin-actions" onSubmit={submit} role="search" aria-label="Users">
          <label>
            Name, email or user id
            <input
              type="search"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <button type="submit">Search</button>
          {/* Mounted up front so each new count is announced. */}
          <span role="status">{users.isPlaceholderData ? 'Searching…' : found}</span>
        </form>
        {users.isError ? <FormError error={users.error} /> : null}
        <ScrollTable
          caption={
            users.data
              ? `${total} users${search ? ` matching “${search}”` : ''} (page ${page} of ${pages})`
              : users.isError
                ? 'Could not load the users'
                : 'Loading users…'
          }
        >
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">User id</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.data.map((user) => (
              <tr key={user.id} aria-current={user.id === userId ? 'true' : undefined}>
                <th scope="row">
                  <a href={consoleHref('users', user.id)}>
                    {[user.firstname, user.lastname].filter(Boolean).join(' ') || user.id}
                  </a>
                </th>
                <td>
                  <code>{user.id}</code>
                </td>
                <td>{user.email}</td>
                <td>{user.status}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        <Pager label="User pages" page={page} pages={pages} onPage={setPage} />
      </section>
      {userId ? <UserDetailPanel key={userId} userId={userId} /> : null}
    </>
  );
}
