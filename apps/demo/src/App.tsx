import { lazy, Suspense, useEffect, useState } from 'react';
import { DemoAccounts } from './DemoAccounts';
import { EndUserPage } from './EndUserPage';

/** True when the demo runs on the mocked API (no VITE_GROUPKIT_BASE_URL): the dev tools exist only then. */
export const MOCK_MODE = !import.meta.env.VITE_GROUPKIT_BASE_URL;

// Loaded on demand and only in mock mode: the end-user bundle never contains the admin
// methods. A build pointed at a real API links to the console that API serves (`/admin/`).
const AdminConsole = MOCK_MODE
  ? lazy(() => import('./admin/AdminConsole').then((m) => ({ default: m.AdminConsole })))
  : null;
const OrderedChangesPlayground = MOCK_MODE
  ? lazy(() =>
      import('./playground/OrderedChangesPlayground').then((m) => ({
        default: m.OrderedChangesPlayground,
      })),
    )
  : null;
const DevToolbar = MOCK_MODE
  ? lazy(() => import('./devtools/DevToolbar').then((m) => ({ default: m.DevToolbar })))
  : null;

type Route = 'app' | 'admin' | 'playground';

function routeOf(hash: string): Route {
  if (hash.startsWith('#/admin')) return 'admin';
  if (hash.startsWith('#/playground')) return 'playground';
  return 'app';
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return route;
}

export function App({
  baseUrl,
  userHashes,
}: {
  baseUrl?: string;
  /** Signed user ids, when the API verifies identity (the mock's `verified` scenario). */
  userHashes?: Record<string, string>;
}) {
  const route = useRoute();
  const links: [Route, string, string][] = [
    ['app', '#/', 'App'],
    ...(MOCK_MODE
      ? ([
          ['admin', '#/admin', 'Admin console'],
          ['playground', '#/playground', 'Ordered changes'],
        ] as [Route, string, string][])
      : baseUrl
        ? ([['admin', `${baseUrl.replace(/\/+$/, '')}/admin/`, 'Admin console']] as [
            Route,
            string,
            string,
          ][])
        : []),
  ];
  return (
    <>
      <nav className="demo-nav" aria-label="Demo sections">
        <span className="demo-brand">GroupKit demo</span>
        {links.map(([id, href, label]) => (
          <a key={id} href={href} aria-current={route === id ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <Suspense fallback={<p role="status">Loading…</p>}>
        {route === 'admin' && AdminConsole ? (
          <AdminConsole signInHint={<DemoAccounts />} />
        ) : route === 'playground' && OrderedChangesPlayground ? (
          <OrderedChangesPlayground signInHint={<DemoAccounts />} />
        ) : (
          <EndUserPage baseUrl={baseUrl} userHashes={userHashes} />
        )}
        {DevToolbar ? <DevToolbar /> : null}
      </Suspense>
    </>
  );
}
