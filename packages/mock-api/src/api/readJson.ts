import { GroupsEngineError } from '../engine/errors';
import type { RouteRequest } from './routeTypes';

/** The largest JSON body any endpoint accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

/** 413 `payload_too_large` with the contract's details. */
export function payloadTooLarge(size: number): GroupsEngineError {
  return new GroupsEngineError(
    'payload_too_large',
    `The body is ${size} bytes; the limit is ${MAX_BODY_BYTES}.`,
    { limit: MAX_BODY_BYTES, size },
  );
}

/** The JSON body: 413 over 64 KB, 400 `invalid_json` when it does not parse. */
export async function readJson(request: RouteRequest): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw payloadTooLarge(declared);
  const text = await request.text();
  const size = new TextEncoder().encode(text).length;
  if (size > MAX_BODY_BYTES) throw payloadTooLarge(size);
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser's reason says where it broke ("... at position 23").
    const reason = text.trim() === '' ? 'it is empty' : (error as Error).message;
    throw new GroupsEngineError(
      'invalid_json',
      `The body is not valid JSON (${reason}); send a JSON object with Content-Type: application/json.`,
      { field: 'body' },
    );
  }
}
