/** Every error code the engine raises; the HTTP skin maps each to a status. */
export type EngineErrorCode =
  'user_not_found' | 'group_not_found' | 'user_group_not_found' | 'validation_failed';

/**
 * A domain error with a stable `code`. The engine throws only these, so callers (the MSW
 * handlers, tests) can tell a rule violation from a bug.
 */
export class GroupsEngineError extends Error {
  override readonly name = 'GroupsEngineError';
  readonly code: EngineErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: EngineErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isGroupsEngineError(error: unknown): error is GroupsEngineError {
  return error instanceof GroupsEngineError;
}
