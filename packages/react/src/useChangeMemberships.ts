'use client';
import type { ChangesInput, MembershipChangeResult } from '@groupkit/client';
import { useCallback, useEffect } from 'react';
import {
  type ChangeMembershipsOptions,
  changeMemberships,
  type GroupKitOutcome,
  noUser,
  resumePending,
} from './changeRunner';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import { useGroupKitStore } from './useGroupKitStore';

export interface UseChangeMembershipsResult {
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
  /** True while any of the user's membership changes is queued or on the wire. */
  isPending: boolean;
}

/**
 * Ordered membership changes for the signed-in user.
 * @example
 * const { apply, isPending } = useChangeMemberships();
 * <button disabled={isPending} onClick={() => apply('-pro,+plus')}>Downgrade to Plus</button>
 */
export function useChangeMemberships(options?: GroupKitHookOptions): UseChangeMembershipsResult {
  const { changeEnv } = useGroupKitContext('useChangeMemberships', options);
  // Restored changes go out at once where a write hook is loaded (see `useGroupWrites`).
  useEffect(() => {
    if (changeEnv) resumePending(changeEnv);
  }, [changeEnv]);
  const isPending = useGroupKitStore((s) => s.pending.some((c) => 'ops' in c), options);
  const apply = useCallback(
    (changes: ChangesInput, applyOptions?: ChangeMembershipsOptions) =>
      changeEnv
        ? changeMemberships(changeEnv, changes, applyOptions)
        : Promise.resolve(noUser('useChangeMemberships().apply')),
    [changeEnv],
  );
  return { apply, isPending };
}
