import { GroupsEngineError } from './errors';

/**
 * The brute-force rule shared by code redemption (per user) and operator sign-in (per
 * email): `max` failures inside `windowMs` lock further attempts until enough of them age
 * out, answered 429 `too_many_attempts` with `Retry-After`.
 */
export interface AttemptThrottle {
  max: number;
  windowMs: number;
  /** The refusal's message, given when the lock lifts (ISO). */
  message: (retryAt: string) => string;
}

/** The failures still inside the window, oldest first. */
export function recentAttempts(
  throttle: AttemptThrottle,
  times: readonly number[] | undefined,
  now: number,
): number[] {
  return (times ?? []).filter((at) => at > now - throttle.windowMs);
}

/** Throws 429 `too_many_attempts` while `times` hold `max` recent failures. */
export function refuseWhileLocked(
  throttle: AttemptThrottle,
  times: readonly number[] | undefined,
  now: number,
): void {
  const recent = recentAttempts(throttle, times, now);
  if (recent.length < throttle.max) return;
  // The lock lifts when enough failures age out to leave fewer than the maximum.
  const unlockAt = (recent[recent.length - throttle.max] as number) + throttle.windowMs;
  const retryAt = new Date(unlockAt).toISOString();
  throw new GroupsEngineError(
    'too_many_attempts',
    throttle.message(retryAt),
    { retryAt },
    Math.ceil((unlockAt - now) / 1000),
  );
}
