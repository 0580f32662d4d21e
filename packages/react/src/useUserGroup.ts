'use client';
import type { UserGroup } from '@groupkit/client';
import { useCallback } from 'react';
import type { GroupKitHookOptions } from './GroupKitContext';
import { findGroup } from './groupRef';
import { loadUserGroups } from './loaders';
import { groupKitKeys } from './queryKeys';
import { type GroupKitResult, toResult } from './result';
import { useResourceQuery } from './useResourceQuery';

/**
 * One group of the directory (slug or id; active or scheduled), `null` when the directory
 * does not list it (hidden, ended, unknown). Re-renders only when that group changes, so a
 * thousand rows each reading their own group stay quiet while one is toggled.
 * @example
 * const beta = useUserGroup('beta');
 * if (beta.status === 'ready' && beta.data) return <p>{beta.data.name}</p>;
 */
export function useUserGroup(
  slugOrId: string,
  options?: GroupKitHookOptions,
): GroupKitResult<UserGroup | null> {
  const select = useCallback(
    (groups: UserGroup[]) => findGroup(groups, slugOrId) ?? null,
    [slugOrId],
  );
  return toResult(
    useResourceQuery('useUserGroup', groupKitKeys.userGroups, loadUserGroups, select, options),
  );
}
