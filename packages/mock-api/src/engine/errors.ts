/**
 * Every error code of the groups API with its HTTP status. One table, so the engine, the
 * handlers, the OpenAPI document and the SDK's typed constants cannot drift apart.
 */
export const ERROR_STATUS = {
  // auth (raised by the HTTP skin)
  unauthorized: 401,
  identity_unverified: 401,
  forbidden: 403,
  // operators (the dashboard): a role below the route's, a state-changing request without
  // its session's CSRF token, a wrong email or password (the same answer for both)
  role_forbidden: 403,
  csrf_failed: 403,
  invalid_credentials: 401,
  // request shape
  validation_failed: 400,
  invalid_json: 400,
  payload_too_large: 413,
  not_found: 404,
  // a publishable key writing an account-group property the project keeps server-only
  property_not_writable: 403,
  // lookups
  user_not_found: 404,
  group_not_found: 404,
  user_group_not_found: 404,
  automation_not_found: 404,
  operator_not_found: 404,
  api_key_not_found: 404,
  flow_not_found: 404,
  flow_version_not_found: 404,
  // operators
  email_taken: 409,
  last_owner: 409,
  // flows
  flow_id_taken: 409,
  flow_version_retired: 409,
  // user groups
  slug_taken: 409,
  ruleset_too_large: 400,
  group_is_automatic: 409,
  group_not_joinable: 403,
  group_not_active: 409,
  group_not_viewable: 400,
  leave_not_allowed: 409,
  // membership changes
  invalid_change: 400,
  idempotency_key_reused: 422,
  // codes
  code_malformed: 400,
  code_invalid: 404,
  code_already_used: 409,
  code_not_yet_active: 409,
  code_expired: 410,
  code_revoked: 410,
  code_taken: 409,
  too_many_attempts: 429,
  // faults
  rate_limited: 429,
  internal_error: 500,
  // the server's database is unreachable or too slow (`Retry-After` says when to retry)
  database_unavailable: 503,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof ERROR_STATUS;

/** The codes the engine itself raises (the rest come from the HTTP skin). */
export type EngineErrorCode = Exclude<
  ApiErrorCode,
  | 'unauthorized'
  | 'identity_unverified'
  | 'forbidden'
  | 'role_forbidden'
  | 'csrf_failed'
  | 'rate_limited'
  | 'internal_error'
  | 'database_unavailable'
>;

/**
 * A domain error with a stable `code`. The engine throws only these, so callers (the MSW
 * handlers, tests) can tell a rule violation from a bug.
 */
export class GroupsEngineError extends Error {
  override readonly name = 'GroupsEngineError';
  readonly code: EngineErrorCode;
  readonly details: Record<string, unknown>;
  /** Seconds a client should wait before retrying (`too_many_attempts`). */
  readonly retryAfter: number | undefined;

  constructor(
    code: EngineErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    retryAfter?: number,
  ) {
    super(message);
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isGroupsEngineError(error: unknown): error is GroupsEngineError {
  return error instanceof GroupsEngineError;
}
