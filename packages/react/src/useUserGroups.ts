'use client';
import type { UserGroup } from '@groupkit/client';
import { useCallback } from 'react';
import type { GroupKitHookOptions } from './GroupKitContext';
import { type GroupKitResult, toResult } from './result';
import { loadUserGroups } from './loaders';
import { groupKitKeys } from './queryKeys';
import { useResourceQuery } from './useResourceQuery';

export interface UseUserGroupsOptions extends GroupKitHookOptions {
  /**
   * Also list groups whose window has not opened yet (`status: 'scheduled'`, with `startsAt`),
   * e.g. to show "Opens on 12 March".
   * @default false
   * @example useUserGroups({ includeScheduled: true })
   */
  includeScheduled?: boolean;
}

/**
 * The group directory as the user sees it: viewable, active groups by `order`, then name.
 * Comes with the provider's one mount request.
 * @example
 * const groups = useUserGroups();
 * if (groups.status === 'ready') groups.data.map((g) => <JoinGroupToggle key={g.id} group={g.slug} />);
 */
export function useUserGroups({
  includeScheduled = false,
  ...options
}: UseUserGroupsOptions = {}): GroupKitResult<UserGroup[]> {
  const select = useCallback(
    (groups: UserGroup[]) =>
      includeScheduled ? groups : groups.filter((g) => g.status === 'active'),
    [includeScheduled],
  );
  return toResult(
    useResourceQuery('useUserGroups', groupKitKeys.userGroups, loadUserGroups, select, options),
  );
}
