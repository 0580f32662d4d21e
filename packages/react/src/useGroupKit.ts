'use client';
import type { GroupKitClient } from '@groupkit/client';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import { useSessionQuery } from './useSessionQuery';

const selectNothing = () => true;

export interface GroupKitState {
  /** `loading` until the session's first answer (or forever while disabled), then `ready` or `error`. */
  status: 'loading' | 'ready' | 'error';
  error: Error | null;
  /** The provider's client, for calls no hook covers. */
  client: GroupKitClient;
  /** False while the provider is disabled or has no user. */
  enabled: boolean;
}

/**
 * The provider's overall state and its client.
 * @example
 * const { status, client } = useGroupKit();
 * if (status === 'error') return <Retry />;
 */
export function useGroupKit(options?: GroupKitHookOptions): GroupKitState {
  const { client, enabled } = useGroupKitContext('useGroupKit', options);
  const query = useSessionQuery('useGroupKit', selectNothing, options);
  const status = query.error ? 'error' : query.data === undefined ? 'loading' : 'ready';
  return { status, error: query.error, client, enabled };
}
