'use client';
import type { MembershipSource, UserGroup } from '@groupkit/client';
import { groupKitKeys, useGroupKitContext, useMemberships, useUserGroups } from '@groupkit/react';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';

export interface GroupDirectoryStateOptions {
  includeScheduled: boolean;
  pageSize: number;
  /** Only these groups (slugs or ids). */
  groups?: readonly string[] | undefined;
}

/**
 * The directory's state without its markup: the groups and how the user is in each, the
 * search, the pages shown, and a retry. `listRef` goes on the `<ul>`: "Show more" focuses the
 * first row it added.
 */
export function useGroupDirectory({
  includeScheduled,
  pageSize,
  groups: only,
}: GroupDirectoryStateOptions) {
  const groups = useUserGroups({ includeScheduled });
  const memberships = useMemberships();
  const { queryClient, userId } = useGroupKitContext('GroupDirectory');
  const [query, setQueryState] = useState('');
  const [pages, setPages] = useState(1);
  const listRef = useRef<HTMLUListElement>(null);
  const focusRow = useRef(-1);

  const all = useMemo(
    () =>
      only ? groups.data?.filter((g) => only.includes(g.slug) || only.includes(g.id)) : groups.data,
    [groups.data, only],
  );
  // Typing stays responsive: filtering and re-rendering rows may lag a keystroke behind.
  const needle = useDeferredValue(query).trim().toLowerCase();
  const matches = useMemo(
    () =>
      all && needle
        ? all.filter((g) => `${g.name}\n${g.description}`.toLowerCase().includes(needle))
        : all,
    [all, needle],
  );
  const sources = useMemo(
    () => new Map<string, MembershipSource>(memberships.data?.map((m) => [m.groupId, m.source])),
    [memberships.data],
  );

  useEffect(() => {
    if (focusRow.current < 0) return;
    (listRef.current?.children[focusRow.current] as HTMLElement | undefined)?.focus();
    focusRow.current = -1;
  }, [pages]);

  const retry = useCallback(() => {
    // Both resources load through the one session request: refetching the user's active
    // queries sends it once.
    void queryClient.refetchQueries({ queryKey: groupKitKeys.user(userId ?? ''), type: 'active' });
  }, [queryClient, userId]);

  const setQuery = useCallback((next: string) => {
    setQueryState(next);
    setPages(1);
  }, []);

  const shown = pages * pageSize;
  const showMore = () => {
    focusRow.current = shown;
    setPages(pages + 1);
  };

  // Both load with the session: "ready" waits for both, so no "Member" badge pops in later.
  const loading = !all || !memberships.data;
  const rows: UserGroup[] = matches?.slice(0, shown) ?? [];
  return {
    /** The whole directory, once loaded. */
    all,
    /** The first load failed (a failed background refresh keeps the data shown). */
    error: (loading && (groups.error ?? memberships.error)) || null,
    loading,
    /** How the user is in each group, by group id. */
    sources,
    query,
    setQuery,
    /** The search in effect: what `matches` was filtered by. */
    searching: needle !== '',
    matches: matches ?? [],
    rows,
    /** How many rows "Show more" adds (0: everything is shown). */
    more: Math.min(pageSize, (matches?.length ?? 0) - shown),
    showMore,
    listRef,
    retry,
  };
}
