// How a provider reads. Its one request on mount is `loadSession` (`GET /v1/session`): the
// first load of every resource comes from it, deduplicated however many hooks mount; later
// refetches use each resource's own endpoint.
import {
  type AccountGroup,
  type ClientCore,
  type GroupKitError,
  getGroup,
  getSession,
  listMemberships,
  type Membership,
  type RequestOptions,
  type Session,
  type UserGroup,
} from '@groupkit/client';
import type { QueryClient } from '@tanstack/react-query';
import { groupKitKeys } from './queryKeys';
import { GROUPKIT_STALE_TIME } from './queryDefaults';
import type { GroupKitErrorContext } from './changeRunner';
import type { GroupKitStore } from './store';

/** What a provider's loaders read from its context. */
export interface LoaderEnv {
  core: ClientCore;
  onError: (error: GroupKitError, context: GroupKitErrorContext) => void;
  queryClient: QueryClient;
  store: GroupKitStore;
  userId: string | null;
  groupId: string | null;
}

/** A resource's query function inside a provider. Separate functions, so a bundle holds only the ones its hooks use. */
export type Loader<T> = (env: LoaderEnv, signal: AbortSignal) => Promise<T>;

const versions = (env: LoaderEnv) => env.store.getState().versions;

/** Whether a membership change or code redemption is queued or on the wire. */
const writing = (env: LoaderEnv) =>
  env.store.getState().pending.some((c) => c.kind === 'memberships' || c.kind === 'redeem');

/**
 * Runs a read, showing in the store while the client retries it (so the UI can say
 * "reconnecting" rather than fail early), and reports its final failure to `onError` once:
 * resources waiting on the session share its one failure, and a read cancelled on purpose
 * (unmount) is no failure at all.
 */
export async function read<T>(
  env: LoaderEnv,
  signal: AbortSignal,
  load: (options: RequestOptions) => Promise<T>,
): Promise<T> {
  try {
    return await load({ signal, onRetry: () => env.store.setState({ retrying: true }) });
  } catch (error) {
    // The client throws only GroupKit errors (a cancelled read throws the signal's reason).
    if (!signal.aborted) env.onError(error as GroupKitError, { action: 'load' });
    throw error;
  } finally {
    env.store.setState({ retrying: false });
  }
}

/**
 * `GET /v1/session`, seeding every resource's cache — except one the user wrote to while the
 * request was out (its version moved on): a slow read never undoes a later write.
 */
async function loadSession(env: LoaderEnv, signal: AbortSignal): Promise<Session> {
  const { core, queryClient, groupId } = env;
  const userId = env.userId ?? '';
  const before = versions(env);
  const quiet = !writing(env);
  const loaded = await read(env, signal, (options) =>
    getSession(core, { userId, groupId }, options),
  );
  const now = versions(env);
  if (now.memberships === before.memberships)
    queryClient.setQueryData(groupKitKeys.memberships(userId), loaded.memberships);
  // Member counts move by a delta when a change commits: a read that overlapped a change may
  // count it already (the delta would count it twice) or not (it would undo the delta).
  if (now.memberships === before.memberships && quiet && !writing(env))
    queryClient.setQueryData(groupKitKeys.userGroups(userId), loaded.userGroups);
  if (groupId && now.group === before.group)
    queryClient.setQueryData(groupKitKeys.group(userId, groupId), loaded.group);
  return loaded;
}

/** The session, deduplicated: five hooks mounting together share this one request. */
function fetchSession(env: LoaderEnv, staleTime = GROUPKIT_STALE_TIME) {
  return env.queryClient.fetchQuery({
    queryKey: groupKitKeys.session(env.userId ?? '', env.groupId),
    queryFn: ({ signal }) => loadSession(env, signal),
    staleTime,
  });
}

/**
 * The first load of a resource comes with the session; a refetch uses the resource's own
 * endpoint. Either way, an answer to a read that started before one of the user's writes
 * committed yields to the cache, which already holds the newer state.
 */
async function firstFromSession<T>(
  env: LoaderEnv,
  resource: 'memberships' | 'group',
  key: readonly unknown[],
  fromSession: (session: Session) => T,
  refetch: () => Promise<T>,
): Promise<T> {
  const before = versions(env)[resource];
  const cached = env.queryClient.getQueryData<T>(key);
  const fresh = cached === undefined ? fromSession(await fetchSession(env)) : await refetch();
  return versions(env)[resource] === before
    ? fresh
    : (env.queryClient.getQueryData<T>(key) ?? fresh);
}

export const loadMemberships: Loader<Membership[]> = (env, signal) => {
  const userId = env.userId ?? '';
  return firstFromSession(
    env,
    'memberships',
    groupKitKeys.memberships(userId),
    (s) => s.memberships,
    () => read(env, signal, (options) => listMemberships(env.core, userId, options)),
  );
};

// The directory endpoint pages for publishable keys; the session carries all of it.
export const loadUserGroups: Loader<UserGroup[]> = async (env) => {
  const key = groupKitKeys.userGroups(env.userId ?? '');
  const cached = env.queryClient.getQueryData<UserGroup[]>(key);
  const session = await fetchSession(env, cached === undefined ? undefined : 0);
  // What the session load kept: the cache when a change overlapped the read.
  return env.queryClient.getQueryData<UserGroup[]>(key) ?? session.userGroups;
};

export const loadGroup: Loader<AccountGroup | null> = (env, signal) => {
  const { groupId } = env;
  if (!groupId) return Promise.resolve(null);
  return firstFromSession(
    env,
    'group',
    groupKitKeys.group(env.userId ?? '', groupId),
    (s) => s.group,
    () => read(env, signal, (options) => getGroup(env.core, groupId, options)),
  );
};
