'use client';
import type { MembershipChangeResult } from '@groupkit/client';
import type { GroupKitOutcome } from './changeRunner';
import type { GroupKitHookOptions } from './GroupKitContext';
import type { GroupKitWriteState } from './result';
import { useGroupChange } from './useGroupChange';

/**
 * `GroupKitWriteState` (pending while any change of the group is on its way, the group's last
 * failure, from anywhere in the app) and `join`.
 */
export type UseJoinGroupResult = GroupKitWriteState<MembershipChangeResult> & {
  /**
   * Joins the group: shown at once, in line after the user's earlier changes, rolled back if
   * refused. Never rejects.
   * @example const { ok, error } = await join();
   */
  join: () => Promise<GroupKitOutcome<MembershipChangeResult>>;
};

/**
 * Join one open group (slug or id).
 * @example
 * const { join, isPending, error } = useJoinGroup('beta');
 * <button onClick={join} aria-busy={isPending}>Join the beta</button>
 */
export function useJoinGroup(slugOrId: string, options?: GroupKitHookOptions): UseJoinGroupResult {
  const [join, state] = useGroupChange('useJoinGroup', slugOrId, 'add', options);
  return { ...state, join };
}
