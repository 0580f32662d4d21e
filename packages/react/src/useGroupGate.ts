'use client';
import type { Session } from '@groupkit/client';
import { useCallback } from 'react';
import type { GroupKitHookOptions } from './GroupKitContext';
import { type GateRule, passesGate } from './membershipMatch';
import { useSessionQuery } from './useSessionQuery';

/**
 * Whether the user passes a gate: a member of some `include` group and of no `exclude`
 * group. `undefined` until the session has loaded. Re-renders only when the answer changes.
 * @example
 * const showPlusPerks = useGroupGate({ include: ['plus'], exclude: ['pro'] });
 */
export function useGroupGate(rule: GateRule, options?: GroupKitHookOptions): boolean | undefined {
  // Keyed by content, so an inline `{ include: ['plus'] }` does not re-run the selector every render.
  const include = (rule.include ?? []).join('\u0000');
  const exclude = (rule.exclude ?? []).join('\u0000');
  const select = useCallback(
    (session: Session) =>
      passesGate(session.memberships, {
        include: include ? include.split('\u0000') : [],
        exclude: exclude ? exclude.split('\u0000') : [],
      }),
    [include, exclude],
  );
  return useSessionQuery('useGroupGate', select, options).data;
}
