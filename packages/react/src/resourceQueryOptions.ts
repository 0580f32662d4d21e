import type { AccountGroup, GroupKitClient, Membership, UserGroup } from '@groupkit/client';
import { type DataTag, queryOptions, type UseQueryOptions } from '@tanstack/react-query';
import { GROUPKIT_STALE_TIME } from './queryDefaults';
import { groupKitKeys } from './queryKeys';

// Where it was defined before `queryDefaults.ts`.
export { GROUPKIT_STALE_TIME } from './queryDefaults';

/** Spelled out (not inferred) so the published .d.ts names React Query's public types. */
export type GroupKitQueryOptions<T, K extends readonly unknown[]> = UseQueryOptions<
  T,
  Error,
  T,
  K
> & { queryKey: DataTag<K, T, Error> };

export interface UserQueryParams {
  /** The client to load with. */
  client: GroupKitClient;
  /** The signed-in user. */
  userId: string;
}

export type MembershipsQueryKey = ReturnType<typeof groupKitKeys.memberships>;
export type UserGroupsQueryKey = ReturnType<typeof groupKitKeys.userGroups>;
export type GroupQueryKey = ReturnType<typeof groupKitKeys.group>;

/**
 * The user's memberships (`GET /v1/users/{userId}/memberships`). Inside a provider the
 * first load comes from the session instead; use this to prefetch or to refetch one resource.
 * @example await queryClient.prefetchQuery(membershipsQueryOptions({ client, userId: 'u_ada' }))
 */
export function membershipsQueryOptions({
  client,
  userId,
}: UserQueryParams): GroupKitQueryOptions<Membership[], MembershipsQueryKey> {
  return queryOptions({
    queryKey: groupKitKeys.memberships(userId),
    staleTime: GROUPKIT_STALE_TIME,
    queryFn: ({ signal }) => client.listMemberships(userId, { signal }),
  });
}

/**
 * The group directory as the user sees it: viewable active and scheduled groups by `order`
 * (loaded with the session, which carries the whole directory in one answer).
 * @example await queryClient.prefetchQuery(userGroupsQueryOptions({ client, userId: 'u_ada' }))
 */
export function userGroupsQueryOptions({
  client,
  userId,
}: UserQueryParams): GroupKitQueryOptions<UserGroup[], UserGroupsQueryKey> {
  return queryOptions({
    queryKey: groupKitKeys.userGroups(userId),
    staleTime: GROUPKIT_STALE_TIME,
    queryFn: async ({ signal }) => (await client.getSession({ userId }, { signal })).userGroups,
  });
}

/**
 * An account group and its properties (`GET /v1/groups/{groupId}`).
 * @example await queryClient.prefetchQuery(groupQueryOptions({ client, userId: 'u_ada', groupId: 'acme' }))
 */
export function groupQueryOptions({
  client,
  userId,
  groupId,
}: UserQueryParams & { groupId: string }): GroupKitQueryOptions<AccountGroup, GroupQueryKey> {
  return queryOptions({
    queryKey: groupKitKeys.group(userId, groupId),
    staleTime: GROUPKIT_STALE_TIME,
    queryFn: ({ signal }) => client.getGroup(groupId, { signal }),
  });
}
