'use client';
import type { MembershipChangeResult } from '@groupkit/client';
import { useCallback } from 'react';
import {
  type ChangeEnv,
  changeMemberships,
  type GroupKitOutcome,
  resumePending,
  without,
} from './changeRunner';
import {
  type GroupKitContextValue,
  type GroupKitHookOptions,
  useGroupKitContext,
} from './GroupKitContext';
import { failureOf, isGroupPending, resolveGroup } from './groupRef';
import type { GroupKitWriteState } from './result';
import { useGroupKitStore } from './useGroupKitStore';
import { useWriteState } from './useWriteState';

/**
 * What `useJoinGroup` and `useLeaveGroup` share (`GroupKitWriteState`).
 * @deprecated Use `GroupKitWriteState<MembershipChangeResult>`.
 */
export type GroupChangeState = GroupKitWriteState<MembershipChangeResult>;

/**
 * What every hook that joins or leaves one group shares: `write` sends an op on it through
 * the change runner (queued, optimistic, never rejects; give it to `useWrite`), `reset`
 * forgets the group's last failure.
 */
export function useGroupWrites(slugOrId: string, context: GroupKitContextValue) {
  const { store } = context;
  const write = useCallback(
    (env: ChangeEnv, op: 'add' | 'remove') => changeMemberships(env, [{ op, group: slugOrId }]),
    [slugOrId],
  );
  const reset = useCallback(() => {
    const { groupId } = resolveGroup(context, slugOrId);
    store.setState((s) => ({ failures: without(s.failures, [groupId]) }));
  }, [context, store, slugOrId]);
  return { write, reset };
}

/**
 * One op on one group as a write hook (`useJoinGroup`, `useLeaveGroup`): pending while the
 * group has a change on its way, the group's last failure, from anywhere in the app.
 */
export function useGroupChange(
  hookName: string,
  slugOrId: string,
  op: 'add' | 'remove',
  options?: GroupKitHookOptions,
): [() => Promise<GroupKitOutcome<MembershipChangeResult>>, GroupChangeState] {
  const context = useGroupKitContext(hookName, options);
  const { write, reset } = useGroupWrites(slugOrId, context);
  const failure = useGroupKitStore((s) => failureOf(context, s, slugOrId), options);
  return useWriteState(
    hookName,
    context,
    useCallback((env: ChangeEnv) => write(env, op), [write, op]),
    resumePending,
    (s) => isGroupPending(s.pending, slugOrId),
    failure,
    reset,
  );
}
