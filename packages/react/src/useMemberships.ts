'use client';
import type { Membership, Session } from '@groupkit/client';
import type { GroupKitHookOptions } from './GroupKitContext';
import { type GroupKitResult, toResult } from './result';
import { useSessionQuery } from './useSessionQuery';

const selectMemberships = (session: Session) => session.memberships;

/**
 * The signed-in user's memberships (manual, by code and automatic), oldest first.
 * @example
 * const memberships = useMemberships();
 * if (memberships.status === 'ready') console.log(memberships.data.map((m) => m.slug));
 */
export function useMemberships(options?: GroupKitHookOptions): GroupKitResult<Membership[]> {
  return toResult(useSessionQuery('useMemberships', selectMemberships, options));
}
