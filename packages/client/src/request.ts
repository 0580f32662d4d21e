import { type ApiErrorBody, GroupKitApiError, GroupKitNetworkError } from './errors';

export interface RequestConfig {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /**
   * The credentials every request carries: an API key's header, or (the console, whose fetch
   * sends the session cookie) the session's CSRF token, which its client keeps current. A
   * plain object, read per request: the bytes a function would cost every browser bundle.
   */
  authHeaders: Record<string, string>;
}

export interface RequestOptions {
  /**
   * Cancels the request; the promise then rejects with the signal's reason.
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * Called before each retry of a transient failure (no answer, 5xx, 429), e.g. to show
   * "Reconnecting…" instead of an error while the client backs off.
   * @default undefined
   * @example client.getSession({ userId }, { onRetry: ({ retry, delayMs }) => setNote(`retry ${retry} in ${delayMs} ms`) })
   */
  onRetry?: (event: RetryEvent) => void;
}

/** One retry about to happen. */
export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  /** How long the client waits before it. */
  delayMs: number;
  /** What failed. */
  error: unknown;
}

export type Query = Record<string, string | number | boolean | undefined>;

/** What one call sends besides method and path. */
export interface CallInit {
  query?: Query | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Extra headers, e.g. `idempotency-key`. */
  headers?: Record<string, string> | undefined;
}

function isErrorBody(value: unknown): value is { error: ApiErrorBody } {
  const error = (value as { error?: Partial<ApiErrorBody> } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** One HTTP round trip: auth headers, timeout, JSON in and out, typed errors. */
/** What a CSV export sends: every other call asks for JSON only. */
export const CSV_HEADERS = { accept: 'text/csv' };

export async function request<T>(
  config: RequestConfig,
  method: string,
  path: string,
  { query, body, signal, headers: extraHeaders }: CallInit = {},
): Promise<T> {
  const url = new URL(`${config.baseUrl}/v1${path}`);
  const where = `${method} ${url.pathname}`;
  // Messages say what happened; development builds add how to fix it.
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {
    ...config.authHeaders,
    accept: 'application/json',
    ...extraHeaders,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';

  const timeout = AbortSignal.timeout(config.timeoutMs);
  let response: Response;
  try {
    response = await config.fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    const timedOut = timeout.aborted;
    throw new GroupKitNetworkError(
      timedOut
        ? `${where}: no answer within ${config.timeoutMs} ms.${process.env.NODE_ENV === 'production' ? '' : ' Raise timeoutMs or check the connection.'}`
        : `${where}: no answer (offline, DNS or CORS?).${process.env.NODE_ENV === 'production' ? '' : ` Check the network and baseUrl "${config.baseUrl}".`}`,
      { cause, timedOut },
    );
  }

  const requestId = response.headers.get('x-request-id');
  const retryAfter = response.headers.get('retry-after');
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    // The answer started but the connection died mid-body: as retryable as no answer at all.
    if (signal?.aborted) throw signal.reason;
    throw new GroupKitNetworkError(
      `${where}: the connection dropped while the answer was arriving.`,
      { cause, timedOut: timeout.aborted },
    );
  }
  // The endpoints that answer with something other than JSON: the CSV exports (which ask for
  // it: `CSV_HEADERS`).
  if (response.ok && response.headers.get('content-type')?.startsWith('text/csv')) return text as T;
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) {
    throw new GroupKitApiError(
      response.status,
      isErrorBody(json)
        ? json.error
        : {
            code: 'http_error',
            message: `${where} answered ${response.status} without a GroupKit error body.${process.env.NODE_ENV === 'production' ? '' : ` Is baseUrl "${config.baseUrl}" the GroupKit API?`}`,
          },
      requestId,
      retryAfter,
    );
  }
  if (json === undefined) {
    throw new GroupKitApiError(
      response.status,
      {
        code: 'invalid_response',
        message: `${where} answered with a body that is not JSON.`,
      },
      requestId,
    );
  }
  return json as T;
}
