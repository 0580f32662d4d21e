'use client';
import type { MembershipChangeResult } from '@groupkit/client';
import type { GroupKitOutcome } from './changeRunner';
import type { GroupKitHookOptions } from './GroupKitContext';
import { type GroupChangeState, useGroupChange } from './useGroupChange';

export interface UseLeaveGroupResult extends GroupChangeState {
  /**
   * Leaves the group: shown at once, in line after the user's earlier changes, rolled back if
   * refused. Never rejects.
   * @example const { ok, error } = await leave();
   */
  leave: () => Promise<GroupKitOutcome<MembershipChangeResult>>;
}

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
  const { run, ...state } = useGroupChange('useLeaveGroup', slugOrId, 'remove', options);
  return { leave: run, ...state };
}
