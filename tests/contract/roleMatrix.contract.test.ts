import type { OperatorRole } from '@groupkit/client';
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
