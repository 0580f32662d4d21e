'use client';
import type { AccountGroup, Session } from '@groupkit/client';
import type { GroupKitHookOptions } from './GroupKitContext';
import { type GroupKitResult, toResult } from './result';
import { useSessionQuery } from './useSessionQuery';

const selectGroup = (session: Session) => session.group;

/**
 * The provider's account group (`groupId`) and its properties; `null` when the provider has none.
 * @example
 * const group = useGroup();
 * return group.status === 'ready' ? <h1>{group.data?.name}</h1> : null;
 */
export function useGroup(options?: GroupKitHookOptions): GroupKitResult<AccountGroup | null> {
  return toResult(useSessionQuery('useGroup', selectGroup, options));
}
