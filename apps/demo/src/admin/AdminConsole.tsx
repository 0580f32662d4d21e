import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { createAdminQueryClient, DEMO_SECRET_KEY } from './adminClient';
import { AudiencesPage } from './AudiencesPage';
import { ConsoleNav } from './ConsoleNav';
import { useConsoleRoute } from './consoleRoute';
import { GroupsPage } from './GroupsPage';
import { UsersPage } from './UsersPage';

/**
 * The secret-key side of the demo, for local development on the mocked API only: user
 * groups, rule sets, codes, members, users, audiences and automations. Lazily loaded (see
 * App.tsx), so the end-user bundle never contains the key. Its own QueryClient: nothing here
 * shares a cache with the end-user provider.
 */
export function AdminConsole() {
  const [queryClient] = useState(createAdminQueryClient);
  const route = useConsoleRoute();
  const pageRef = useRef<HTMLDivElement>(null);
  const shownPage = useRef(route.page);

  // A link to another page swaps the content below the nav: focus goes to the new page's
  // first heading, so keyboard and screen-reader users start there, not at the nav again.
  useEffect(() => {
    if (shownPage.current === route.page) return;
    shownPage.current = route.page;
    const heading = pageRef.current?.querySelector('h2');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [route.page]);

  return (
    <QueryClientProvider client={queryClient}>
      <main className="demo-admin">
        <h1>Admin console</h1>
        <p className="demo-admin-banner" role="note">
          Admin console — uses the secret key <code>{DEMO_SECRET_KEY}</code>; for local development
          with the mocked API only
        </p>
        <ConsoleNav current={route.page} />
        <div ref={pageRef}>
          {route.page === 'users' ? (
            <UsersPage userId={route.userId} />
          ) : route.page === 'audiences' ? (
            <AudiencesPage />
          ) : (
            <GroupsPage />
          )}
        </div>
      </main>
    </QueryClientProvider>
  );
}
