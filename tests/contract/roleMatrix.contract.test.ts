import type { OperatorRole } from '@groupkit/client';
import { apiRoutes } from '@groupkit/mock-api/core';
import spec from '@groupkit/mock-api/openapi.json';
import { beforeAll, describe, expect, it } from 'vitest';
import { contractApi, SECRET_KEY } from './support/api';
import { ROLES, roleAtLeast, signedInOnce } from './support/operators';

// One world for the whole file, every case in a fixed order (Vitest runs a file's tests one
// after another): reads and writes first, then deletions, deepest path first (a code before
// its group), and sign-out last, so no allowed write takes away what a later case needs.
// A deletion that already happened answers 404: still past the role check, as asserted.
const api = contractApi();
const sessions = signedInOnce(api);

interface Operation {
  security: Record<string, unknown[]>[];
  'x-groupkit-role'?: OperatorRole;
}

/** Path values only the running API knows, read before the matrix runs. */
const samples: Record<string, string> = {};
beforeAll(async () => {
  const codes = await api.call('GET', '/user-groups/beta/codes', { key: SECRET_KEY });
  samples.codeId = codes.body.data[0].id;
  const automations = await api.call('GET', '/automations', { key: SECRET_KEY });
  samples.automationId = automations.body.data[0].id;
  // The operator the owner's DELETE removes: never one of the sessions signed in here.
  const operator = await api.call('POST', '/operators', {
    key: SECRET_KEY,
    body: { email: 'role-matrix@groupkit.test', role: 'support' },
  });
  samples.operatorId = operator.body.operator.id;
  // The key the owner's DELETE revokes: never the secret key the matrix calls with.
  const key = await api.call('POST', '/api-keys', { key: SECRET_KEY, body: { kind: 'secret' } });
  samples.keyId = key.body.key.id;
  // A published flow, for the flow routes (a PUT of `{}` as progress is a 400: past the role).
  await api.call('POST', '/flows', {
    key: SECRET_KEY,
    body: { id: 'matrix-tour', name: 'Tour', steps: [{ id: 'hello', type: 'welcome' }] },
  });
  await api.call('POST', '/flows/matrix-tour/versions', { key: SECRET_KEY });
  samples.flowId = 'matrix-tour';
  samples.version = '1';
});

/** The route list's name of a documented operation (parameter names may differ). */
function routeNameOf(method: string, template: string): string {
  const shape = (path: string) => path.replace(/:[^/]+|\{[^}]+\}/g, '{}');
  const route = apiRoutes.find(
    (r) => r.method === method && shape(`/v1${r.path}`) === shape(template),
  );
  if (!route) throw new Error(`roleMatrix: no route answers ${method} ${template}`);
  return `${route.method} ${route.path}`;
}

/**
 * Every documented operation an operator may call (all but sign-in, `security: []`), with
 * the least role `x-groupkit-role` names, on sample values of the default scenario.
 */
const operations = Object.entries(
  spec.paths as unknown as Record<string, Record<string, Operation>>,
)
  .flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      /** The route answering it, as `METHOD /path/:param` (the policy table's names). */
      route: routeNameOf(method.toUpperCase(), template),
      path: template
        .slice('/v1'.length)
        .replace('{userId}', 'u_ada')
        .replace('{groupId}', 'acme')
        .replace('{legacyId}', '1001')
        .replace(/\{(idOrSlug|id)\}/, 'beta'),
      needed: op['x-groupkit-role'],
      secretKey: op.security.some((requirement) => 'secretKey' in requirement),
    })),
  )
  .filter((o): o is typeof o & { needed: OperatorRole } => o.needed !== undefined);

/** Reads and writes, then deletions (deepest first), then sign-out. */
const rank = ({ method, path }: { method: string; path: string }) => {
  if (method !== 'DELETE') return 0;
  if (path === '/operator-session') return 100;
  return 10 - path.split('/').length;
};
const ordered = operations
  .map((operation, index) => ({ ...operation, index }))
  .sort((a, b) => rank(a) - rank(b) || a.index - b.index);

