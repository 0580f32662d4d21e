'use client';
import {
  createClientCore,
  type GroupKitClient,
  type GroupKitError,
  type Session,
} from '@groupkit/client';
import { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { GroupKitErrorContext } from './changeRunner';
import { GroupKitContext, type GroupKitContextValue } from './GroupKitContext';
import { groupKitKeys } from './queryKeys';
import { GROUPKIT_QUERY_DEFAULTS } from './queryDefaults';
import { createGroupKitStore } from './store';

export interface GroupKitProviderProps {
  /**
   * Your publishable key. Never pass a secret (`sk_`) key to a browser.
   * @example <GroupKitProvider apiKey="pk_test_groupkit" userId="u_ada">
   */
  apiKey: string;
  /**
   * The signed-in user. Without one the provider sends nothing.
   * @default undefined
   * @example <GroupKitProvider apiKey={key} userId={session?.user.id}>
   */
  userId?: string | null;
  /**
   * The account group (company, team) whose properties to load.
   * @default undefined
   * @example <GroupKitProvider apiKey={key} userId="u_ada" groupId="acme">
   */
  groupId?: string | null;
  /**
   * With identity verification on: hex(HMAC-SHA256(identity secret, userId)) from your server.
   * @default undefined
   */
  userHash?: string;
  /**
   * Origin of the groups API.
   * @default 'https://api.groupkit.dev'
   */
  baseUrl?: string;
  /**
   * Set to false to send nothing (e.g. until consent is given).
   * @default true
   */
  enabled?: boolean;
  /**
   * A client of your own, made with `createGroupKitClient` (a custom fetch for tracing,
   * timeouts, retries); `apiKey`, `baseUrl` and `userHash` are then ignored.
   * @default one made from apiKey, baseUrl and userHash
   * @example <GroupKitProvider client={createGroupKitClient({ apiKey, fetch: tracedFetch })} userId="u_ada">
   */
  client?: GroupKitClient;
  /**
   * A TanStack QueryClient to keep GroupKit's cache in. By default the provider keeps a
   * private one, so GroupKit's keys never collide with your app's cache. On yours, the
   * provider sets GroupKit's query defaults for its own keys only (`['groupkit', …]`: no
   * react-query retries on top of the client's, no refetch on focus); your other queries
   * keep your defaults.
   * @default a private QueryClient
   * @example <GroupKitProvider queryClient={appQueryClient} apiKey="pk_..." userId="u_ada">
   */
  queryClient?: QueryClient;
  /**
   * A session fetched ahead (on your server with `client.getSession()`, or in a loader):
   * the provider renders it at once, with no request and no refetch on hydration.
   * Ignored unless it belongs to `userId`.
   * @default undefined
   * @example <GroupKitProvider apiKey={key} userId="u_ada" initialData={session}>
   */
  initialData?: Session;
  /**
   * Called once for every failed load and every refused change, redeem or identify (after
   * its optimistic effect was rolled back): report it, or show a toast. The error is always a
   * `GroupKitError`: branch on its stable `code` (an API code such as `group_not_joinable`,
   * `network_error`, or the SDK's own such as `no_account_group`), never on `message`.
   * @default undefined
   * @example <GroupKitProvider onError={(error, { action }) => toast(`${action} failed: ${error.message}`)}>
   * @example <GroupKitProvider onError={(error) => { if (error.code !== 'network_error') Sentry.captureException(error); }}>
   */
  onError?: (error: GroupKitError, context: GroupKitErrorContext) => void;
  /**
   * Keep the user's unsent changes (made offline, or cut off by a reload) and onboarding
   * progress in `localStorage`, under a key naming the user and account group; restored and
   * sent, in order, on the next visit. Set to false on shared devices.
   * @default true
   */
  persist?: boolean;
  /**
   * Pins server-defined onboarding flows to a published version, by flow id, for development
   * and tests: `useFlow` and `<OnboardingFlow flowId>` then show that version whatever the
   * user started, and save progress in it. Unpinned flows show the version the user started
   * (unless it was retired), else the latest published one, if the user is targeted.
   * Compared by reference, like `client`: outside tests, keep it constant (module scope), or
   * a new object on each render re-creates the context every hook reads.
   * @default undefined (every flow: the latest published version)
   * @example <GroupKitProvider apiKey={key} userId="u_ada" flowVersions={{ welcome: 3 }}>
   */
  flowVersions?: Readonly<Record<string, number>>;
  /**
   * Your app: every GroupKit hook and widget below reads from this provider.
   * @default undefined
   */
  children?: ReactNode;
}

function seed(queryClient: QueryClient, session: Session, groupId: string | null) {
  const userId = session.user.id;
  const set = (key: readonly unknown[], data: unknown) => {
    if (queryClient.getQueryData(key) === undefined) queryClient.setQueryData(key, data);
  };
  set(groupKitKeys.session(userId, groupId), session);
  set(groupKitKeys.memberships(userId), session.memberships);
  set(groupKitKeys.userGroups(userId), session.userGroups);
  // `null` (no such account group) is seeded too: what the group's own load would answer.
  if (groupId) set(groupKitKeys.group(userId, groupId), session.group);
}

/**
 * Loads the user's groups and memberships and shares them with GroupKit hooks and widgets.
 * Mount sends one request (`GET /v1/session`), however many hooks read from it.
 * @example
 * <GroupKitProvider apiKey="pk_test_groupkit" userId="u_ada" groupId="acme">
 *   <GroupDirectory />
 * </GroupKitProvider>
 */
export function GroupKitProvider({
  apiKey,
  userId = null,
  groupId = null,
  userHash,
  baseUrl,
  enabled = true,
  client: givenClient,
  queryClient: givenQueryClient,
  initialData,
  onError,
  persist = true,
  flowVersions,
  children,
}: GroupKitProviderProps) {
  const [privateQueryClient] = useState(() => new QueryClient());
  const queryClient = givenQueryClient ?? privateQueryClient;
  // During render, before any hook below builds its query: defaults apply from the first one.
  useMemo(
    () => queryClient.setQueryDefaults(groupKitKeys.all, GROUPKIT_QUERY_DEFAULTS),
    [queryClient],
  );

  // Seeded during the first render (not in an effect), so the first paint already has data
  // and no hook ever sends the request.
  useState(() => {
    if (initialData && userId && initialData.user.id === userId)
      seed(queryClient, initialData, groupId);
  });

  // One store per user: pending changes, failures and lockouts of one user must never show
  // for the next. Replaced during render (not in an effect) so no frame mixes the two.
  // Unsent changes and flow progress survive a reload under a key naming user and account group.
  const newStore = () =>
    createGroupKitStore({
      storageKey: userId && persist ? `groupkit:${groupId ?? '-'}:${userId}` : '',
    });
  const [owned, setOwned] = useState(() => ({ userId, store: newStore() }));
  let store = owned.store;
  if (owned.userId !== userId) {
    store = newStore();
    setOwned({ userId, store });
  }

  // A different user must never see the previous one's groups, even for a frame: drop
  // the previous user's cache when the user changes.
  const previousUser = useRef(userId);
  useEffect(() => {
    const previous = previousUser.current;
    previousUser.current = userId;
    if (previous && previous !== userId)
      queryClient.removeQueries({ queryKey: groupKitKeys.user(previous) });
  }, [userId, queryClient]);

  // The latest onError without re-creating the context on every render of the host.
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  }, [onError]);

  // The core only (key, fetch, retries), not a full client: hooks import the endpoint
  // functions they call, so a page that only reads memberships never ships the change parser.
  const core = useMemo(
    () => givenClient?.core ?? createClientCore({ apiKey, baseUrl, userHash }, 'GroupKitProvider'),
    [givenClient, apiKey, baseUrl, userHash],
  );
  const value = useMemo<GroupKitContextValue>(() => {
    const context: GroupKitContextValue = {
      core,
      client: givenClient ?? null,
      onError: (error, about) => onErrorRef.current?.(error, about),
      queryClient,
      userId,
      groupId,
      enabled: enabled && !!userId,
      store,
      flowVersions,
    };
    // Writes need a user, and a disabled provider sends nothing at all: the context, with
    // its user, is what they run with.
    if (userId && enabled) context.changeEnv = { ...context, userId };
    return context;
  }, [core, givenClient, queryClient, userId, groupId, enabled, store, flowVersions]);

  // Changes restored from storage go out first, in their order, whichever hooks this page
  // has (write hooks send them at once too, their senders already loaded). The senders load
  // only when there is something to send: a store that starts empty (every visit but one
  // after a cut-off change) never downloads them.
  useEffect(() => {
    const env = value.changeEnv;
    // An offline page may not get the chunk: its changes then wait in storage (a write hook
    // sends them once back online, or the next page does).
    if (env?.store.getState().pending.length)
      import('./resume').then(
        (chunk) => chunk.default(env),
        () => {},
      );
  }, [value]);
  // Unmounted, the provider sends nothing more: changes not yet on the wire stay in storage
  // for the next visit (a remount resumes them), never sent twice by two providers.
  useEffect(() => {
    store.setState({ mounted: true });
    return () => store.setState({ mounted: false });
  }, [store]);
  return <GroupKitContext.Provider value={value}>{children}</GroupKitContext.Provider>;
}
