'use client';
import type { ChangesInput, MembershipChangeResult } from '@groupkit/client';
import {
  type ChangeMembershipsOptions,
  changeMemberships,
  type GroupKitOutcome,
  resumePending,
} from './changeRunner';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import type { GroupKitWriteState } from './result';
import { useWriteState } from './useWriteState';

/**
 * `GroupKitWriteState` of the last `apply` (pending while any of the user's membership changes
 * is queued or on the wire: `apply` goes out after them) and `apply`.
 */
export type UseChangeMembershipsResult = GroupKitWriteState<MembershipChangeResult> & {
  /**
   * Applies ordered changes (`"-pro,+plus"` or ops): shown at once, sent after the user's
   * earlier changes settled, rolled back (only these ops) if refused. Never rejects: read
   * `ok`/`error` from the outcome. A malformed string fails at once with a
   * `GroupKitChangeError` naming the op, and sends nothing.
   * @example const { ok, data } = await apply('-pro,+plus');
   * @example const preview = await apply('+plus', { dryRun: true }); // which automations would fire
   */
  apply: (
    changes: ChangesInput,
    options?: ChangeMembershipsOptions,
  ) => Promise<GroupKitOutcome<MembershipChangeResult>>;
};

/**
 * Ordered membership changes for the signed-in user.
 * @example
 * const { apply, isPending } = useChangeMemberships();
 * <button disabled={isPending} onClick={() => apply('-pro,+plus')}>Downgrade to Plus</button>
 */
export function useChangeMemberships(options?: GroupKitHookOptions): UseChangeMembershipsResult {
  const context = useGroupKitContext('useChangeMemberships', options);
  const [apply, state] = useWriteState(
    'useChangeMemberships',
    context,
    changeMemberships,
    resumePending,
    (s) => s.pending.some((c) => 'ops' in c),
  );
  return { ...state, apply };
}
