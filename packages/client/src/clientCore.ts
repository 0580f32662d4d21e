import { type Call, createCall } from './call';
import type { RequestConfig } from './request';
import { type RetryOptions, retryPolicy } from './retry';

/** Where the hosted GroupKit API lives. Point `baseUrl` elsewhere for self-hosting or tests. */
export const DEFAULT_BASE_URL = 'https://api.groupkit.dev';

/** What every client takes besides its credentials: where the API is and how to reach it. */
export interface TransportOptions {
  /**
   * Origin of the groups API, without `/v1`.
   * @default 'https://api.groupkit.dev'
   * @example createGroupKitClient({ apiKey, baseUrl: 'http://localhost:4000' })
   */
  baseUrl?: string;
  /**
   * The fetch to use: pass one to add tracing or to run where `fetch` is not global.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Abort a request that got no answer after this many ms (a `GroupKitNetworkError` with `timedOut`).
   * Applies to each attempt on its own, so a retried request may take longer in total.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * Retrying of transient failures (no answer, 5xx, 429) with exponential backoff and full
   * jitter. Reads are retried; writes only when they carry an `Idempotency-Key`
   * (`changeMemberships` always does), so a retry can never apply a change twice.
   * 4xx answers other than 429 are never retried.
   * @default { retries: 3, baseDelayMs: 250, maxDelayMs: 5000 }
   * @example createGroupKitClient({ apiKey, retry: { retries: 0 } }) // no retries
   */
  retry?: RetryOptions;
}

export interface GroupKitClientOptions extends TransportOptions {
  /**
   * A publishable key (`pk_...`) in browsers; a secret key (`sk_...`) only on servers, where
   * `createGroupKitAdminClient` from `@groupkit/client/admin` also needs one.
   * @example createGroupKitClient({ apiKey: 'pk_test_groupkit' })
   */
  apiKey: string;
  /**
   * With identity verification on: hex(HMAC-SHA256(identity secret, userId)), computed on your server.
   * @default undefined
   */
  userHash?: string;
}

/** The request config of a key client: the key stays readable (providers, devtools). */
export interface KeyRequestConfig extends RequestConfig {
  apiKey: string;
}

/** What every method group is built on: the checked config and the call bound to it. */
export interface ClientCore {
  call: Call;
  config: KeyRequestConfig;
}

/**
 * The transport part of a request config (origin, fetch, timeout), checked; `authHeaders`
 * are the caller's: a key client and the console client differ only there.
 */
export function transportConfig(
  options: TransportOptions,
  authHeaders: RequestConfig['authHeaders'],
  factory: string,
): RequestConfig {
  if (typeof (options.fetch ?? globalThis.fetch) !== 'function') {
    // Configuration mistakes are caught in development: production bundles keep a short
    // message (inline, so a bundler drops the long one).
    throw new TypeError(
      process.env.NODE_ENV === 'production'
        ? `${factory}: no fetch`
        : `${factory}: no global fetch here; pass one as the \`fetch\` option.`,
    );
  }
  return {
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    // Looked up per request, not at creation: a client made at module scope must still see
    // a fetch patched later (MSW, tracing), and `this` stays globalThis for polyfills.
    fetch: (input, init) => (options.fetch ?? globalThis.fetch).call(globalThis, input, init),
    timeoutMs: options.timeoutMs ?? 10_000,
    authHeaders,
  };
}

/**
 * Checks the options and binds them into one `call`: what every client and every standalone
 * endpoint function (`getSession(core, …)`) runs on, so they send, time out and retry alike.
 * Use it with the endpoint functions to ship only the endpoints you call.
 * @example
 * const core = createClientCore({ apiKey: 'pk_test_groupkit' });
 * const session = await getSession(core, { userId: 'u_ada' });
 */
export function createClientCore(
  options: GroupKitClientOptions,
  /** Names the caller in error messages. @default 'createClientCore' */
  factory = 'createClientCore',
): ClientCore {
  // `test` reads a missing or non-string key as text that cannot match: one check for all.
  if (!/^(pk|sk)_\S+$/.test(options?.apiKey as string)) {
    throw new TypeError(
      process.env.NODE_ENV === 'production'
        ? `${factory}: bad apiKey`
        : `${factory}: apiKey must be a GroupKit key such as "pk_test_..." (publishable, for browsers) or "sk_..." (secret, servers only).`,
    );
  }
  const { apiKey, userHash } = options;
  // The key (and, with identity verification on, the user's hash) goes with every request.
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (userHash) headers['x-groupkit-user-hash'] = userHash;
  const config: KeyRequestConfig = { ...transportConfig(options, headers, factory), apiKey };
  return { call: createCall(config, retryPolicy(options.retry)), config };
}
