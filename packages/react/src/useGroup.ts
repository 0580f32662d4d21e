'use client';
import type { AccountGroup, Properties } from '@groupkit/client';
import { type GroupKitOutcome, identifyGroup, resumePending } from './changeRunner';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import { withPendingProperties } from './optimistic';
import { type GroupKitResult, type GroupKitWriteState, toResult } from './result';
import { usePendingChanges } from './usePendingChanges';
import { loadGroup } from './loaders';
import { groupKitKeys } from './queryKeys';
import { useResourceQuery } from './useResourceQuery';
import { useWriteState } from './useWriteState';

const selectGroup = (group: AccountGroup | null) => group;

export type UseGroupResult = GroupKitResult<AccountGroup | null> & {
  /**
   * Merges properties into the account group (new keys added, existing overwritten, `null`
   * deletes, `name` renames). Shown at once; rolled back if the server refuses.
   *
   * The provider's publishable key may write only the top-level properties the project
   * allows browsers to (its `clientWritableProperties`, set with the secret key:
   * `admin.updateProject()`; none by default). Any other key refuses the whole call, the
   * allowed keys in it included: the outcome's error is a `GroupKitApiError` with code
   * `property_not_writable` and `details.property` naming the key, and the group shows the
   * server's properties again. Keys are top-level: allowing `onboarding` allows writing any
   * value under it. Write everything else (plan, seats) from your server with the secret key.
   * With identity verification on, the provider's `userHash` is checked as for every write.
   * @example await identify({ onboarding: { step: 2 } })
   * @example
   * const { error } = await identify({ plan: 'Enterprise' });
   * if (isGroupKitApiError(error) && error.code === 'property_not_writable') askYourServer();
   */
  identify: (properties: Properties) => Promise<GroupKitOutcome<AccountGroup>>;
  /**
   * The write side: `identify`'s `GroupKitWriteState` (its own calls; `data` is the account
   * group as the server merged it). Apart from `status`, `data` and `error`, which are the
   * account group's load.
   * @example const { writeState } = useGroup(); writeState.queued && <p>Saved offline</p>
   */
  writeState: GroupKitWriteState<AccountGroup>;
};

/**
 * The provider's account group (`groupId`) and its properties; `null` when the provider has none.
 * @example
 * const group = useGroup();
 * return group.status === 'ready' ? <h1>{group.data?.name}</h1> : null;
 */
export function useGroup(options?: GroupKitHookOptions): UseGroupResult {
  const context = useGroupKitContext('useGroup', options);
  const { data, error } = useResourceQuery(
    'useGroup',
    groupKitKeys.group,
    loadGroup,
    selectGroup,
    options,
  );
  const pending = usePendingChanges(options);
  const [identify, writeState] = useWriteState('useGroup', context, identifyGroup, resumePending);
  // Not memoized: `writeState` is a new object on each render; `data` stays the same object
  // while no identify is queued.
  return {
    ...toResult({
      data: data === undefined ? data : withPendingProperties(data, pending),
      error,
    }),
    identify,
    writeState,
  };
}
