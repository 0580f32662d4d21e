'use client';
import type { Membership } from '@groupkit/client';
import { useCallback } from 'react';
import type { GroupKitHookOptions } from './GroupKitContext';
import { loadMemberships } from './loaders';
import { findMembership } from './groupRef';
import { groupKitKeys } from './queryKeys';
import { type GroupKitResult, toResult } from './result';
import { useResourceQuery } from './useResourceQuery';

/**
 * The user's membership of one group as the server has it (how and when they joined, its
 * attributes), `null` when not a member. For the yes/no answer including pending changes,
 * use `useIsMember`. Re-renders only when this membership changes.
 * @example
 * const pro = useMembership('pro');
 * if (pro.status === 'ready' && pro.data?.source === 'rule') return <p>Assigned automatically</p>;
 */
export function useMembership(
  slugOrId: string,
  options?: GroupKitHookOptions,
): GroupKitResult<Membership | null> {
  const select = useCallback(
    (memberships: Membership[]) => findMembership(memberships, slugOrId) ?? null,
    [slugOrId],
  );
  return toResult(
    useResourceQuery('useMembership', groupKitKeys.memberships, loadMemberships, select, options),
  );
}
