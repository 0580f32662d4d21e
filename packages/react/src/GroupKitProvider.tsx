'use client';
import { createGroupKitClient, type GroupKitClient, type Session } from '@groupkit/client';
import { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { GroupKitContext, type GroupKitContextValue } from './GroupKitContext';
import { groupKitKeys } from './queryKeys';

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
   * With identity verification on: hex(HMAC-SHA256(secret key, userId)) from your server.
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
   * A client of your own (tracing, a custom fetch); `apiKey`, `baseUrl` and `userHash` are then ignored.
   * @default createGroupKitClient({ apiKey, baseUrl, userHash })
   */
  client?: GroupKitClient;
  /**
   * A TanStack QueryClient to keep GroupKit's cache in. By default the provider keeps a
   * private one, so GroupKit's keys never collide with your app's cache.
   * @default a private QueryClient
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
  children?: ReactNode;
}

function createPrivateQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Memberships change by the user's own actions, which update the cache directly;
        // refetching on every focus would only add requests.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: false,
      },
    },
  });
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
  children,
}: GroupKitProviderProps) {
  const [privateQueryClient] = useState(createPrivateQueryClient);
  const queryClient = givenQueryClient ?? privateQueryClient;

  // Seeded during the first render (not in an effect), so the first paint already has data
  // and no hook ever sends the request.
  useState(() => {
    if (initialData && userId && initialData.user.id === userId) {
      const key = groupKitKeys.session(userId, groupId);
      if (queryClient.getQueryData(key) === undefined) queryClient.setQueryData(key, initialData);
    }
  });

  // A different user must never see the previous one's groups, even for a frame: drop
  // the previous user's cache when the user changes.
  const previousUser = useRef(userId);
  useEffect(() => {
    const previous = previousUser.current;
    previousUser.current = userId;
    if (previous && previous !== userId)
      queryClient.removeQueries({ queryKey: groupKitKeys.user(previous) });
  }, [userId, queryClient]);

  const client = useMemo(
    () => givenClient ?? createGroupKitClient({ apiKey, baseUrl, userHash }),
    [givenClient, apiKey, baseUrl, userHash],
  );
  const value = useMemo<GroupKitContextValue>(
    () => ({ client, queryClient, userId, groupId, enabled: enabled && !!userId }),
    [client, queryClient, userId, groupId, enabled],
  );
  return <GroupKitContext.Provider value={value}>{children}</GroupKitContext.Provider>;
}
