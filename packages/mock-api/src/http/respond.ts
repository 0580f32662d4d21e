import { HttpResponse } from 'msw';
import { type EngineErrorCode, isGroupsEngineError } from '../engine/errors';

/** Every error code the HTTP layer can answer with. */
export type ApiErrorCode =
  | EngineErrorCode
  | 'unauthorized'
  | 'forbidden'
  | 'identity_unverified'
  | 'not_found'
  | 'internal_error';

const STATUS: Record<EngineErrorCode, number> = {
  user_not_found: 404,
  group_not_found: 404,
  user_group_not_found: 404,
  validation_failed: 400,
};

/** The contract's error envelope: `{"error":{"code","message","details"}}`. */
export function errorResponse(
  status: number,
  code: ApiErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  headers?: HeadersInit,
) {
  return HttpResponse.json({ error: { code, message, details } }, { status, headers });
}

/** Maps a thrown engine error to its HTTP answer; anything else is a bug and becomes a 500. */
export function errorFromThrown(error: unknown) {
  if (isGroupsEngineError(error)) {
    return errorResponse(STATUS[error.code], error.code, error.message, error.details);
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorResponse(500, 'internal_error', `The mock engine failed: ${message}`);
}
