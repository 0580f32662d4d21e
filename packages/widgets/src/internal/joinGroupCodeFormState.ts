import type { GroupKitError } from '@groupkit/client';
import { useCallback, useSyncExternalStore } from 'react';
import type { JoinGroupCodeFormErrorKind } from '../messages/joinGroupCodeForm';
import { errorMessageKey } from './errorMessageKey';

/**
 * A code as the user means it: upper case, each run of whitespace (tabs, line breaks from a
 * paste) one space. `trim` also drops the ends; while typing only the start is dropped, so a
 * space can still go between two groups of characters (the server then calls it malformed:
 * codes have no spaces, but guessing a hyphen could redeem a different code).
 */
export function normalizeCode(value: string, trim = true): string {
  const collapsed = value.toUpperCase().replace(/\s+/g, ' ').trimStart();
  return trim ? collapsed.trimEnd() : collapsed;
}

/** Which message a failed redemption gets: its code's when `messages` has one, else `unknown`. */
export const errorKind = (error: GroupKitError, messages: object) =>
  (errorMessageKey(error, messages) ?? 'unknown') as JoinGroupCodeFormErrorKind;

/**
 * Whole seconds left until `until` (epoch ms; 0 when none), re-rendering once a second, on
 * the second, and a last time when it reaches 0. Time is read as an external store, so a
 * render never shows a stale clock.
 */
export function useSecondsUntil(until: number): number {
  const subscribe = useCallback(
    (notify: () => void) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tick = () => {
        const left = until - Date.now();
        if (left <= 0) return;
        // Just past the next whole second, so the ceil below has moved on when we notify.
        timer = setTimeout(
          () => {
            notify();
            tick();
          },
          (left % 1000 || 1000) + 5,
        );
      };
      tick();
      return () => clearTimeout(timer);
    },
    [until],
  );
  const getSnapshot = () => Math.max(0, Math.ceil((until - Date.now()) / 1000));
  return useSyncExternalStore(subscribe, getSnapshot, () => 0);
}
