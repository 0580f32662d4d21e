import { type ApiErrorCode, ERROR_STATUS, isGroupsEngineError } from '../engine/errors';

export type { ApiErrorCode };

/** A JSON answer (a standard `Response`, so MSW and any fetch-based server take it as is). */
export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}) {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: jsonHeaders(init.headers),
  });
}

/**
 * `given` with the JSON content type; plain headers when there are none to merge: a server's
 * lightweight `Response` (Hono's on Node) then never builds a `Headers`, whose every call
 * validates its arguments.
 */
function jsonHeaders(given: HeadersInit | undefined): HeadersInit {
  if (given === undefined) return { 'content-type': 'application/json' };
  const headers = new Headers(given);
  headers.set('content-type', 'application/json');
  return headers;
}

/** The contract's error envelope: `{"error":{"code","message","details"}}`, status from the code table. */
/** A CSV download: RFC 4180 text, named for the browser's save dialog. */
export function csvResponse(filename: string, csv: string) {
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });
}

export function errorResponse(
  code: ApiErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  headers?: HeadersInit,
) {
  return jsonResponse(
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
  return errorResponse('internal_error', `The groups engine failed: ${message}`);
}
