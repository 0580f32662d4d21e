'use client';
import { type GroupKitError, isGroupKitApiError, type RedeemCodeResult } from '@groupkit/client';
import { useCallback, useMemo, useState } from 'react';
import { type GroupKitOutcome, noUser, type RedeemCodeOptions, redeemCode } from './changeRunner';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import { useGroupKitStore } from './useGroupKitStore';

export type RedeemState =
  | { status: 'idle'; data: null; error: null }
  | { status: 'pending'; data: null; error: null }
  | { status: 'success'; data: RedeemCodeResult; error: null }
  /** `error` is a `GroupKitApiError` with a stable `code` (e.g. `code_expired`) for API refusals. */
  | { status: 'error'; data: null; error: GroupKitError };

export type UseRedeemCodeResult = RedeemState & {
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
  /** Back to `idle` (e.g. when the user edits the code after an error). */
  reset: () => void;
};

const IDLE: RedeemState = { status: 'idle', data: null, error: null };

/**
 * Redeem a campaign code for a private group.
 * @example
 * const { redeem, status, error, retryAt } = useRedeemCode();
 * <form onSubmit={(e) => { e.preventDefault(); redeem(code); }}>…</form>
 */
export function useRedeemCode(options?: GroupKitHookOptions): UseRedeemCodeResult {
  const { changeEnv } = useGroupKitContext('useRedeemCode', options);
  const lockedUntil = useGroupKitStore((s) => s.codeLockedUntil, options);
  const [state, setState] = useState<RedeemState>(IDLE);
  const redeem = useCallback(
    async (code: string, redeemOptions?: RedeemCodeOptions) => {
      if (!changeEnv) {
        const outcome = noUser('useRedeemCode().redeem');
        setState({ status: 'error', data: null, error: outcome.error });
        return outcome;
      }
      setState({ status: 'pending', data: null, error: null });
      const outcome = await redeemCode(changeEnv, code, redeemOptions);
      setState(
        outcome.ok
          ? { status: 'success', data: outcome.data, error: null }
          : { status: 'error', data: null, error: outcome.error },
      );
      return outcome;
    },
    [changeEnv],
  );
  const reset = useCallback(() => setState(IDLE), []);
  const retryAt = useMemo(
    () => (lockedUntil === null ? null : new Date(lockedUntil)),
    [lockedUntil],
  );
  // A lockout error is over once the lock has lifted (the store clears it on time): back to
  // idle, so a form need not work out for itself that the message went stale.
  const lockLifted =
    state.status === 'error' &&
    isGroupKitApiError(state.error) &&
    state.error.code === 'too_many_attempts' &&
    state.error.retryAt !== undefined &&
    lockedUntil === null;
  return { ...(lockLifted ? IDLE : state), redeem, retryAt, reset };
}
