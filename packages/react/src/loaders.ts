import type {
  AccountGroup,
  GroupKitClient,
  Membership,
  Session,
  UserGroup,
} from '@groupkit/client';
import type { QueryClient, QueryFunctionContext } from '@tanstack/react-query';
import { groupKitKeys } from './queryKeys';
import { sessionQueryOptions } from './sessionQueryOptions';
import type { GroupKitStore } from './store';

export interface LoaderEnv {
  client: GroupKitClient;
  queryClient: QueryClient;
  store: GroupKitStore;
  userId: string;
  groupId: string | null;
}

/** The query functions a provider's hooks use (each resource's own endpoint after the first load). */
export interface GroupKitLoaders {
  session: (ctx: Pick<QueryFunctionContext, 'signal'>) => Promise<Session>;
  memberships: (ctx: Pick<QueryFunctionContext, 'signal'>) => Promise<Membership[]>;
  userGroups: (ctx: Pick<QueryFunctionContext, 'signal'>) => Promise<UserGroup[]>;
  group: (ctx: Pick<QueryFunctionContext, 'signal'>) => Promise<AccountGroup | null>;
}

/**
 * Loaders that share one `GET /v1/session` for the first load of every resource, then refetch
 * each from its own endpoint. A read that started before one of the user's writes committed
 * never overwrites what the write left (the store's version moved on): the cache keeps the newer data.
 */
export function createLoaders({
  client,
  queryClient,
  store,
  userId,
  groupId,
}: LoaderEnv): GroupKitLoaders {
  const keys = {
    memberships: groupKitKeys.memberships(userId),
    userGroups: groupKitKeys.userGroups(userId),
    group: groupId ? groupKitKeys.group(userId, groupId) : null,
  };
  const versions = () => store.getState().versions;

  const session: GroupKitLoaders['session'] = async ({ signal }) => {
    const before = versions();
    const loaded = await client.getSession({ userId, groupId: groupId ?? undefined }, { signal });
    const now = versions();
    if (now.memberships === before.memberships)
      queryClient.setQueryData(keys.memberships, loaded.memberships);
    queryClient.setQueryData(keys.userGroups, loaded.userGroups);
    if (keys.group && loaded.group && now.group === before.group)
      queryClient.setQueryData(keys.group, loaded.group);
    return loaded;
  };
  // Deduplicated: five hooks mounting together share this one request.
  const fetchSession = (staleTime?: number) =>
    queryClient.fetchQuery({
      ...sessionQueryOptions({ client, userId, groupId }),
      queryFn: session,
      ...(staleTime === undefined ? {} : { staleTime }),
    });

  function guarded<T>(
    resource: 'memberships' | 'group',
    key: readonly unknown[],
    load: () => Promise<T>,
  ): Promise<T> {
    const before = versions()[resource];
    return load().then((fresh) =>
      versions()[resource] === before ? fresh : (queryClient.getQueryData<T>(key) ?? fresh),
    );
  }

  return {
    session,
    memberships: ({ signal }) =>
      guarded('memberships', keys.memberships, async () =>
        queryClient.getQueryData(keys.memberships) === undefined
          ? (await fetchSession()).memberships
          : client.listMemberships(userId, { signal }),
      ),
    // The directory endpoint pages for publishable keys; the session carries all of it.
    userGroups: async () =>
      (await fetchSession(queryClient.getQueryData(keys.userGroups) === undefined ? undefined : 0))
        .userGroups,
    group: ({ signal }) => {
      const key = keys.group;
      if (!key || !groupId) return Promise.resolve(null);
      return guarded('group', key, async () =>
        queryClient.getQueryData(key) === undefined
          ? (await fetchSession()).group
          : client.getGroup(groupId, { signal }),
      );
    },
  };
}