type Caller = OperatorRole | 'the secret key';
const cases = ordered.flatMap((operation) =>
  [...ROLES, ...(operation.secretKey ? (['the secret key'] as const) : [])].map(
    (caller: Caller) => {
      const allowed = caller === 'the secret key' || roleAtLeast(caller, operation.needed);
      const outcome = allowed ? 'allowed' : `403 role_forbidden (needs ${operation.needed})`;
      return {
        title: `${operation.method} ${operation.path} as ${caller} → ${outcome}`,
        ...operation,
        caller,
        allowed,
      };
    },
  ),
);

/** The request of a case: a JSON body on writes (`{}`: what it holds does not matter here). */
function send({ method, path, caller }: { method: string; path: string; caller: Caller }) {
  const resolved = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = samples[name];
    if (value === undefined) throw new Error(`roleMatrix: no sample for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
  return api.call(method, resolved, {
    ...(caller === 'the secret key' ? { key: SECRET_KEY } : { session: sessions[caller] }),
    body: method === 'GET' ? undefined : '{}',
  });
}

describe('role matrix: every operation × every operator role (and the secret key)', () => {
  it('covers every operation but sign-in', () => {
    const documented = Object.values(spec.paths).flatMap((ops) => Object.keys(ops));
    expect(operations.length).toBe(documented.length - 1);
    expect(cases.filter((c) => c.caller !== 'the secret key')).toHaveLength(
      operations.length * ROLES.length,
    );
  });

  it.each(cases)('$title', async (c) => {
    const { status, body } = await send(c);
    if (c.allowed) {
      expect([401, 403], JSON.stringify(body)).not.toContain(status);
      expect(status, JSON.stringify(body)).toBeLessThan(500);
    } else {
      expect(status).toBe(403);
      expect(body.error.code).toBe('role_forbidden');
      expect(body.error.details.role).toBe(c.needed);
    }
  });
});

/**
 * The policy itself, written out (not read from the routes): the matrix above checks that
 * enforcement matches each route's declared role, so a wrong declaration would pass it.
 * Changing who may call an operation means changing this table, on purpose.
 */
const SUPPORT_MAY_CALL = new Set([
  // Their own session (sign-in itself is public).
  'GET /operator-session',
  'DELETE /operator-session',
  // Find users, and read one with their memberships and onboarding progress.
  'GET /users',
  'GET /users/:userId',
  'GET /users/:userId/memberships',
  'GET /users/:userId/flows/:flowId',
  // Find groups and read their members.
  'GET /user-groups',
  'GET /user-groups/:id',
  'GET /user-groups/:id/users',
  // Add and remove manual memberships (automatic groups refuse them anyway).
  'POST /user-groups/:id/users',
  'DELETE /user-groups/:id/users',
]);
const OWNER_ONLY = new Set([
  'GET /operators',
  'POST /operators',
  'PATCH /operators/:id',
  'DELETE /operators/:id',
  'GET /api-keys',
  'POST /api-keys',
  'DELETE /api-keys/:id',
  // Changing the project's settings; admins may read them (GET /project).
  'PATCH /project',
]);
/** Everything else an operator may call needs `admin`. */
const expectedRole = (operation: string): OperatorRole =>
  SUPPORT_MAY_CALL.has(operation) ? 'support' : OWNER_ONLY.has(operation) ? 'owner' : 'admin';

describe('role policy: each operation’s role is the one this file expects', () => {
  const operatorRoutes = apiRoutes.filter((route) => route.access !== 'public');
  const nameOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

  it('names only operations that exist', () => {
    const names = new Set(operatorRoutes.map(nameOf));
    const stale = [...SUPPORT_MAY_CALL, ...OWNER_ONLY].filter((name) => !names.has(name));
    expect(stale, 'table entries no route answers').toEqual([]);
  });

  it('every route declares the expected role', () => {
    const declared = Object.fromEntries(
      operatorRoutes.map((route) => [nameOf(route), route.role ?? 'admin']),
    );
    const expected = Object.fromEntries(
      operatorRoutes.map((route) => [nameOf(route), expectedRole(nameOf(route))]),
    );
    expect(declared).toEqual(expected);
  });

  it('the OpenAPI document (what the matrix enforces) says the same', () => {
    const documented = Object.fromEntries(
      operations.map((o) => [`${o.method} ${o.template}`, o.needed]),
    );
    const expected = Object.fromEntries(
      operations.map((o) => [`${o.method} ${o.template}`, expectedRole(o.route)]),
    );
    expect(documented).toEqual(expected);
  });
});
