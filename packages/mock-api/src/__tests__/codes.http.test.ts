import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeUserHash, PUBLISHABLE_KEY, SECRET_KEY } from '../api/auth';
import { createMockServer, type CreateMockServerOptions } from '../node';
import { daysFrom } from '../scenarios/build';
import { defaultScenario } from '../scenarios/default';
import { auditAgainstOpenApi, expectConforming } from './support/mockServer';

const BASE = 'https://codes.groupkit.test';
const START = new Date('2026-11-23T12:00:00Z');

let clock: Date;
let current: ReturnType<typeof createMockServer> | undefined;
const audits: ReturnType<typeof auditAgainstOpenApi>[] = [];

/** A fresh engine and server per test, so failures and redemptions never leak between tests. */
function start(options: CreateMockServerOptions = {}) {
  current?.server.close();
  current = createMockServer({ baseUrl: BASE, now: () => clock, ...options });
  audits.push(auditAgainstOpenApi(current.server));
  current.server.listen({ onUnhandledRequest: 'error' });
  return current.engine;
}

beforeEach(() => {
  clock = new Date(START);
  start();
});
afterEach(() => {
  current?.server.close();
  current = undefined;
});
// Every response of every per-test server must match openapi.json.
afterAll(() => expectConforming(audits));

interface CallOptions {
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

async function call(
  method: string,
  path: string,
  { key = PUBLISHABLE_KEY, body, headers }: CallOptions = {},
) {
  const response = await fetch(`${BASE}/v1${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const redeem = (userId: string, body: unknown, options: CallOptions = {}) =>
  call('POST', `/users/${userId}/redeem-code`, { body, ...options });

describe('POST /v1/users/{userId}/redeem-code', () => {
  it('adds the user with a code, then answers "unchanged" to the same code', async () => {
    const added = await redeem('u_ada', { code: ' beta-2026 ' });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      result: 'added',
      group: { slug: 'beta', status: 'active', memberCount: 1 },
      membership: { slug: 'beta', source: 'code', joinedAt: START.toISOString() },
      automations: [],
    });

    const again = await redeem('u_ada', { code: 'BETA-2026', group: 'beta' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ result: 'unchanged', group: { memberCount: 1 } });
  });

  it('works with the secret key too', async () => {
    const response = await redeem('u_alan', { code: 'VIP-0004' }, { key: SECRET_KEY });
    expect(response.status).toBe(200);
    expect(response.body.result).toBe('added');
  });

  it('reports the automations the redemption fired', async () => {
    const automation = current?.engine.createAutomation({
      name: 'Beta welcome',
      trigger: { event: 'added_to', group: 'beta' },
      action: { type: 'email', template: 't' },
    });
    const response = await redeem('u_grace', { code: 'BETA-2026' });
    expect(response.body.automations).toEqual([
      { automationId: automation?.id, name: 'Beta welcome', opIndex: 0 },
    ]);
  });

  it.each([
    ['an unknown user', 'u_nobody', { code: 'BETA-2026' }, 404, 'user_not_found'],
    ['a non-string code', 'u_ada', { code: 2026 }, 400, 'validation_failed'],
    ['a missing code', 'u_ada', {}, 400, 'validation_failed'],
    ['an unknown field', 'u_ada', { code: 'BETA-2026', coupon: 'x' }, 400, 'validation_failed'],
    ['a body that is not an object', 'u_ada', ['BETA-2026'], 400, 'validation_failed'],
    ['a body that is not JSON', 'u_ada', 'code=BETA-2026', 400, 'invalid_json'],
    ['a malformed code', 'u_ada', { code: '!!' }, 400, 'code_malformed'],
    ['a wrong code', 'u_ada', { code: 'BETA-2027' }, 404, 'code_invalid'],
    ['an ended code', 'u_ada', { code: 'EARLY-2025' }, 410, 'code_expired'],
  ])('answers %s with %i %s', async (_, userId, body, status, code) => {
    const response = await redeem(userId, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe('string');
  });

  it('tells when an expired code closed', async () => {
    const response = await redeem('u_ada', { code: 'EARLY-2025' });
    expect(response.body.error.details).toEqual({ stopsAt: daysFrom(START, -1) });
  });

  it('answers 409 code_not_yet_active with the opening time', async () => {
    const startsAt = daysFrom(START, 3);
    await call('POST', '/user-groups/beta/codes', {
      key: SECRET_KEY,
      body: { mode: 'shared', code: 'SOON-2026', startsAt, stopsAt: null },
    });
    const response = await redeem('u_ada', { code: 'soon-2026' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'code_not_yet_active',
      details: { startsAt },
    });
  });

  it('answers 409 code_already_used to the second user of a single-use code', async () => {
    expect((await redeem('u_grace', { code: 'VIP-0001' })).status).toBe(200);
    const response = await redeem('u_alan', { code: 'VIP-0001' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('code_already_used');
    expect(JSON.stringify(response.body)).not.toContain('u_grace');
  });

  it('answers 409 group_not_active when the group has closed', async () => {
    start({
      scenario: (ctx) => {
        const seed = defaultScenario(ctx);
        return {
          ...seed,
          userGroups: seed.userGroups.map((g) =>
            g.slug === 'beta' ? { ...g, stopsAt: daysFrom(ctx.now, -2) } : g,
          ),
        };
      },
    });
    const response = await redeem('u_ada', { code: 'BETA-2026' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'group_not_active',
      details: { group: 'beta', status: 'ended' },
    });
  });

  it("answers another group's code exactly like a code that does not exist", async () => {
    const otherGroups = await redeem('u_ada', { code: 'VIP-0005', group: 'beta' });
    const missing = await redeem('u_ada', { code: 'ZZZZ-9999', group: 'beta' });
    expect(otherGroups.status).toBe(404);
    expect(otherGroups.body).toEqual(missing.body);
    expect(otherGroups.body.error.code).toBe('code_invalid');
  });

  it('locks after 5 failures with 429, a Retry-After that counts down, and retryAt', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await redeem('u_alan', { code: `WRONG-000${i}` })).status).toBe(404);
    }
    clock = new Date(START.getTime() + 90_000);
    const locked = await redeem('u_alan', { code: 'BETA-2026' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('510');
    expect(locked.body.error).toMatchObject({
      code: 'too_many_attempts',
      details: { retryAt: '2026-11-23T12:10:00.000Z' },
    });

    clock = new Date(START.getTime() + 9 * 60_000);
    expect((await redeem('u_alan', { code: 'BETA-2026' })).headers.get('retry-after')).toBe('60');

    clock = new Date(START.getTime() + 10 * 60_000);
    const lifted = await redeem('u_alan', { code: 'BETA-2026' });
    expect(lifted.status).toBe(200);
    expect(lifted.body.result).toBe('added');
  });
});

describe('code campaigns (secret key)', () => {
  it('creates codes with 201 and lists them after', async () => {
    const created = await call('POST', '/user-groups/vip/codes', {
      key: SECRET_KEY,
      body: { mode: 'unique', count: 3, prefix: 'gold-' },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toHaveLength(3);
    expect(created.body.data[0]).toMatchObject({
      mode: 'unique',
      maxRedemptions: 1,
      redemptionCount: 0,
      status: 'active',
      startsAt: null,
      stopsAt: null,
    });
    expect(created.body.data[0].code).toMatch(/^GOLD-[2-9A-HJ-NP-Z]{10}$/);

    const listed = await call('GET', '/user-groups/vip/codes', { key: SECRET_KEY });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((c: { code: string }) => c.code)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `VIP-${String(i + 1).padStart(4, '0')}`),
      ...created.body.data.map((c: { code: string }) => c.code),
    ]);
  });

  it('shows redemption counts but never who redeemed', async () => {
    await redeem('u_grace', { code: 'BETA-2026' });
    const listed = await call('GET', '/user-groups/beta/codes', { key: SECRET_KEY });
    expect(listed.body.data).toEqual([
      expect.objectContaining({ code: 'BETA-2026', redemptionCount: 1, status: 'active' }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('u_grace');
  });

  it.each([
    ['GET', undefined],
    ['POST', { mode: 'shared', code: 'LEAKED-1' }],
  ])('refuses %s with a publishable key (403) and without a key (401)', async (method, body) => {
    const publishable = await call(method, '/user-groups/beta/codes', { body });
    expect(publishable.status).toBe(403);
    expect(publishable.body.error.code).toBe('forbidden');
    expect(JSON.stringify(publishable.body)).not.toContain('BETA-2026');

    const anonymous = await call(method, '/user-groups/beta/codes', { key: null, body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');

    const listed = await call('GET', '/user-groups/beta/codes', { key: SECRET_KEY });
    expect(listed.body.data).toHaveLength(1);
  });

  it.each([
    ['a group joined with a toggle', 'newsletter', { mode: 'shared' }, 403, 'group_not_joinable'],
    ['an unknown group', 'nope', { mode: 'shared' }, 404, 'user_group_not_found'],
    ['an existing code', 'vip', { mode: 'shared', code: 'beta-2026' }, 409, 'code_taken'],
    ['a malformed code', 'beta', { mode: 'shared', code: 'a!' }, 400, 'code_malformed'],
    [
      'a window that ends before it starts',
      'beta',
      { mode: 'shared', startsAt: '2027-02-01T00:00:00Z', stopsAt: '2027-01-01T00:00:00Z' },
      400,
      'validation_failed',
    ],
    ['too many codes', 'vip', { mode: 'unique', count: 1001 }, 400, 'validation_failed'],
    [
      'an unknown field',
      'vip',
      { mode: 'unique', count: 1, expires: 'soon' },
      400,
      'validation_failed',
    ],
  ])('answers %s with %i %s', async (_, group, body, status, code) => {
    const response = await call('POST', `/user-groups/${group}/codes`, { key: SECRET_KEY, body });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('answers 404 when listing the codes of an unknown group', async () => {
    const response = await call('GET', '/user-groups/nope/codes', { key: SECRET_KEY });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('user_group_not_found');
  });
});

describe('identity verification', () => {
  beforeEach(() => {
    start({ scenario: (ctx) => ({ ...defaultScenario(ctx), identityVerification: true }) });
  });

  it("refuses a publishable redemption without the user's hash and changes nothing", async () => {
    const missing = await redeem('u_ada', { code: 'BETA-2026' });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('identity_unverified');

    const wrong = await redeem(
      'u_ada',
      { code: 'BETA-2026' },
      { headers: { 'x-groupkit-user-hash': await computeUserHash('u_grace') } },
    );
    expect(wrong.status).toBe(401);
    expect(current?.engine.listMemberships('u_ada').map((m) => m.slug)).not.toContain('beta');
  });

  it("accepts the user's own hash, and the secret key without one", async () => {
    const verified = await redeem(
      'u_ada',
      { code: 'BETA-2026' },
      { headers: { 'x-groupkit-user-hash': await computeUserHash('u_ada') } },
    );
    expect(verified.status).toBe(200);
    expect(verified.body.result).toBe('added');
    expect((await redeem('u_alan', { code: 'BETA-2026' }, { key: SECRET_KEY })).status).toBe(200);
  });

  it('does not let unverified requests lock the real user out', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await redeem('u_ada', { code: `GUESS-000${i}` })).status).toBe(401);
    }
    const verified = await redeem(
      'u_ada',
      { code: 'BETA-2026' },
      { headers: { 'x-groupkit-user-hash': await computeUserHash('u_ada') } },
    );
    expect(verified.status).toBe(200);
  });
});
