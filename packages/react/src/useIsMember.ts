'use client';
import type { Membership } from '@groupkit/client';
import { useCallback } from 'react';
import type { GroupKitHookOptions } from './GroupKitContext';
import { isMemberOf, lastPendingOp } from './groupRef';
import { useGroupKitStore } from './useGroupKitStore';
import { loadMemberships } from './loaders';
import { groupKitKeys } from './queryKeys';
import { useResourceQuery } from './useResourceQuery';

/**
 * Whether the user is in one group (slug or id), counting their pending changes: `undefined`
 * until memberships have loaded, so a gate never flashes the wrong content. Re-renders only
 * when this one answer changes.
 * @example
 * const isPro = useIsMember('pro');
 * if (isPro === undefined) return <Spinner />;
 */
export function useIsMember(slugOrId: string, options?: GroupKitHookOptions): boolean | undefined {
  const select = useCallback(
    (memberships: Membership[]) => isMemberOf(memberships, slugOrId),
    [slugOrId],
  );
  const onServer = useResourceQuery(
    'useIsMember',
    groupKitKeys.memberships,
    loadMemberships,
    select,
    options,
  ).data;
  const pendingOp = useGroupKitStore((s) => lastPendingOp(s.pending, slugOrId), options);
  if (onServer === undefined) return undefined;
  return pendingOp === null ? onServer : pendingOp === 'add';
}
