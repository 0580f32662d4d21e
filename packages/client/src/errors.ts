import { parseRetryAfter } from './retryAfter';

/**
 * Every error code of the groups API contract. Branch on these, never on `message`.
 * @example
 * if (isGroupKitApiError(error) && error.code === GroupKitErrorCode.code_expired) showExpired();
 */
export const GroupKitErrorCode = {
  // auth
  unauthorized: 'unauthorized',
  identity_unverified: 'identity_unverified',
  forbidden: 'forbidden',
  role_forbidden: 'role_forbidden',
  csrf_failed: 'csrf_failed',
  invalid_credentials: 'invalid_credentials',
  // request shape
  validation_failed: 'validation_failed',
  invalid_json: 'invalid_json',
  payload_too_large: 'payload_too_large',
  not_found: 'not_found',
  // account-group properties a publishable key may not write
  property_not_writable: 'property_not_writable',
  // lookups
  user_not_found: 'user_not_found',
  group_not_found: 'group_not_found',
  user_group_not_found: 'user_group_not_found',
  automation_not_found: 'automation_not_found',
  operator_not_found: 'operator_not_found',
  api_key_not_found: 'api_key_not_found',
  flow_not_found: 'flow_not_found',
  flow_version_not_found: 'flow_version_not_found',
  email_taken: 'email_taken',
  last_owner: 'last_owner',
  flow_id_taken: 'flow_id_taken',
  flow_version_retired: 'flow_version_retired',
  // user groups
  slug_taken: 'slug_taken',
  ruleset_too_large: 'ruleset_too_large',
  group_is_automatic: 'group_is_automatic',
  group_not_joinable: 'group_not_joinable',
  group_not_active: 'group_not_active',
  group_not_viewable: 'group_not_viewable',
  leave_not_allowed: 'leave_not_allowed',
  // membership changes
  invalid_change: 'invalid_change',
  idempotency_key_reused: 'idempotency_key_reused',
  // codes
  code_malformed: 'code_malformed',
  code_invalid: 'code_invalid',
  code_already_used: 'code_already_used',
  code_not_yet_active: 'code_not_yet_active',
  code_expired: 'code_expired',
  code_revoked: 'code_revoked',
  code_taken: 'code_taken',
  too_many_attempts: 'too_many_attempts',
  // faults
  rate_limited: 'rate_limited',
  internal_error: 'internal_error',
  database_unavailable: 'database_unavailable',
} as const;

/** One of the contract's error codes. */
export type GroupKitErrorCodeValue = (typeof GroupKitErrorCode)[keyof typeof GroupKitErrorCode];

/**
 * The codes the client itself produces: `http_error` for a non-2xx answer without a GroupKit
 * error body (a proxy page, a wrong `baseUrl`), `invalid_response` for a 2xx body that is not JSON.
 */
export type GroupKitClientErrorCode = 'http_error' | 'invalid_response';

/** The error envelope of every non-2xx answer: `{"error":{"code","message","details"}}`. */
export interface ApiErrorBody {
  code: GroupKitErrorCodeValue | GroupKitClientErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The API answered with an error. `code` is stable; branch on it, not on `message`. */
export class GroupKitApiError extends Error {
  override readonly name = 'GroupKitApiError';
  /** HTTP status. */
  readonly status: number;
  /** Stable snake_case code from the contract, e.g. `group_not_found` (see `GroupKitErrorCode`). */
  readonly code: GroupKitErrorCodeValue | GroupKitClientErrorCode;
  /** Structured context, e.g. `{ field: 'userId' }`. */
  readonly details: Record<string, unknown>;
  /** The `X-Request-Id` of the answer, when the server sent one: quote it in support requests. */
  readonly requestId: string | null;
  /**
   * Seconds the server asked you to wait before trying again (its `Retry-After` header, sent
   * with 429 `rate_limited` and `too_many_attempts`); `undefined` without the header.
   */
  readonly retryAfter: number | undefined;
  /** When a retry may be made: now plus `retryAfter`. `undefined` without a `Retry-After` header. */
  readonly retryAt: Date | undefined;

  constructor(
    status: number,
    body: ApiErrorBody,
    requestId: string | null = null,
    retryAfterHeader: string | null = null,
  ) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? {};
    this.requestId = requestId;
    const now = Date.now();
    const retryAfter = parseRetryAfter(retryAfterHeader, now);
    this.retryAfter = retryAfter;
    this.retryAt = retryAfter === undefined ? undefined : new Date(now + retryAfter * 1000);
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

/**
 * Membership changes that cannot be parsed, caught before any request is sent. Same `code`
 * as the server's answer to them, so one `code === 'invalid_change'` branch handles both.
 */
export class GroupKitChangeError extends Error {
  override readonly name = 'GroupKitChangeError';
  readonly code = 'invalid_change' as const;
  /** Index of the offending op (0-based), e.g. 1 for the empty op in `"+pro,,-plus"`. */
  readonly index: number;
  /** The changes as given. */
  readonly input: unknown;

  constructor(message: string, index: number, input: unknown) {
    super(message);
    this.index = index;
    this.input = input;
  }
}

export function isGroupKitApiError(error: unknown): error is GroupKitApiError {
  return error instanceof GroupKitApiError;
}

export function isGroupKitNetworkError(error: unknown): error is GroupKitNetworkError {
  return error instanceof GroupKitNetworkError;
}

export function isGroupKitChangeError(error: unknown): error is GroupKitChangeError {
  return error instanceof GroupKitChangeError;
}
