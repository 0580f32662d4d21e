import { useEffect, useState } from 'react';

/** The console's pages: each has its own hash route under `#/admin`. */
export type ConsolePage = 'groups' | 'users' | 'audiences';

export interface ConsoleRoute {
  page: ConsolePage;
  /** The user the users page has open (`#/admin/users/{userId}`), so Back closes them again. */
  userId: string | null;
}

/** Reads `#/admin`, `#/admin/users`, `#/admin/users/{userId}` and `#/admin/audiences`. */
export function parseConsoleHash(hash: string): ConsoleRoute {
  const [, , page, userId] = hash.replace(/^#/, '').split('/');
  if (page === 'users') {
    return { page: 'users', userId: userId ? decodeURIComponent(userId) : null };
  }
  if (page === 'audiences') return { page: 'audiences', userId: null };
  return { page: 'groups', userId: null };
}

/** The hash of a console page (and of one user on the users page). */
export function consoleHref(page: ConsolePage, userId?: string): string {
  if (page === 'groups') return '#/admin';
  if (page === 'users' && userId) return `#/admin/users/${encodeURIComponent(userId)}`;
  return `#/admin/${page}`;
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
