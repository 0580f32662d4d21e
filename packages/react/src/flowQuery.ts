import { type GroupKitClient, getUserFlow, type UserFlow } from '@groupkit/client';
import { queryOptions } from '@tanstack/react-query';
import { flowQueryKey, keepOfflineCopy, whenOnline } from './flowState';
import { type LoaderEnv, read } from './loaders';
import { GROUPKIT_STALE_TIME } from './queryDefaults';
import type { GroupKitQueryOptions } from './resourceQueryOptions';

export type FlowQueryKey = ReturnType<typeof flowQueryKey>;

export interface FlowQueryParams {
  /** The client to load with. */
  client: GroupKitClient;
  /** The signed-in user. */
  userId: string;
  /** The flow's id. */
  flowId: string;
  /**
   * A version to serve whatever the user started (as the provider's `flowVersions`).
   * @default undefined (the version the server picks for the user)
   */
  version?: number;
}

/**
 * One user's server-defined flow (`GET /v1/users/{userId}/flows/{flowId}`): the version they
 * see and their progress. Inside a provider `useFlow` loads it; use this to prefetch.
 * @example await queryClient.prefetchQuery(flowQueryOptions({ client, userId: 'u_ada', flowId: 'welcome' }))
 */
export function flowQueryOptions({
  client,
  userId,
  flowId,
  version,
}: FlowQueryParams): GroupKitQueryOptions<UserFlow, FlowQueryKey> {
  return queryOptions({
    queryKey: flowQueryKey(userId, flowId, version ?? null),
    staleTime: GROUPKIT_STALE_TIME,
    queryFn: ({ signal }) => client.getUserFlow(userId, flowId, { version }, { signal }),
  });
}

/**
 * Loads a flow inside a provider: not while offline (the offline copy shows meanwhile), and
 * an answer to a read that started before one of the user's writes committed yields to the
 * cache, which already holds the newer progress. Each answer refreshes the offline copy.
 */
export async function loadFlow(
  env: LoaderEnv,
  flowId: string,
  version: number | undefined,
  signal: AbortSignal,
): Promise<UserFlow> {
  const userId = env.userId ?? '';
  const key = flowQueryKey(userId, flowId, version ?? null);
  const before = env.queryClient.getQueryState(key)?.dataUpdateCount;
  await whenOnline(signal);
  const fresh = await read(env, signal, (options) =>
    getUserFlow(env.core, userId, flowId, { version }, options),
  );
  const now = env.queryClient.getQueryState<UserFlow>(key);
  const latest = (now?.dataUpdateCount !== before && now?.data) || fresh;
  keepOfflineCopy(env.store, flowId, () => latest);
  return latest;
}
