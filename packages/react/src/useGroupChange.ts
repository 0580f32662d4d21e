'use client';
import type { GroupKitError, MembershipChangeResult } from '@groupkit/client';
import { useCallback, useEffect } from 'react';
import {
  changeMemberships,
  type GroupKitOutcome,
  noUser,
  resumePending,
  without,
} from './changeRunner';
import {
  type GroupKitContextValue,
  type GroupKitHookOptions,
  useGroupKitContext,
} from './GroupKitContext';
import { failureOf, isGroupPending, resolveGroup } from './groupRef';
import { useGroupKitStore } from './useGroupKitStore';

/** What `useJoinGroup` and `useLeaveGroup` share: one op on one group, its pending and error state. */
export interface GroupChangeState {
  /** True while a change of this group (from anywhere in the app) is queued or on the wire. */
  isPending: boolean;
  /** Why the last change of this group failed (already rolled back); `null` after the next one. */
  error: GroupKitError | null;
  /** Forget `error` (e.g. when the user dismisses it). */
  reset: () => void;
}

/**
 * What every hook that joins or leaves one group shares: `run` sends an op on it through the
 * change runner (queued, optimistic, never rejects, behind any change restored from storage),
 * `reset` forgets its last failure.
 */
export function useGroupWrites(hookName: string, slugOrId: string, context: GroupKitContextValue) {
  const { changeEnv, store } = context;
  // Where a write hook is loaded, restored changes go out at once, with the page: the
  // provider's own resume (for pages without one) loads a chunk first, which an offline
  // page may not get until it is back online.
  useEffect(() => {
    if (changeEnv) resumePending(changeEnv);
  }, [changeEnv]);
  const run = useCallback(
    (op: 'add' | 'remove') =>
      changeEnv
        ? changeMemberships(changeEnv, [{ op, group: slugOrId }])
        : Promise.resolve(noUser(hookName)),
    [changeEnv, slugOrId, hookName],
  );
  const reset = useCallback(() => {
    const { groupId } = resolveGroup(context, slugOrId);
    store.setState((s) => ({ failures: without(s.failures, [groupId]) }));
  }, [context, store, slugOrId]);
  return { run, reset };
}

export function useGroupChange(
  hookName: string,
  slugOrId: string,
  op: 'add' | 'remove',
  options?: GroupKitHookOptions,
): GroupChangeState & { run: () => Promise<GroupKitOutcome<MembershipChangeResult>> } {
  const context = useGroupKitContext(hookName, options);
  const { run, reset } = useGroupWrites(hookName, slugOrId, context);
  const isPending = useGroupKitStore((s) => isGroupPending(s.pending, slugOrId), options);
  const error = useGroupKitStore((s) => failureOf(context, s, slugOrId), options);
  return { run: useCallback(() => run(op), [run, op]), isPending, error, reset };
}
