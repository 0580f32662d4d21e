'use client';
import type { AccountGroup, Properties } from '@groupkit/client';
import { useCallback, useMemo } from 'react';
import { type GroupKitOutcome, identifyGroup, noUser } from './changeRunner';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import { withPendingProperties } from './optimistic';
import { type GroupKitResult, toResult } from './result';
import { usePendingChanges } from './usePendingChanges';
import { loadGroup } from './loaders';
import { groupKitKeys } from './queryKeys';
import { useResourceQuery } from './useResourceQuery';

const selectGroup = (group: AccountGroup | null) => group;

export type UseGroupResult = GroupKitResult<AccountGroup | null> & {
  /**
   * Merges properties into the account group (new keys added, existing overwritten, `null`
   * deletes, `name` renames). Shown at once; rolled back if the server refuses.
   * @example await identify({ plan: 'Enterprise', seats: 40 })
   */
  identify: (properties: Properties) => Promise<GroupKitOutcome<AccountGroup>>;
};

/**
 * The provider's account group (`groupId`) and its properties; `null` when the provider has none.
 * @example
 * const group = useGroup();
 * return group.status === 'ready' ? <h1>{group.data?.name}</h1> : null;
 */
export function useGroup(options?: GroupKitHookOptions): UseGroupResult {
  const { changeEnv } = useGroupKitContext('useGroup', options);
  const { data, error } = useResourceQuery(
    'useGroup',
    groupKitKeys.group,
    loadGroup,
    selectGroup,
    options,
  );
  const pending = usePendingChanges(options);
  const identify = useCallback(
    (properties: Properties) =>
      changeEnv
        ? identifyGroup(changeEnv, properties)
        : Promise.resolve(noUser<AccountGroup>('useGroup().identify')),
    [changeEnv],
  );
  return useMemo(
    () => ({
      ...toResult({
        data: data === undefined ? data : withPendingProperties(data, pending),
        error,
      }),
      identify,
    }),
    [data, pending, error, identify],
  );
}
