import { apiRoutes, buildOpenApiDocument } from '@groupkit/mock-api/core';
import spec from '@groupkit/mock-api/openapi.json';
import { describe, expect, it } from 'vitest';
import { contractApi, PUBLISHABLE_KEY, SECRET_KEY } from './support/api';
import { SESSION_COOKIE } from './support/operators';

// One world for the whole file: no request here gets past authentication with a write,
// except the secret key on the operator-only routes, which refuse it.
const api = contractApi();

interface Operation {
  security: Record<string, unknown[]>[];
  'x-groupkit-role'?: string;
}

/** Who may call an operation, read off its `security` (see openapi/operation.ts). */
type Access = 'public' | 'operator' | 'secret' | 'any';

function accessOf({ security }: Operation): Access {
  const schemes = security.flatMap((requirement) => Object.keys(requirement));
  if (schemes.length === 0) return 'public';
  if (schemes.includes('publishableKey')) return 'any';
  return schemes.includes('secretKey') ? 'secret' : 'operator';
}

/**
 * Every documented operation (openapi.test.ts proves the document lists every route), with
 * sample path values that exist in the default scenario. Paths are relative to `/v1`, as
 * `api.fetch` takes them.
 */
const operations = Object.entries(buildOpenApiDocument().paths).flatMap(([template, ops]) => {
  if (!template.startsWith('/v1/')) throw new Error(`authMatrix: ${template} is not under /v1`);
  return Object.entries(ops as Record<string, Operation>).map(([method, op]) => ({
    method: method.toUpperCase(),
    path: template
      .slice('/v1'.length)
      .replace('{userId}', 'u_ada')
      .replace('{groupId}', 'acme')
      .replace('{legacyId}', '1001')
      .replace(/\{(idOrSlug|id)\}/, 'beta'),
    access: accessOf(op),
  }));
});
const signedIn = operations.filter((o) => o.access !== 'public');
const withAccess = (...access: Access[]) => operations.filter((o) => access.includes(o.access));

function call(method: string, path: string, key?: string, headers: Record<string, string> = {}) {
  return api.fetch(path, {
    method,
    headers: {
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      'content-type': 'application/json',
      ...headers,
    },
    body: method === 'GET' ? undefined : '{}',
  });
}

describe('auth matrix over every documented endpoint', () => {
  it('sorts every operation into exactly one kind of access', () => {
    expect(withAccess('public').map((o) => `${o.method} ${o.path}`)).toEqual([
      'POST /operator-session',
    ]);
    expect(withAccess('operator').map((o) => `${o.method} ${o.path}`)).toEqual([
      'GET /operator-session',
      'DELETE /operator-session',
    ]);
    expect(withAccess('any').length + withAccess('secret').length).toBe(operations.length - 3);
  });

  it.each(signedIn)('$method $path: no key → 401 unauthorized', async ({ method, path }) => {
    const response = await call(method, path);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  });

  it.each(signedIn)('$method $path: unknown key → 401 unauthorized', async ({ method, path }) => {
    const response = await call(method, path, 'sk_live_guessed');
    expect(response.status).toBe(401);
  });

  it.each(signedIn)(
    '$method $path: an unknown session cookie → 401 unauthorized',
    async ({ method, path }) => {
      const response = await call(method, path, undefined, {
        cookie: `${SESSION_COOKIE}=not-a-session`,
        'x-csrf-token': 'not-a-token',
      });
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe('unauthorized');
    },
  );

  it.each(withAccess('secret', 'operator'))(
    '$method $path: publishable key → 403 forbidden',
    async ({ method, path }) => {
      const response = await call(method, path, PUBLISHABLE_KEY);
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('forbidden');
    },
  );

  it.each(withAccess('operator'))(
    '$method $path: secret key → 403 forbidden (a signed-in operator only)',
    async ({ method, path }) => {
      const response = await call(method, path, SECRET_KEY);
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('forbidden');
    },
  );

  it.each(withAccess('any'))(
    '$method $path: publishable key gets past auth (no 401/403)',
    async ({ method, path }) => {
      const response = await call(method, path, PUBLISHABLE_KEY);
      expect([401, 403]).not.toContain(response.status);
    },
  );

  // Sign-in takes no credentials (`security: []`) and looks at none: a stale or unknown
  // Authorization header does not stand in the way of signing in.
  it.each(withAccess('public'))(
    '$method $path: needs no credentials and ignores any sent (no 401/403)',
    async ({ method, path }) => {
      for (const key of [undefined, PUBLISHABLE_KEY, SECRET_KEY, 'sk_live_guessed']) {
        const response = await call(method, path, key);
        expect([401, 403], `with ${key ?? 'no key'}`).not.toContain(response.status);
        expect((await response.json()).error.code, `with ${key ?? 'no key'}`).toBe(
          'validation_failed',
        );
      }
    },
  );
});

/** `/v1/user-groups/{idOrSlug}` and the route `/user-groups/:id` alike: `/v1/user-groups/{}`. */
const templateOf = (path: string) => path.replace(/:[^/]+|\{[^}]+\}/g, '{}');

const SECURITY_OF_ACCESS: Record<Access, Record<string, unknown[]>[]> = {
  any: [{ publishableKey: [] }, { secretKey: [] }, { operatorSession: [] }],
  secret: [{ secretKey: [] }, { operatorSession: [] }],
  operator: [{ operatorSession: [] }],
  public: [],
};

describe('openapi.json documents the access the route list enforces', () => {
  const documented = Object.entries(
    spec.paths as unknown as Record<string, Record<string, Operation>>,
  )
    .flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        operation: `${method.toUpperCase()} ${templateOf(template)}`,
        security: op.security,
        role: op['x-groupkit-role'],
      })),
    )
    .sort((a, b) => a.operation.localeCompare(b.operation));
  const routes = apiRoutes
    .map((route) => ({
      operation: `${route.method} ${templateOf(`/v1${route.path}`)}`,
      security: SECURITY_OF_ACCESS[route.access],
      role: route.access === 'public' ? undefined : (route.role ?? 'admin'),
    }))
    .sort((a, b) => a.operation.localeCompare(b.operation));

  it('one operation per route, and one route per operation', () => {
    expect(documented.map((d) => d.operation)).toEqual(routes.map((r) => r.operation));
  });

  it.each(routes)('$operation: security and x-groupkit-role as the route', (route) => {
    const operation = documented.find((d) => d.operation === route.operation);
    expect(operation?.security).toEqual(route.security);
    expect(operation?.role).toBe(route.role);
  });
});
