'use client';
import type { Session } from '@groupkit/client';
import { useCallback } from 'react';
import type { GroupKitHookOptions } from './GroupKitContext';
import { isMemberOf } from './membershipMatch';
import { useSessionQuery } from './useSessionQuery';

/**
 * Whether the user is in one group (slug or id): `undefined` until the session has loaded,
 * so a gate never flashes the wrong content. Re-renders only when this one answer changes.
 * @example
 * const isPro = useIsMember('pro');
 * if (isPro === undefined) return <Spinner />;
 */
export function useIsMember(slugOrId: string, options?: GroupKitHookOptions): boolean | undefined {
  const select = useCallback(
    (session: Session) => isMemberOf(session.memberships, slugOrId),
    [slugOrId],
  );
  return useSessionQuery('useIsMember', select, options).data;
}
