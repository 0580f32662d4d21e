'use client';
import type { AccountGroup, Membership, UserGroup } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import { groupKitKeys } from './queryKeys';
import { GROUPKIT_STALE_TIME } from './resourceQueryOptions';

interface Resources {
  memberships: Membership[];
  userGroups: UserGroup[];
  group: AccountGroup | null;
}

/**
 * The shared base of the data hooks: each reads one resource with a selector, so five hooks
 * still mean one request (the first load of every resource shares `GET /v1/session`), and a
 * component re-renders only when its selected slice changes.
 */
export function useResourceQuery<R extends keyof Resources, T>(
  hookName: string,
  resource: R,
  select: (data: Resources[R]) => T,
  options?: GroupKitHookOptions,
) {
  const { queryClient, userId, groupId, enabled, loaders } = useGroupKitContext(hookName, options);
  const user = userId ?? '';
  const queryKey =
    resource === 'memberships'
      ? groupKitKeys.memberships(user)
      : resource === 'userGroups'
        ? groupKitKeys.userGroups(user)
        : groupKitKeys.group(user, groupId ?? '');
  return useQuery<Resources[R], Error, T>(
    {
      queryKey,
      queryFn: loaders[resource] as (ctx: { signal: AbortSignal }) => Promise<Resources[R]>,
      staleTime: GROUPKIT_STALE_TIME,
      enabled,
      select,
    },
    queryClient,
  );
}
