'use client';
import type { GroupKitHookOptions } from './GroupKitContext';
import type { PendingChange } from './store';
import { useGroupKitStore } from './useGroupKitStore';

const selectPending = (s: { pending: PendingChange[] }) => s.pending;

/**
 * The user's changes not yet confirmed by the server, oldest first (the first is on the wire).
 * @example const pending = usePendingChanges(); if (pending.length) return <p>Saving…</p>;
 */
export function usePendingChanges(options?: GroupKitHookOptions): readonly PendingChange[] {
  return useGroupKitStore(selectPending, options);
}
