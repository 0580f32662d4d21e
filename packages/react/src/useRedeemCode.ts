'use client';
import type { GroupKitApiError, RedeemCodeResult } from '@groupkit/client';
import { useMemo } from 'react';
import {
  type GroupKitOutcome,
  type RedeemCodeOptions,
  redeemCode,
  resumePending,
} from './changeRunner';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import type { GroupKitWriteState } from './result';
import { useGroupKitStore } from './useGroupKitStore';
import { useWriteState } from './useWriteState';

/**
 * A code redemption's state: `error` is a `GroupKitApiError` with a stable `code` (e.g.
 * `code_expired`) for API refusals.
 * @deprecated Use `GroupKitWriteState<RedeemCodeResult>`.
 */
export type RedeemState = GroupKitWriteState<RedeemCodeResult>;

/**
 * `GroupKitWriteState` of the last `redeem` (`error` is a `GroupKitApiError` with a stable
 * `code`, e.g. `code_expired`, for API refusals; back to `idle` by itself once a lockout
 * lifted), `redeem` and `retryAt`.
 */
export type UseRedeemCodeResult = GroupKitWriteState<RedeemCodeResult> & {
  /**
   * Redeems a campaign code (case and surrounding spaces do not matter), in line after the
   * user's other changes. Never rejects. While locked out, answers `too_many_attempts` at
   * once without a request.
   * @example const { ok, data } = await redeem('BETA-2026');
   */
  redeem: (code: string, options?: RedeemCodeOptions) => Promise<GroupKitOutcome<RedeemCodeResult>>;
  /**
   * While the user is locked out after too many failed codes (429 with `Retry-After`): when
   * they may try again, for a countdown. `null` when not locked (it clears itself on time).
   */
  retryAt: Date | null;
};

/**
 * Redeem a campaign code for a private group.
 * @example
 * const { redeem, status, error, retryAt } = useRedeemCode();
 * <form onSubmit={(e) => { e.preventDefault(); redeem(code); }}>…</form>
 */
export function useRedeemCode(options?: GroupKitHookOptions): UseRedeemCodeResult {
  const context = useGroupKitContext('useRedeemCode', options);
  const lockedUntil = useGroupKitStore((s) => s.codeLockedUntil, options);
  const [redeem, state] = useWriteState('useRedeemCode', context, redeemCode, resumePending);
  const retryAt = useMemo(
    () => (lockedUntil === null ? null : new Date(lockedUntil)),
    [lockedUntil],
  );
  // A lockout error is over once the lock has lifted (the store clears it on time): back to
  // idle at once (React renders again before committing), so a form need not work out for
  // itself that the message went stale.
  const error = state.error as GroupKitApiError | null;
  if (lockedUntil === null && error?.code === 'too_many_attempts' && error.retryAt) state.reset();
  return { ...state, redeem, retryAt };
}
