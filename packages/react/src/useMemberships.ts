'use client';
import type { Membership } from '@groupkit/client';
import { useMemo } from 'react';
import type { GroupKitHookOptions } from './GroupKitContext';
import { withPendingMemberships } from './optimistic';
import { type GroupKitResult, toResult } from './result';
import { usePendingChanges } from './usePendingChanges';
import { loadMemberships } from './loaders';
import { groupKitKeys } from './queryKeys';
import { useResourceQuery } from './useResourceQuery';

const selectAll = (memberships: Membership[]) => memberships;

/**
 * The signed-in user's memberships (joined, by code, assigned and automatic), oldest first,
 * with the user's pending changes already applied.
 * @example
 * const memberships = useMemberships();
 * if (memberships.status === 'ready') console.log(memberships.data.map((m) => m.slug));
 */
export function useMemberships(options?: GroupKitHookOptions): GroupKitResult<Membership[]> {
  const query = useResourceQuery(
    'useMemberships',
    groupKitKeys.memberships,
    loadMemberships,
    selectAll,
    options,
  );
  const pending = usePendingChanges(options);
  const { data, error } = query;
  return useMemo(
    () => toResult({ data: data && withPendingMemberships(data, pending), error }),
    [data, pending, error],
  );
}
