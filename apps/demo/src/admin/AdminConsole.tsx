import { type ReactNode, useEffect, useRef, useState } from 'react';
import { AuditLogPage } from './AuditLogPage';
import { AudiencesPage } from './AudiencesPage';
import { ConsoleGate } from './ConsoleGate';
import { ConsoleHeader } from './ConsoleHeader';
import { ConsoleNav } from './ConsoleNav';
import { type ConsoleRoute, PAGE_ROLES, useConsoleRoute } from './consoleRoute';
import { ConsoleSessionProvider } from './ConsoleSessionProvider';
import { FlowsPage } from './FlowsPage';
import { GroupsPage } from './GroupsPage';
import { createLeaveGuard } from './leaveGuard';
import { OperatorsPage } from './OperatorsPage';
import { RoleNote } from './RoleNote';
import { SettingsPage } from './SettingsPage';
import { useHasRole } from './useConsoleSession';
import { UsersPage } from './UsersPage';
import { LeaveGuardContext } from './useUnsavedEdits';

export interface AdminConsoleProps {
  /** The API's origin: the page's own for the console the server serves. @default the hosted API */
  baseUrl?: string;
  /** Under the sign-in form (the demo's accounts on the mock). @default none */
  signInHint?: ReactNode;
}

/** Moves focus to the first heading under `container`: where a reader starts on a new page. */
function focusHeading(container: HTMLElement | null) {
  const heading = container?.querySelector('h2');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

function Page({ route }: { route: ConsoleRoute }) {
  const allowed = useHasRole(PAGE_ROLES[route.page]);
  if (!allowed) {
    return (
      <section className="demo-admin-section" aria-label="Not available">
        <h2>Not available</h2>
        <RoleNote needed={PAGE_ROLES[route.page]} what="This page" />
      </section>
    );
  }
  if (route.page === 'users') return <UsersPage userId={route.userId} />;
  if (route.page === 'audiences') return <AudiencesPage />;
  if (route.page === 'flows') return <FlowsPage flowId={route.flowId} />;
  if (route.page === 'audit') return <AuditLogPage />;
  if (route.page === 'operators') return <OperatorsPage />;
  if (route.page === 'settings') return <SettingsPage />;
  return <GroupsPage />;
}

/** The signed-in console: the operator, the pages their role may use, the current page. */
function SignedInConsole() {
  // Editors hold it while they have unsaved edits: moving to another page asks first.
  const [guard] = useState(() => createLeaveGuard((question) => window.confirm(question)));
  const route = useConsoleRoute(guard);
  const pageRef = useRef<HTMLDivElement>(null);
  const shownPage = useRef(route.page);

  // Just signed in (the sign-in form that had focus is gone): start at the page's heading.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) {
      focusHeading(pageRef.current);
    }
  }, []);
  // A link to another page swaps the content below the nav: focus goes to the new page's
  // first heading, so keyboard and screen-reader users start there, not at the nav again.
  useEffect(() => {
    if (shownPage.current === route.page) return;
    shownPage.current = route.page;
    focusHeading(pageRef.current);
  }, [route.page]);

  return (
    <LeaveGuardContext.Provider value={guard}>
      <ConsoleHeader />
      <ConsoleNav current={route.page} />
      <div ref={pageRef}>
        <Page route={route} />
      </div>
    </LeaveGuardContext.Provider>
  );
}

/**
 * The operators' dashboard: sign-in, then user groups, rule sets, codes, members, users,
 * automations, audiences, onboarding flows, the audit log, operators and the project's settings, each as far as the operator's role
 * allows. No API key anywhere: the operator's session (an httpOnly cookie and its CSRF
 * token) is the credential, against the mock in the demo and the server at `/admin`.
 */
export function AdminConsole({ baseUrl, signInHint }: AdminConsoleProps) {
  return (
    <ConsoleSessionProvider baseUrl={baseUrl}>
      <main className="demo-admin">
        <h1>Admin console</h1>
        <ConsoleGate hint={signInHint}>
          <SignedInConsole />
        </ConsoleGate>
      </main>
    </ConsoleSessionProvider>
  );
}
