'use client';
import type { MembershipChangeResult } from '@groupkit/client';
import type { GroupKitOutcome } from './changeRunner';
import type { GroupKitHookOptions } from './GroupKitContext';
import type { GroupKitWriteState } from './result';
import { useGroupChange } from './useGroupChange';

/**
 * `GroupKitWriteState` (pending while any change of the group is on its way, the group's last
 * failure, from anywhere in the app) and `leave`.
 */
export type UseLeaveGroupResult = GroupKitWriteState<MembershipChangeResult> & {
  /**
   * Leaves the group: shown at once, in line after the user's earlier changes, rolled back if
   * refused. Never rejects.
   * @example const { ok, error } = await leave();
   */
  leave: () => Promise<GroupKitOutcome<MembershipChangeResult>>;
};

/**
 * Leave one group the user joined (slug or id).
 * @example
 * const { leave, isPending } = useLeaveGroup('newsletter');
 * <button onClick={leave} disabled={isPending}>Unsubscribe</button>
 */
export function useLeaveGroup(
  slugOrId: string,
  options?: GroupKitHookOptions,
): UseLeaveGroupResult {
  const [leave, state] = useGroupChange('useLeaveGroup', slugOrId, 'remove', options);
  return { ...state, leave };
}
