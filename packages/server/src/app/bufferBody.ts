import { MAX_BODY_BYTES } from '@groupkit/mock-api/core';

/** Bytes read at most from a body that declares no length; past the limit anyway. */
const READ_CAP = 1024 * 1024;

/**
 * The request with its body read into memory first, so a slow or huge upload never holds a
 * database transaction (or a project's write lock) open. A declared length over the limit
 * is not read at all: the route answers 413 from the header, as the contract says.
 */
export async function bufferBody(request: Request): Promise<Request> {
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return request;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) {
    await request.body.cancel();
    return new Request(request.url, { method: request.method, headers: request.headers });
  }
  const reader = request.body.getReader();
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
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body });
}
