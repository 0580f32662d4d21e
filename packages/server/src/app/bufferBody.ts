import { MAX_BODY_BYTES, type RouteRequest } from '@groupkit/mock-api/core';

/** Bytes read at most from a body that declares no length; past the limit anyway. */
const READ_CAP = 1024 * 1024;

const decoder = new TextDecoder();

/** `request` over a body already read: `text()` answers it as often as a route asks. */
function withText(request: Request, text: string): RouteRequest {
  const { method, url, headers } = request;
  return { method, url, headers, text: () => Promise.resolve(text) };
}

/** At most `READ_CAP` bytes (and a chunk) of a body that declares no length. */
async function readCapped(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.byteLength;
    if (size > READ_CAP) {
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return decoder.decode(bytes);
}

/**
 * The request with its body read into memory first, so a slow or huge upload never holds a
 * database transaction (or a project's write lock) open. A declared length over the limit
 * is not read at all: the route answers 413 from the header, as the contract says.
 *
 * What comes back is what routes read of a request (`RouteRequest`), not a `Request`: a
 * request that runs again (its key changed meanwhile) reads the same text, and neither a GET
 * nor a body with a declared length builds a web `Request` or stream. On Node the server's
 * request reads a declared-length body straight from the socket; the HTTP parser stops it at
 * that length.
 */
export async function bufferBody(request: Request): Promise<RouteRequest> {
  if (request.method === 'GET' || request.method === 'HEAD') return request;
  const length = request.headers.get('content-length');
  if (length !== null) {
    if (Number(length) > MAX_BODY_BYTES) {
      await request.body?.cancel();
      return withText(request, '');
    }
    return withText(request, await request.text());
  }
  return withText(request, request.body ? await readCapped(request.body) : '');
}
