'use client';
import type { GroupKitError, MembershipChangeResult } from '@groupkit/client';
import { useCallback } from 'react';
import { changeMemberships, type GroupKitOutcome, noUser, without } from './changeRunner';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
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

export function useGroupChange(
  hookName: string,
  slugOrId: string,
  op: 'add' | 'remove',
  options?: GroupKitHookOptions,
): GroupChangeState & { run: () => Promise<GroupKitOutcome<MembershipChangeResult>> } {
  const context = useGroupKitContext(hookName, options);
  const { changeEnv, store } = context;
  const isPending = useGroupKitStore((s) => isGroupPending(s.pending, slugOrId), options);
  const error = useGroupKitStore((s) => failureOf(context, s, slugOrId), options);
  const run = useCallback(
    () =>
      changeEnv
        ? changeMemberships(changeEnv, [{ op, group: slugOrId }])
        : Promise.resolve(noUser(hookName)),
    [changeEnv, op, slugOrId, hookName],
  );
  const reset = useCallback(() => {
    const { groupId } = resolveGroup(context, slugOrId);
    store.setState((s) => ({ failures: without(s.failures, [groupId]) }));
  }, [context, store, slugOrId]);
  return { run, isPending, error, reset };
}
