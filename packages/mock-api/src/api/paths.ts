import { errorResponse } from './respond';

/** 400 for a path that does not percent-decode (shared wording with the server). */
export function malformedPathResponse(pathname: string): Response {
  return errorResponse(
    'validation_failed',
    `path: ${pathname} has a malformed percent-escape; encode each path segment with encodeURIComponent.`,
    { field: 'path' },
  );
}

/** 404 for anything under /v1 that is no endpoint (shared wording with the server). */
export function noEndpointResponse(method: string, pathname: string): Response {
  return errorResponse('not_found', `No endpoint ${method} ${pathname}.`);
}
