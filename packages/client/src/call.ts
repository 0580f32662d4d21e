import { type CallInit, type RequestConfig, request } from './request';
import { type RetryPolicy, withRetry } from './retry';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API call, retried when that is safe. What every method group is built on. */
export type Call = <T>(method: HttpMethod, path: string, init?: CallInit) => Promise<T>;

/**
 * Binds the request config and retry policy. A GET may always run twice; a write only with
 * an `Idempotency-Key`, which makes the server replay its first answer instead of applying
 * the change again.
 */
export function createCall(config: RequestConfig, policy: RetryPolicy): Call {
  return <T>(method: HttpMethod, path: string, init: CallInit = {}) =>
    withRetry(() => request<T>(config, method, path, init), policy, {
      retryable: method === 'GET' || init.headers?.['idempotency-key'] !== undefined,
      signal: init.signal,
      onRetry: init.onRetry,
    });
}

/** Path segments are user input (slugs, ids): encode them so `a/b` cannot change the route. */
export const enc = encodeURIComponent;
