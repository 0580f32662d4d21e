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

/**
 * The console route, following the hash (links, Back and Forward). With a `guard` holding
 * unsaved edits, a change to another page asks first; declined, the address goes back to this
 * page (the history entry the link or Back made now points here) and nothing is lost.
 */
export function useConsoleRoute(guard?: { mayLeave(): boolean }): ConsoleRoute {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    let shown = window.location.hash;
    const onHashChange = () => {
      const next = window.location.hash;
      if (guard && leavesPage(shown, next) && !guard.mayLeave()) {
        const url = new URL(window.location.href);
        url.hash = shown;
        window.history.replaceState(window.history.state, '', url);
        return;
      }
      shown = next;
      setHash(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [guard]);
  return parseConsoleHash(hash);
}

/** Whether going from one hash to another shows another page (or another user or flow). */
export function leavesPage(fromHash: string, toHash: string): boolean {
  const from = parseConsoleHash(fromHash);
  const to = parseConsoleHash(toHash);
  return from.page !== to.page || from.userId !== to.userId || from.flowId !== to.flowId;
}
