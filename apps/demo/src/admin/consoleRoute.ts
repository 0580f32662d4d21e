import type { OperatorRole } from '@groupkit/client';
import { useEffect, useState } from 'react';

/** The console's pages: each has its own hash route under the console's root. */
export type ConsolePage =
  'groups' | 'users' | 'audiences' | 'flows' | 'audit' | 'operators' | 'settings';

/** The least role each page is for (the nav lists only the signed-in operator's). */
export const PAGE_ROLES: Record<ConsolePage, OperatorRole> = {
  groups: 'support',
  users: 'support',
  audiences: 'admin',
  flows: 'admin',
  audit: 'admin',
  operators: 'owner',
  settings: 'owner',
};

export interface ConsoleRoute {
  page: ConsolePage;
  /** The user the users page has open (`…/users/{userId}`), so Back closes them again. */
  userId: string | null;
  /** The flow the flows page has open (`…/flows/{flowId}`), likewise. */
  flowId: string | null;
}

/**
 * Where the console's routes start: `#/admin` inside the demo, `#` in the console built on
 * its own (served at `/admin/`, so `/admin/#/users`).
 */
export const CONSOLE_ROOT = import.meta.env.VITE_GROUPKIT_CONSOLE_ROOT ?? '#/admin';

const PAGES: readonly ConsolePage[] = [
  'users',
  'audiences',
  'flows',
  'audit',
  'operators',
  'settings',
];

/**
 * Reads `{root}`, `{root}/users`, `{root}/users/{userId}`, `{root}/audiences`,
 * `{root}/flows`, `{root}/flows/{flowId}`, `{root}/audit`, `{root}/operators`,
 * `{root}/settings`.
 */
export function parseConsoleHash(hash: string, root = CONSOLE_ROOT): ConsoleRoute {
  const rest = hash.startsWith(root) ? hash.slice(root.length) : '';
  const [, page, item] = rest.split('/');
  const opened = item ? decodeURIComponent(item) : null;
  if (page === 'users') return { page: 'users', userId: opened, flowId: null };
  if (page === 'flows') return { page: 'flows', userId: null, flowId: opened };
  const known = PAGES.find((p) => p === page);
  return { page: known ?? 'groups', userId: null, flowId: null };
}

/** The hash of a console page (and of one user, or one flow, open on its page). */
export function consoleHref(page: ConsolePage, itemId?: string): string {
  if (page === 'groups') return CONSOLE_ROOT === '#' ? '#/' : CONSOLE_ROOT;
  if ((page === 'users' || page === 'flows') && itemId) {
    return `${CONSOLE_ROOT}/${page}/${encodeURIComponent(itemId)}`;
  }
  return `${CONSOLE_ROOT}/${page}`;
}

/** The console route, following the hash (links, Back and Forward). */
export function useConsoleRoute(): ConsoleRoute {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onHashChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return parseConsoleHash(hash);
}
