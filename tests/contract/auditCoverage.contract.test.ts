/**
 * Audit coverage, structurally: every write route of `apiRoutes` is called once by an
 * operator (the least role it needs) and once by the secret key, and each call must append
 * exactly one entry naming the route, its target and who called. The documented exceptions
 * are listed here; a write route added later with no request builder below fails this file.
 */
import type { AuditEntry, OperatorRole } from '@groupkit/client';
import { apiRoutes } from '@groupkit/mock-api/core';
import { describe, expect, it } from 'vitest';
import { contractApi, SECRET_KEY } from './support/api';
import { signedInOnce, type SignedIn } from './support/operators';

// One world for the file (signing in checks a slow hash, once per role). Each call gets
// fixtures of its own (made with the secret key before the call is measured), so the cases
// do not depend on one another.
const api = contractApi();
const sessions = signedInOnce(api);
const byKey = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { key: SECRET_KEY, body });

/** The secret key of the default scenario, as the audit log names it. */
const SECRET_KEY_ID = 'sk_test';

/**
 * Writes that are not administration, on purpose: signing in and out (the session itself,
 * not the project's data), and a read sent as POST (the audience preview's query is a body).
 * End-user routes (`access: 'any'`) are audited for operators but not for keys: an app's
 * backend calling them is the app's own traffic (routeAccess.ts `auditActorOf`).
 */
const NOT_AUDITED = [
  'POST /operator-session',
  'DELETE /operator-session',
  'POST /audiences/preview',
];

type Json = Record<string, unknown>;

/** One request to measure, and what its entry must name. */
interface WriteCall {
  path: string;
  body?: unknown;
  /** The entry's target, given the call's answer (a creation's id is in it). */
  target: (answer: Json) => { type: string; id: string | null };
  /**
   * Whether the target existed before the call: its entry's `before` must then hold its
   * state (not `null`), and `null` for a creation.
   */
  existed: boolean;
}

let counter = 0;
/** A name no earlier call used. */
const fresh = (prefix: string) => `${prefix}-${++counter}`;

async function ok<T = Json>(answer: Promise<{ status: number; body: T }>, what: string) {
  const { status, body } = await answer;
  expect(status, `${what}: ${JSON.stringify(body)}`).toBeLessThan(300);
  return body;
}

const groupIdOf = async (slug: string) =>
  ((await ok(byKey('GET', `/user-groups/${slug}`), 'group')) as { id: string }).id;

async function freshUser(): Promise<string> {
  const id = fresh('u_cov').replace('-', '_');
  await ok(byKey('PUT', `/users/${id}`, { firstname: 'Covered', email: `${id}@example.com` }), id);
  return id;
}

async function freshGroup(): Promise<{ slug: string; id: string }> {
  const slug = fresh('cov-group');
  const group = await ok(byKey('POST', '/user-groups', { slug, name: 'Covered' }), slug);
  return { slug, id: group.id as string };
}

async function freshCode(): Promise<{ group: string; codeId: string; code: string }> {
  const code = fresh('COV').toUpperCase();
  const batch = await ok(
    byKey('POST', '/user-groups/beta/codes', { mode: 'shared', code }),
    'code batch',
  );
  return {
    group: await groupIdOf('beta'),
    codeId: (batch.data as { id: string }[])[0]?.id as string,
    code,
  };
}

const automationBody = () => ({
  name: fresh('Covered automation'),
  trigger: { event: 'added_to', group: 'beta' },
  action: { type: 'email', template: 'covered' },
});

async function freshAutomation(): Promise<string> {
  return (await ok(byKey('POST', '/automations', automationBody()), 'automation')).id as string;
}

const flowBody = (id: string) => ({
  id,
  name: 'Covered flow',
  steps: [{ id: 'hello', type: 'welcome', title: 'Hello', body: 'Covered.' }],
});

async function freshFlow({ published }: { published: boolean }): Promise<string> {
  const id = fresh('cov-flow');
  await ok(byKey('POST', '/flows', flowBody(id)), id);
  if (published) await ok(byKey('POST', `/flows/${id}/versions`), `${id} v1`);
  return id;
}

async function freshOperator(): Promise<string> {
  const created = await ok(
    byKey('POST', '/operators', { email: `${fresh('cov')}@groupkit.test`, role: 'support' }),
    'operator',
  );
  return (created.operator as { id: string }).id;
}

async function freshKey(): Promise<string> {
  const created = await ok(byKey('POST', '/api-keys', { kind: 'publishable' }), 'key');
  return (created.key as { id: string }).id;
}

const at = (type: string, id: string | null) => () => ({ type, id });
const idIn =
  (type: string, pick: (answer: Json) => unknown = (answer) => answer.id) =>
  (answer: Json) => ({ type, id: pick(answer) as string });

/**
 * A valid call of each write route, by `METHOD /path` as the route list names it, with the
 * fixtures it needs made first.
 */
