'use client';
import {
  type ClientCore,
  clientFromCore,
  type GroupKitClient,
  type GroupKitError,
  type Membership,
} from '@groupkit/client';
import { useCallback } from 'react';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import { useGroupKitStore } from './useGroupKitStore';
import { loadMemberships } from './loaders';
import { groupKitKeys } from './queryKeys';
import { useResourceQuery } from './useResourceQuery';

const selectNothing = (_: Membership[]) => true;

// One full client per core, built on first use: the provider itself ships only the endpoints
// its hooks call.
const clients = new WeakMap<ClientCore, GroupKitClient>();
function clientOf(core: ClientCore): GroupKitClient {
  let client = clients.get(core);
  if (!client) clients.set(core, (client = clientFromCore(core)));
  return client;
}

export interface GroupKitState {
  /** `loading` until the first answer (or for as long as the provider is disabled), then `ready` or `error`. */
  status: 'loading' | 'ready' | 'error';
  error: GroupKitError | null;
  /** The provider's client, for calls no hook covers. */
  client: GroupKitClient;
  /** False while the provider is disabled or has no user. */
  enabled: boolean;
  /** True while any of the user's changes is queued or on the wire (e.g. to warn before leaving the page). */
  isSaving: boolean;
  /**
   * True while a load failed for a transient reason (no answer, 5xx, 429) and the client is
   * backing off to try again: show "Reconnecting…", not an error, until `status` says `error`.
   */
  isRetrying: boolean;
  /** False while the user's changes wait for the browser to come back online. */
  isOnline: boolean;
  /**
   * Reloads everything the mounted hooks show (e.g. a Retry button after an error).
   * @example <button onClick={refetch}>Retry</button>
   */
  refetch: () => Promise<void>;
}

/**
 * The provider's overall state and its client.
 * @example
 * const { status, client } = useGroupKit();
 * if (status === 'error') return <Retry />;
 */
export function useGroupKit(options?: GroupKitHookOptions): GroupKitState {
  const {
    core,
    client: given,
    enabled,
    queryClient,
    userId,
  } = useGroupKitContext('useGroupKit', options);
  const query = useResourceQuery(
    'useGroupKit',
    groupKitKeys.memberships,
    loadMemberships,
    selectNothing,
    options,
  );
  const isSaving = useGroupKitStore((s) => s.pending.length > 0, options);
  const isRetrying = useGroupKitStore((s) => s.retrying, options);
  const isOnline = useGroupKitStore((s) => s.online, options);
  const refetch = useCallback(
    () =>
      userId
        ? queryClient.refetchQueries({ queryKey: groupKitKeys.user(userId), type: 'active' })
        : Promise.resolve(),
    [queryClient, userId],
  );
  const status = query.error ? 'error' : query.data === undefined ? 'loading' : 'ready';
  return {
    status,
    error: query.error,
    client: given ?? clientOf(core),
    enabled,
    isSaving,
    isRetrying,
    isOnline,
    refetch,
  };
}
