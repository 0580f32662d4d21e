import { delay, HttpResponse } from 'msw';
import { errorResponse } from '../api/respond';

export interface FaultOptions {
  /** Probability (0-1) of answering 500 `internal_error`. @default 0 */
  serverError?: number;
  /** Probability (0-1) of dropping the connection (a network error in the client). @default 0 */
  networkError?: number;
  /** Probability (0-1) of answering 429 `rate_limited` with `Retry-After: 1`. @default 0 */
  rateLimit?: number;
}

export interface ContextOptions {
  latency?: number | readonly [number, number];
  faults?: FaultOptions;
  /** Random source for latency and faults; inject one for reproducible fault tests. @default Math.random */
  random?: () => number;
}

/** Latency and injected faults: the mock's way to rehearse bad networks. */
export function createRehearsal({
  latency = 0,
  faults = {},
  random = Math.random,
}: ContextOptions) {
  return {
    async wait() {
      const ms =
        typeof latency === 'number' ? latency : latency[0] + random() * (latency[1] - latency[0]);
      if (ms > 0) await delay(ms);
    },
    /** Injected faults happen before the engine sees the request, so a fault never half-applies. */
    fault(): Response | null {
      if (faults.networkError && random() < faults.networkError) return HttpResponse.error();
      if (faults.rateLimit && random() < faults.rateLimit) {
        return errorResponse(
          'rate_limited',
          'Too many requests; retry after the Retry-After delay.',
          {},
          { 'retry-after': '1' },
        );
      }
      if (faults.serverError && random() < faults.serverError) {
        return errorResponse(
          'internal_error',
          'Injected fault: the server failed (mock faults option).',
        );
      }
      return null;
    },
  };
}
