import type { GroupKitClient, Session } from '@groupkit/client';
import { queryOptions } from '@tanstack/react-query';
import { groupKitKeys } from './queryKeys';
import { GROUPKIT_STALE_TIME } from './queryDefaults';
import type { GroupKitQueryOptions } from './resourceQueryOptions';

export interface SessionQueryParams {
  /** The client to load with. */
  client: GroupKitClient;
  /** The signed-in user. */
  userId: string;
  /**
   * The account group to load with the session.
   * @default null
   */
  groupId?: string | null;
}

export type SessionQueryKey = ReturnType<typeof groupKitKeys.session>;

export type SessionQueryOptions = GroupKitQueryOptions<Session, SessionQueryKey>;

// For prefetching only: inside a provider the hooks do not use these options. The provider's
// own mount request (same endpoint, same key) is `loadSession` in `loaders.ts`, which also
// seeds memberships, directory and account group from the answer.
/**
 * `GET /v1/session` (what a provider loads on mount), under the provider's key for it. Use
 * it to prefetch on a server or in a route loader, then pass the result as the provider's
 * `initialData`.
 * @example await queryClient.prefetchQuery(sessionQueryOptions({ client, userId: 'u_ada', groupId: 'acme' }))
 */
export function sessionQueryOptions({
  client,
  userId,
  groupId = null,
}: SessionQueryParams): SessionQueryOptions {
  return queryOptions({
    queryKey: groupKitKeys.session(userId, groupId),
    // Fresh for a minute whatever the host QueryClient's defaults: hydration from
    // `initialData` and remounts must not refetch. The user's own changes update the cache.
    staleTime: GROUPKIT_STALE_TIME,
    queryFn: ({ signal }) =>
      client.getSession({ userId, groupId: groupId ?? undefined }, { signal }),
  });
}
