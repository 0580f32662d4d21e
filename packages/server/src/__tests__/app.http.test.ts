/**
 * The server's own HTTP behaviour around the API: health and readiness, the OpenAPI document
 * and reference, request ids and logs, CORS, and the body size limit. In process through
 * `createApp` + `app.fetch`, and through a real listening server for what only a socket
 * shows (chunked uploads). One PGlite for the file: the server's, seeded with `default`.
 */
import { buildOpenApiDocument } from '@groupkit/mock-api/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GroupKitApp } from '../app/createApp';
import { type RunningServer, startServer } from '../startServer';
import { captureLogs } from './support/logCapture';
import { postRaw, PUBLISHABLE_KEY, SECRET_KEY } from './support/http';

const ORIGIN = 'https://api.groupkit.test';
const APP_ORIGIN = 'https://app.example';

let server: RunningServer;
let app: GroupKitApp;
const logs = captureLogs();

beforeAll(async () => {
  server = await startServer({ database: 'memory', port: 0, scenario: 'default' });
  app = createApp({ database: server.database, corsOrigins: [APP_ORIGIN], logger: logs.logger });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

function call(path: string, init: RequestInit & { key?: string } = {}) {
  const { key, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  return app.fetch(new Request(`${ORIGIN}${path}`, { ...rest, headers }));
}

function preflight(path: string, origin: string, method: string) {
  return call(path, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization, idempotency-key, x-groupkit-user-hash',
    },
  });
}

const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
];
const corsOf = (response: Response) =>
  Object.fromEntries(CORS_HEADERS.map((name) => [name, response.headers.get(name)]));

