/** The error envelope of every non-2xx answer: `{"error":{"code","message","details"}}`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** The API answered with an error. `code` is stable; branch on it, not on `message`. */
export class GroupKitApiError extends Error {
  override readonly name = 'GroupKitApiError';
  /** HTTP status. */
  readonly status: number;
  /** Stable snake_case code from the contract, e.g. `group_not_found`. */
  readonly code: string;
  /** Structured context, e.g. `{ field: 'userId' }`. */
  readonly details: Record<string, unknown>;
  /** The `X-Request-Id` of the answer, when the server sent one: quote it in support requests. */
  readonly requestId: string | null;

  constructor(status: number, body: ApiErrorBody, requestId: string | null = null) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? {};
    this.requestId = requestId;
  }
}

/** The request never got an answer: offline, DNS, CORS, a dropped connection or a timeout. */
export class GroupKitNetworkError extends Error {
  override readonly name = 'GroupKitNetworkError';
  /** True when the client's own `timeoutMs` ran out (not when your `signal` aborted). */
  readonly timedOut: boolean;

  constructor(message: string, options: { cause?: unknown; timedOut?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.timedOut = options.timedOut ?? false;
  }
}

export function isGroupKitApiError(error: unknown): error is GroupKitApiError {
  return error instanceof GroupKitApiError;
}

export function isGroupKitNetworkError(error: unknown): error is GroupKitNetworkError {
  return error instanceof GroupKitNetworkError;
}
