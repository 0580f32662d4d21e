/** HTTP from a test to a real listening server: `fetch` for plain calls, node:http for raw ones. */
import { PUBLISHABLE_KEY, SECRET_KEY } from '@groupkit/mock-api/core';
import { type Agent, type ClientRequest, type IncomingHttpHeaders, request } from 'node:http';

export { PUBLISHABLE_KEY, SECRET_KEY };

export interface ApiCallInit {
  method?: string;
  /** Sent as `Authorization: Bearer <key>`. */
  key?: string;
  /** JSON-encoded. */
  json?: unknown;
  headers?: Record<string, string>;
}

/** One call to `baseUrl` + `path` (`/v1/…`), with the parsed JSON body (or the text). */
export async function callApi(baseUrl: string, path: string, init: ApiCallInit = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, headers: response.headers, body };
}

/** The group slugs of a user's memberships, as the publishable key sees them. */
export async function membershipSlugs(baseUrl: string, userId: string): Promise<string[]> {
  const { status, body } = await callApi(baseUrl, `/v1/users/${userId}/memberships`, {
    key: PUBLISHABLE_KEY,
  });
  if (status !== 200)
    throw new Error(`memberships of ${userId}: ${status} ${JSON.stringify(body)}`);
  return (body as { data: { slug: string }[] }).data.map((m) => m.slug);
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** The answer to a node:http request: status, headers and the whole body as text. */
export function responseOf(req: ClientRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('error', reject);
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
  });
}

/**
 * A POST whose body goes out in parts, on its own connection. `accepted` resolves when the
 * server answers `100 Continue`: Node's HTTP server sends it in the same tick it hands the
 * request to the app, so from then on the request is in flight there. Its own connection
 * unless an `agent` is given (a keep-alive one, say).
 */
export function openUpload(
  url: string,
  headers: Record<string, string>,
  totalBytes: number,
  agent: Agent | false = false,
) {
  const req = request(url, {
    method: 'POST',
    agent,
    headers: { ...headers, expect: '100-continue', 'content-length': String(totalBytes) },
  });
  const accepted = new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve());
    req.once('error', reject);
  });
  // Headers now: the server only answers `100 Continue` once it has them.
  req.flushHeaders();
  return { req, accepted, response: responseOf(req) };
}

/** POSTs `body` on a fresh connection: with `Content-Length`, or chunked without one. */
export function postRaw(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  { chunked }: { chunked: boolean },
): Promise<RawResponse> {
  const req = request(url, {
    method: 'POST',
    agent: false,
    headers: chunked ? headers : { ...headers, 'content-length': String(body.byteLength) },
  });
  const answer = responseOf(req);
  // The server may answer (and stop reading) before the whole body is out: not an error here.
  req.on('socket', (socket) => socket.on('error', () => {}));
  if (chunked) {
    for (let offset = 0; offset < body.byteLength; offset += 16 * 1024) {
      req.write(body.subarray(offset, offset + 16 * 1024));
    }
    req.end();
  } else {
    req.end(body);
  }
  return answer;
}

/**
 * Polls `check` every `intervalMs` until it returns something other than `undefined` (a
 * throw counts as "not yet"), for at most `timeoutMs`.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  { timeoutMs = 15_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not met within ${timeoutMs} ms (last error: ${String(last)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
