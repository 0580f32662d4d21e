'use client';
import { createGroupKitClient, type GroupKitClient } from '@groupkit/client';
import { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { GroupKitContext, type GroupKitContextValue } from './GroupKitContext';

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
  children,
}: GroupKitProviderProps) {
  const [privateQueryClient] = useState(createPrivateQueryClient);
  const queryClient = givenQueryClient ?? privateQueryClient;
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
