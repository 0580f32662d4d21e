import type { GroupKitClient, Session } from '@groupkit/client';
import { type DataTag, queryOptions, type UseQueryOptions } from '@tanstack/react-query';
import { groupKitKeys } from './queryKeys';

export interface SessionQueryParams {
  client: GroupKitClient;
  userId: string;
  groupId?: string | null;
}

export type SessionQueryKey = ReturnType<typeof groupKitKeys.session>;

/** Spelled out (rather than inferred) so the published .d.ts names React Query's public types. */
export type SessionQueryOptions = UseQueryOptions<Session, Error, Session, SessionQueryKey> & {
  queryKey: DataTag<SessionQueryKey, Session, Error>;
};

/**
 * The one request a provider sends on mount (`GET /v1/session`). Use it to prefetch on a
 * server or in a route loader.
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
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      client.getSession({ userId, groupId: groupId ?? undefined }, { signal }),
  });
}
