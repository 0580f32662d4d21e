import { GroupKitApiError, GroupKitNetworkError } from './errors';
import type { RetryEvent } from './request';

/** How requests that may safely run twice are retried. */
export interface RetryOptions {
  /**
   * Retries after the first attempt; `0` turns retrying off.
   * @default 3
   */
  retries?: number;
  /**
   * Cap of the first backoff; it doubles per retry. Each wait is random in `[0, cap]` ("full
   * jitter"), so many clients failing together do not come back together.
   * @default 250
   */
  baseDelayMs?: number;
  /**
   * Largest backoff cap. A `Retry-After` longer than this is not waited out: the error is
   * thrown at once, with `retryAfter`/`retryAt` set, so the caller decides (an hour-long wait
   * inside a click handler helps nobody).
   * @default 5000
   */
  maxDelayMs?: number;
  /**
   * Random source in `[0, 1)` for the jitter; inject one for reproducible tests.
   * @default Math.random
   */
  random?: () => number;
  /**
   * Waits `ms` between attempts; inject one in tests to record delays instead of waiting.
   * The client still stops waiting at once when the request's `signal` aborts.
   * @default setTimeout-based
   * @example retry: { sleep: async (ms) => { delays.push(ms); } }
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type RetryPolicy = Required<RetryOptions>;

// Every listener added to a caller's signal is removed when its wait ends: one signal may see
// many retries (a provider's change queue keeps one for its whole life).
const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(stop, ms);
    signal?.addEventListener('abort', stop);
  });

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const policy = {
    retries: options.retries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 5000,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? realSleep,
  };
  for (const key of ['retries', 'baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) {
      throw new TypeError(
        process.env.NODE_ENV === 'production'
          ? `retry.${key}`
          : `createGroupKitClient: retry.${key} must be a number >= 0 (got ${String(policy[key])}).`,
      );
    }
  }
  return policy;
}

/** Worth another attempt: no answer, a server fault, or being told to slow down. 4xx never. */
export function isTransient(error: unknown): boolean {
  if (error instanceof GroupKitNetworkError) return true;
  return error instanceof GroupKitApiError && (error.status >= 500 || error.status === 429);
}

/**
 * The wait before retry number `retry` (0 for the first), or `null` when the server asked
 * for a longer pause than `maxDelayMs` allows.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, error: unknown): number | null {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const jitter = Math.floor(policy.random() * cap);
  const retryAfter = error instanceof GroupKitApiError ? error.retryAfter : undefined;
  if (retryAfter === undefined) return jitter;
  const asked = Math.ceil(retryAfter * 1000);
  if (asked > policy.maxDelayMs) return null;
  return Math.max(jitter, asked);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function wait(ms: number, policy: RetryPolicy, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  // Whichever comes first: the delay, or the caller giving up (the sleep clears its own
  // timer). Listening before sleeping catches an abort made while the sleep starts.
  return new Promise<void>((resolve, reject) => {
    const abort = () => reject(signal?.reason);
    // Left on an aborted signal, it never runs again: nothing to remove then.
    signal?.addEventListener('abort', abort);
    policy.sleep(ms, signal).then(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, reject);
  });
}

/**
 * Runs `attempt` and, when `retryable`, runs it again after transient failures with
 * exponential backoff. Throws the last error when out of retries.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  {
    retryable,
    signal,
    onRetry,
  }: {
    retryable: boolean;
    signal?: AbortSignal | undefined;
    onRetry?: ((event: RetryEvent) => void) | undefined;
  },
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!retryable || retry >= policy.retries || !isTransient(error)) throw error;
      const delay = backoffDelay(retry, policy, error);
      if (delay === null) throw error;
      onRetry?.({ retry: retry + 1, delayMs: delay, error });
      await wait(delay, policy, signal);
    }
  }
}
