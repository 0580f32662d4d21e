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

/**
 * The codes the SDK raises without any answer from the API (nothing was sent, or nothing came
 * back). Each says what to do:
 * - `network_error`: no answer at all (offline, DNS, CORS, a timeout): a `GroupKitNetworkError`.
 * - `no_provider`: a hook or widget rendered outside `<GroupKitProvider>` (or a built-in
 *   onboarding step outside `<OnboardingFlow>`): wrap it in one.
 * - `no_user`: a write on a provider without `userId`, or disabled: nothing was sent.
 * - `no_account_group`: `identify` on a provider without `groupId`: nothing was sent.
 * - `unmounted`: the provider unmounted before a change was sent: it stays queued (in
 *   storage) and goes out when a provider for the same user mounts again.
 * - `flow_not_loaded`: a move in a server-defined flow (`useFlow`) before the flow loaded.
 * - `flow_not_served`: a move in a server-defined flow no version of which is served to the
 *   user (not targeted, or none published).
 * - `step_not_found`: `goTo` a step id the flow's version does not have.
 * - `unexpected`: something that is not a GroupKit error was thrown (kept as `cause`).
 */
export type GroupKitSdkErrorCode =
  | 'network_error'
  | 'no_provider'
  | 'no_user'
  | 'no_account_group'
  | 'unmounted'
  | 'flow_not_loaded'
  | 'flow_not_served'
  | 'step_not_found'
  | 'unexpected';

/**
 * Every `code` a `GroupKitError` can carry: the API contract's (`GroupKitErrorCode`), the
 * client's own (`http_error`, `invalid_response`) and the SDK's (`GroupKitSdkErrorCode`).
 */
export type GroupKitAnyErrorCode =
  GroupKitErrorCodeValue | GroupKitClientErrorCode | GroupKitSdkErrorCode;

/**
 * The base of every error GroupKit raises or reports (to `onError`, in a write's outcome, in
 * a hook's `error`): branch on its stable `code`, never on `message`. Subclasses add what
 * their kind knows: `GroupKitApiError` (the API answered with an error), `GroupKitNetworkError`
 * (no answer) and `GroupKitChangeError` (changes that cannot be parsed).
 * @example
 * if (isGroupKitError(error) && error.code === 'no_user') return <SignInPrompt />;
 */
export class GroupKitError<Code extends GroupKitAnyErrorCode = GroupKitAnyErrorCode> extends Error {
  override name = 'GroupKitError';
  /** Stable snake_case code: one of `GroupKitAnyErrorCode`. */
  declare readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The error envelope of every non-2xx answer: `{"error":{"code","message","details"}}`. */
export interface ApiErrorBody {
  code: GroupKitErrorCodeValue | GroupKitClientErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

// Fields assigned in constructors are `declare`d: no class-field initialisers in the bundle
// (these classes ship with every provider, whose own code has a 4 kB budget).

/**
 * The API answered with an error. `code` is stable (the contract's, e.g. `group_not_found`,
 * see `GroupKitErrorCode`; or the client's `http_error` / `invalid_response`); branch on it,
 * not on `message`.
 */
export class GroupKitApiError extends GroupKitError<
  GroupKitErrorCodeValue | GroupKitClientErrorCode
> {
  override readonly name = 'GroupKitApiError';
  /** HTTP status. */
  declare readonly status: number;
  /** Structured context, e.g. `{ field: 'userId' }`. */
  declare readonly details: Record<string, unknown>;
  /** The `X-Request-Id` of the answer, when the server sent one: quote it in support requests. */
  declare readonly requestId: string | null;
  /**
   * Seconds the server asked you to wait before trying again (its `Retry-After` header, sent
   * with 429 `rate_limited` and `too_many_attempts`); `undefined` without the header.
   */
  declare readonly retryAfter: number | undefined;
  /** When a retry may be made: now plus `retryAfter`. `undefined` without a `Retry-After` header. */
  declare readonly retryAt: Date | undefined;

  constructor(
    status: number,
    body: ApiErrorBody,
    requestId: string | null = null,
    retryAfterHeader: string | null = null,
  ) {
    super(body.code, body.message);
    this.status = status;
    this.details = body.details ?? {};
    this.requestId = requestId;
    const now = Date.now();
    const retryAfter = parseRetryAfter(retryAfterHeader, now);
    this.retryAfter = retryAfter;
    this.retryAt = retryAfter === undefined ? undefined : new Date(now + retryAfter * 1000);
  }
}

/**
 * The request never got an answer: offline, DNS, CORS, a dropped connection or a timeout.
 * Its `code` is `network_error`.
 */
export class GroupKitNetworkError extends GroupKitError<'network_error'> {
  override readonly name = 'GroupKitNetworkError';
  /** True when the client's own `timeoutMs` ran out (not when your `signal` aborted). */
  declare readonly timedOut: boolean;

  constructor(message: string, options: { cause?: unknown; timedOut?: boolean } = {}) {
    super('network_error', message, options);
    this.timedOut = options.timedOut ?? false;
  }
}

/**
 * Membership changes that cannot be parsed, caught before any request is sent. Same `code`
 * as the server's answer to them, so one `code === 'invalid_change'` branch handles both.
 */
export class GroupKitChangeError extends GroupKitError<'invalid_change'> {
  override readonly name = 'GroupKitChangeError';
  /** Index of the offending op (0-based), e.g. 1 for the empty op in `"+pro,,-plus"`. */
  declare readonly index: number;
  /** The changes as given. */
  declare readonly input: unknown;

  constructor(message: string, index: number, input: unknown) {
    super('invalid_change', message);
    this.index = index;
    this.input = input;
  }
}

/**
 * Whether `error` is any GroupKit error (API, network, parse, or the SDK's own), so its
 * `code` can be read.
 * @example if (isGroupKitError(error)) report(error.code);
 */
export function isGroupKitError(error: unknown): error is GroupKitError {
  return error instanceof GroupKitError;
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