const BUILDERS: Record<string, () => Promise<WriteCall>> = {
  // Users and memberships.
  'POST /users/:userId/membership-changes': async () => {
    const user = await freshUser();
    return {
      path: `/users/${user}/membership-changes`,
      body: { changes: '+newsletter' },
      target: at('user', user),
      existed: true,
    };
  },
  'PUT /users/:userId': async () => {
    const user = await freshUser();
    return {
      path: `/users/${user}`,
      body: { firstname: 'Changed' },
      target: at('user', user),
      existed: true,
    };
  },
  'DELETE /users/:userId': async () => {
    const user = await freshUser();
    return { path: `/users/${user}`, target: at('user', user), existed: true };
  },
  'POST /groups/identify': async () => {
    // An account group's id is the app's own identifier.
    const identifier = fresh('cov-account');
    return {
      path: '/groups/identify',
      body: { identifier, properties: { seats: 3 } },
      target: at('account_group', identifier),
      existed: false,
    };
  },
  // Codes.
  'POST /user-groups/:idOrSlug/codes': async () => ({
    path: '/user-groups/beta/codes',
    body: { mode: 'shared', code: fresh('COV').toUpperCase() },
    target: at('code', await groupIdOf('beta')),
    existed: false,
  }),
  'PATCH /user-groups/:idOrSlug/codes/:codeId': async () => {
    const { codeId } = await freshCode();
    return {
      path: `/user-groups/beta/codes/${codeId}`,
      body: { active: false },
      target: at('code', codeId),
      existed: true,
    };
  },
  'DELETE /user-groups/:idOrSlug/codes/:codeId': async () => {
    const { codeId } = await freshCode();
    return { path: `/user-groups/beta/codes/${codeId}`, target: at('code', codeId), existed: true };
  },
  'POST /users/:userId/redeem-code': async () => {
    const [user, { code }] = await Promise.all([freshUser(), freshCode()]);
    return {
      path: `/users/${user}/redeem-code`,
      body: { code },
      target: at('user', user),
      existed: true,
    };
  },
  // User groups and their members.
  'POST /user-groups': async () => ({
    path: '/user-groups',
    body: { slug: fresh('cov-new'), name: 'Covered' },
    target: idIn('user_group'),
    existed: false,
  }),
  'PUT /user-groups/:id': async () => {
    const group = await freshGroup();
    return {
      path: `/user-groups/${group.slug}`,
      body: { name: 'Covered twice' },
      target: at('user_group', group.id),
      existed: true,
    };
  },
  'DELETE /user-groups/:id': async () => {
    const group = await freshGroup();
    return { path: `/user-groups/${group.id}`, target: at('user_group', group.id), existed: true };
  },
  'POST /user-groups/:id/users': async () => {
    const [group, user] = await Promise.all([freshGroup(), freshUser()]);
    return {
      path: `/user-groups/${group.slug}/users`,
      body: { user_ids: [user] },
      target: at('user_group', group.id),
      existed: true,
    };
  },
  'DELETE /user-groups/:id/users': async () => {
    const [group, user] = await Promise.all([freshGroup(), freshUser()]);
    await ok(byKey('POST', `/user-groups/${group.slug}/users`, { user_ids: [user] }), 'member');
    return {
      path: `/user-groups/${group.slug}/users`,
      body: { user_ids: [user] },
      target: at('user_group', group.id),
      existed: true,
    };
  },
  // Automations.
  'POST /automations': async () => ({
    path: '/automations',
    body: automationBody(),
    target: idIn('automation'),
    existed: false,
  }),
  'PATCH /automations/:id': async () => {
    const id = await freshAutomation();
    return {
      path: `/automations/${id}`,
      body: { enabled: false },
      target: at('automation', id),
      existed: true,
    };
  },
  'DELETE /automations/:id': async () => {
    const id = await freshAutomation();
    return { path: `/automations/${id}`, target: at('automation', id), existed: true };
  },
  // The project, operators and keys.
  'PATCH /project': async () => ({
    path: '/project',
    body: { identityVerification: false },
    target: at('project', null),
    existed: true,
  }),
  'POST /operators': async () => ({
    path: '/operators',
    body: { email: `${fresh('cov-new')}@groupkit.test`, role: 'support' },
    target: idIn('operator', (answer) => (answer.operator as Json).id),
    existed: false,
  }),
  'PATCH /operators/:id': async () => {
    const id = await freshOperator();
    return {
      path: `/operators/${id}`,
      body: { role: 'admin' },
      target: at('operator', id),
      existed: true,
    };
  },
  'DELETE /operators/:id': async () => {
    const id = await freshOperator();
    return { path: `/operators/${id}`, target: at('operator', id), existed: true };
  },
  'POST /api-keys': async () => ({
    path: '/api-keys',
    body: { kind: 'publishable' },
    target: idIn('api_key', (answer) => (answer.key as Json).id),
    existed: false,
  }),
  'DELETE /api-keys/:id': async () => {
    const id = await freshKey();
    return { path: `/api-keys/${id}`, target: at('api_key', id), existed: true };
  },
  // Onboarding flows, and a user's progress through one.
  'POST /flows': async () => ({
    path: '/flows',
    body: flowBody(fresh('cov-new-flow')),
    target: idIn('flow'),
    existed: false,
  }),
  'PUT /flows/:flowId': async () => {
    const id = await freshFlow({ published: false });
    return {
      path: `/flows/${id}`,
      body: { name: 'Covered twice' },
      target: at('flow', id),
      existed: true,
    };
  },
  'DELETE /flows/:flowId': async () => {
    const id = await freshFlow({ published: true });
    return { path: `/flows/${id}`, target: at('flow', id), existed: true };
  },
  'POST /flows/:flowId/versions': async () => {
    const id = await freshFlow({ published: false });
    return { path: `/flows/${id}/versions`, target: at('flow', id), existed: true };
  },
  'POST /flows/:flowId/versions/:version/retire': async () => {
    const id = await freshFlow({ published: true });
    return { path: `/flows/${id}/versions/1/retire`, target: at('flow', id), existed: true };
  },
  'PUT /users/:userId/flows/:flowId': async () => {
    const [user, flow] = await Promise.all([freshUser(), freshFlow({ published: true })]);
    return {
      path: `/users/${user}/flows/${flow}`,
      body: { version: 1, status: 'in_progress', step: 'hello', completedSteps: [] },
      target: at('user', user),
      existed: true,
    };
  },
};

const nameOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const writeRoutes = apiRoutes.filter(
  (route) => route.method !== 'GET' && !NOT_AUDITED.includes(nameOf(route)),
);

/** The log's newest entry number (0 when empty). */
async function lastSeq(): Promise<number> {
  const { body } = await byKey('GET', '/audit-log?limit=1');
  return (body.data as AuditEntry[])[0]?.seq ?? 0;
}

/** The entries appended after `mark`, oldest first. */
async function entriesSince(mark: number): Promise<AuditEntry[]> {
  const { body } = await byKey('GET', '/audit-log?limit=500');
  return (body.data as AuditEntry[]).filter((entry) => entry.seq > mark).reverse();
}

type Caller = { kind: 'operator'; role: OperatorRole } | { kind: 'key' };
const cases = writeRoutes.flatMap((route) =>
  (
    [
      { kind: 'operator', role: route.role ?? 'admin' },
      ...(route.access === 'secret' || route.access === 'any' ? [{ kind: 'key' }] : []),
    ] as Caller[]
  ).map((caller) => {
    // The secret key on an end-user route is the app's own traffic: no entry.
    const audited = caller.kind === 'operator' || route.access === 'secret';
    const who = caller.kind === 'operator' ? `an operator (${caller.role})` : 'the secret key';
    return {
      title: `${nameOf(route)} by ${who} → ${audited ? 'one entry' : 'no entry'}`,
      route,
      caller,
      audited,
    };
  }),
);

describe('audit coverage: every write route, by an operator and by the secret key', () => {
  it('the exceptions are the routes that declare no audit, and every write route has a builder', () => {
    const declaredOff = apiRoutes
      .filter((route) => route.method !== 'GET' && route.audit === false)
      .map(nameOf);
    expect(declaredOff.sort()).toEqual([...NOT_AUDITED].sort());
    const names = writeRoutes.map(nameOf);
    expect(
      names.filter((name) => !(name in BUILDERS)),
      'write routes with no request builder in BUILDERS (add one)',
    ).toEqual([]);
    expect(
      Object.keys(BUILDERS).filter((name) => !names.includes(name)),
      'builders of no write route',
    ).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(writeRoutes.length * 2);
  });

  // One test per case, named in full (`it.each`'s `$title` cuts names at 40 characters).
  for (const { title, route, caller, audited } of cases)
    it(title, async () => {
      const build = BUILDERS[nameOf(route)];
      if (!build) throw new Error(`no request builder for ${nameOf(route)}: add one to BUILDERS`);
      const call = await build();
      const session: SignedIn | undefined =
        caller.kind === 'operator' ? sessions[caller.role] : undefined;
      const mark = await lastSeq();
      const answer = await api.call(route.method, call.path, {
        ...(session ? { session } : { key: SECRET_KEY }),
        body: call.body,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
      const entries = await entriesSince(mark);
      if (!audited) {
        expect(entries).toEqual([]);
        return;
      }
      const actor = session
        ? { type: 'operator', operatorId: session.operator.id, email: session.operator.email }
        : { type: 'key', keyId: SECRET_KEY_ID };
      expect(entries.map(({ action, target, actor }) => ({ action, target, actor }))).toEqual([
        { action: nameOf(route), target: call.target(answer.body ?? {}), actor },
      ]);
      const [entry] = entries as [AuditEntry];
      expect(entry.before === null, `before ${JSON.stringify(entry.before)}`).toBe(!call.existed);
      expect(entry.request).toEqual(call.body ?? null);
    });
});