describe('health, readiness and the API description', () => {
  it('answers /healthz and /readyz with 200', async () => {
    const health = await call('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await call('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
  });

  it('serves the OpenAPI document of the mock and an HTML reference that loads it', async () => {
    const document = await call('/openapi.json');
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await document.json()).toEqual(buildOpenApiDocument());
    const docs = await call('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await docs.text()).toContain('/openapi.json');
  });
});

describe('request ids and logs', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('gives every response an x-request-id: a well-formed one is echoed, any other replaced', async () => {
    const answers = {
      health: await call('/healthz'),
      ready: await call('/readyz'),
      openapi: await call('/openapi.json'),
      session: await call('/v1/session?userId=u_ada', { key: PUBLISHABLE_KEY }),
      unauthorized: await call('/v1/session?userId=u_ada'),
      forbidden: await call('/v1/automations', { key: PUBLISHABLE_KEY }),
      noEndpoint: await call('/v1/nothing-here', { key: SECRET_KEY }),
      malformedPath: await call('/v1/users/%E0%A4%A/memberships', { key: PUBLISHABLE_KEY }),
      preflight: await preflight('/v1/session', APP_ORIGIN, 'GET'),
    };
    const ids = Object.values(answers).map((response) => response.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(answers.malformedPath.status).toBe(400);
    expect(answers.noEndpoint.status).toBe(404);

    for (const given of ['req-42', 'trace.0a1b:c_d', 'x'.repeat(128)]) {
      const echoed = await call('/v1/session?userId=u_ada', {
        key: PUBLISHABLE_KEY,
        headers: { 'x-request-id': given },
      });
      expect(echoed.headers.get('x-request-id')).toBe(given);
    }
    for (const malformed of ['has space', 'semi;colon', '<script>', 'x'.repeat(129), '']) {
      const replaced = await call('/healthz', { headers: { 'x-request-id': malformed } });
      expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    }
  });

  it('logs one JSON line per request with its id, and never the bearer key', async () => {
    const leaky = 'sk_live_thisKeyMustNeverBeLogged';
    const before = logs.lines().length;
    const sent = [
      { path: '/v1/session?userId=u_ada&groupId=acme', key: PUBLISHABLE_KEY, id: 'log-1' },
      { path: '/v1/automations', key: SECRET_KEY, id: 'log-2' },
      { path: '/v1/automations', key: leaky, id: 'log-3' },
    ];
    const statuses: number[] = [];
    for (const { path, key, id } of sent) {
      const response = await call(path, { key, headers: { 'x-request-id': id } });
      statuses.push(response.status);
    }
    const change = await call('/v1/users/u_ada/membership-changes', {
      method: 'POST',
      key: PUBLISHABLE_KEY,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ changes: '+community', dryRun: true }),
    });
    expect(statuses).toEqual([200, 200, 401]);
    const changeId = change.headers.get('x-request-id');

    const written = logs.lines().slice(before);
    const records = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual([
      expect.objectContaining({
        msg: 'request',
        requestId: 'log-1',
        method: 'GET',
        path: '/v1/session',
        status: 200,
      }),
      expect.objectContaining({
        msg: 'request',
        requestId: 'log-2',
        path: '/v1/automations',
        status: 200,
      }),
      expect.objectContaining({
        msg: 'request',
        requestId: 'log-3',
        path: '/v1/automations',
        status: 401,
      }),
      expect.objectContaining({ msg: 'request', requestId: changeId, method: 'POST', status: 200 }),
    ]);
    for (const record of records) expect(record.ms).toEqual(expect.any(Number));
    const all = logs.lines().join('\n');
    for (const secret of [PUBLISHABLE_KEY, SECRET_KEY, leaky, 'Bearer', 'authorization']) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('CORS', () => {
  it('answers a preflight of a publishable route from an allowed origin only', async () => {
    const allowed = await preflight('/v1/session', APP_ORIGIN, 'GET');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')?.split(/,\s*/)).toContain('GET');
    const allowedHeaders = allowed.headers.get('access-control-allow-headers')?.split(/,\s*/);
    expect(allowedHeaders).toEqual(
      expect.arrayContaining(['authorization', 'idempotency-key', 'x-groupkit-user-hash']),
    );
    expect(allowed.headers.get('vary')).toMatch(/origin/i);

    const post = await preflight('/v1/users/u_ada/membership-changes', APP_ORIGIN, 'POST');
    expect(post.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);

    const stranger = await preflight('/v1/session', 'https://evil.example', 'GET');
    expect(corsOf(stranger)).toEqual(corsOf(new Response()));
    const lookalike = await preflight('/v1/session', `${APP_ORIGIN}.evil.example`, 'GET');
    expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never answers a preflight of a secret-key route, even from the allowed origin', async () => {
    const secretOnly = await preflight('/v1/users/u_ada', APP_ORIGIN, 'PUT');
    expect(secretOnly.headers.get('access-control-allow-origin')).toBeNull();
    expect(secretOnly.headers.get('access-control-allow-methods')).toBeNull();
    // A path with a publishable GET and secret-key PUT/DELETE: only GET is allowed.
    const groupWrite = await preflight('/v1/user-groups/newsletter', APP_ORIGIN, 'PUT');
    expect(groupWrite.headers.get('access-control-allow-origin')).toBeNull();
    const groupRead = await preflight('/v1/user-groups/newsletter', APP_ORIGIN, 'GET');
    expect(groupRead.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(groupRead.headers.get('access-control-allow-methods')).toBe('GET');
  });

  it('decorates answers of publishable routes (errors too), never those of secret-key routes', async () => {
    const exposed = ['x-request-id', 'retry-after', 'idempotent-replayed'];
    const session = await call('/v1/session?userId=u_ada', {
      key: PUBLISHABLE_KEY,
      headers: { origin: APP_ORIGIN },
    });
    expect(session.status).toBe(200);
    expect(session.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(session.headers.get('access-control-expose-headers')?.split(/,\s*/)).toEqual(
      expect.arrayContaining(exposed),
    );
    const unauthorized = await call('/v1/session?userId=u_ada', {
      headers: { origin: APP_ORIGIN },
    });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);

    const fromStranger = await call('/v1/session?userId=u_ada', {
      key: PUBLISHABLE_KEY,
      headers: { origin: 'https://evil.example' },
    });
    expect(corsOf(fromStranger)).toEqual(corsOf(new Response()));

    for (const [path, key] of [
      ['/v1/automations', SECRET_KEY],
      ['/v1/automations', PUBLISHABLE_KEY],
      ['/v1/user-groups/newsletter/users', SECRET_KEY],
    ] as const) {
      const secretRoute = await call(path, { key, headers: { origin: APP_ORIGIN } });
      expect(corsOf(secretRoute)).toEqual(corsOf(new Response()));
    }
  });

  it('decorates answers given before a route is known: malformed path, no endpoint, stopping', async () => {
    const fromApp = { key: PUBLISHABLE_KEY, headers: { origin: APP_ORIGIN } };
    const malformed = await call('/v1/users/%E0%A4%A/memberships', fromApp);
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const missing = await call('/v1/no-such-endpoint', fromApp);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const stranger = await call('/v1/no-such-endpoint', {
      key: PUBLISHABLE_KEY,
      headers: { origin: 'https://evil.example' },
    });
    expect(corsOf(stranger)).toEqual(corsOf(new Response()));

    // A second app on the same database, stopping: the browser can read its 503 and
    // Retry-After, and its preflight still passes.
    const stopping = createApp({ database: server.database, corsOrigins: [APP_ORIGIN] });
    stopping.startClosing();
    const refused = await stopping.fetch(
      new Request(`${ORIGIN}/v1/session?userId=u_ada`, {
        headers: { authorization: `Bearer ${PUBLISHABLE_KEY}`, origin: APP_ORIGIN },
      }),
    );
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect(refused.headers.get('connection')).toBe('close');
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(refused.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
    const preflightWhileStopping = await stopping.fetch(
      new Request(`${ORIGIN}/v1/session`, {
        method: 'OPTIONS',
        headers: { origin: APP_ORIGIN, 'access-control-request-method': 'GET' },
      }),
    );
    expect(preflightWhileStopping.status).toBe(204);
    expect(preflightWhileStopping.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });
});

describe('the body size limit (64 KB), through a listening server', () => {
  const LIMIT = 64 * 1024;
  const headers = {
    authorization: `Bearer ${PUBLISHABLE_KEY}`,
    'content-type': 'application/json',
  };
  /** `{"changes":"+community","dryRun":true}` padded with spaces to `size` bytes: valid JSON. */
  const bodyOf = (size: number) => {
    const json = JSON.stringify({ changes: '+community', dryRun: true });
    return Buffer.from(json + ' '.repeat(size - json.length));
  };
  const url = () => `${server.url}/v1/users/u_ada/membership-changes`;

  it.each([
    ['with Content-Length', false, LIMIT + 1],
    ['chunked, no Content-Length', true, LIMIT + 1],
    ['with Content-Length, 2 MB', false, 2 * 1024 * 1024],
    ['chunked, no Content-Length, 2 MB', true, 2 * 1024 * 1024],
  ])('answers 413 payload_too_large to a body over it (%s)', async (_, chunked, size) => {
    const answer = await postRaw(url(), headers, bodyOf(size), { chunked });
    expect(answer.status).toBe(413);
    expect(answer.headers['x-request-id']).toBeTruthy();
    const body = JSON.parse(answer.text) as {
      error: { code: string; message: string; details: { limit: number; size: number } };
    };
    expect(body).toEqual({
      error: {
        code: 'payload_too_large',
        message: `The body is ${body.error.details.size} bytes; the limit is ${LIMIT}.`,
        details: { limit: LIMIT, size: expect.any(Number) },
      },
    });
    // The whole size when it is declared or small; past the read cap, at least that much.
    if (!chunked || size < 1024 * 1024) expect(body.error.details.size).toBe(size);
    else expect(body.error.details.size).toBeGreaterThan(LIMIT);
  });

  it.each([
    ['with Content-Length', false],
    ['chunked', true],
  ])('takes a body of exactly 64 KB (%s)', async (_, chunked) => {
    const answer = await postRaw(url(), headers, bodyOf(LIMIT), { chunked });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      applied: [{ op: 'add', group: 'community', result: 'added' }],
    });
  });
});
