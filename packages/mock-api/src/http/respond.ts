import { HttpResponse } from 'msw';
import { type ApiErrorCode, ERROR_STATUS, isGroupsEngineError } from '../engine/errors';

export type { ApiErrorCode };

/** The contract's error envelope: `{"error":{"code","message","details"}}`, status from the code table. */
export function errorResponse(
  code: ApiErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  headers?: HeadersInit,
) {
  return HttpResponse.json(
    { error: { code, message, details } },
    { status: ERROR_STATUS[code], headers },
  );
}

/** Maps a thrown engine error to its HTTP answer; anything else is a bug and becomes a 500. */
export function errorFromThrown(error: unknown) {
  if (isGroupsEngineError(error)) {
    const headers =
      error.retryAfter === undefined ? undefined : { 'retry-after': String(error.retryAfter) };
    return errorResponse(error.code, error.message, error.details, headers);
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorResponse('internal_error', `The mock engine failed: ${message}`);
}
