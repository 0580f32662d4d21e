import { type ApiErrorBody, GroupKitApiError, GroupKitNetworkError } from './errors';

export interface RequestConfig {
  apiKey: string;
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  userHash?: string;
}

export interface RequestOptions {
  /** Cancels the request; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export type Query = Record<string, string | number | boolean | undefined>;

/** What one call sends besides method and path. */
export interface CallInit {
  query?: Query | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Extra headers, e.g. `idempotency-key`. */
  headers?: Record<string, string> | undefined;
}

function isErrorBody(value: unknown): value is { error: ApiErrorBody } {
  const error = (value as { error?: Partial<ApiErrorBody> } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** One HTTP round trip: auth headers, timeout, JSON in and out, typed errors. */
export async function request<T>(
  config: RequestConfig,
  method: string,
  path: string,
  { query, body, signal, headers: extraHeaders }: CallInit = {},
): Promise<T> {
  const url = new URL(`${config.baseUrl}/v1${path}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {
    authorization: `Bearer ${config.apiKey}`,
    accept: 'application/json, text/csv',
    ...extraHeaders,
  };
  if (config.userHash) headers['x-groupkit-user-hash'] = config.userHash;
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
        ? `${method} ${url.pathname} got no answer within ${config.timeoutMs} ms. Raise timeoutMs or check the connection.`
        : `${method} ${url.pathname} failed before an answer arrived (offline, DNS or CORS?). Check the network and baseUrl "${config.baseUrl}".`,
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
      `${method} ${url.pathname}: the connection dropped while the answer was arriving. Check the network and retry.`,
      { cause, timedOut: timeout.aborted },
    );
  }
  // The one endpoint that answers with something other than JSON: the members CSV export.
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
            message: `${method} ${url.pathname} answered ${response.status} without a GroupKit error body. Is baseUrl "${config.baseUrl}" the GroupKit API?`,
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
        message: `${method} ${url.pathname} answered with a body that is not JSON.`,
      },
      requestId,
    );
  }
  return json as T;
}
