import { computeUserHash } from '@groupkit/mock-api/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { contractApi, SECRET_KEY, type CallOptions } from './support/api';
import { daysFrom } from './support/clock';

const START = new Date('2026-11-23T12:00:00Z');

// Registered before `contractApi`, so every fresh world is seeded at START even after a test
// moved the clock. The clock is read on every request: moving it moves the target's clock.
let clock = new Date(START);
beforeEach(() => {
  clock = new Date(START);
});

/** A fresh world per test, so failures and redemptions never leak between tests. */
const api = contractApi({ perTest: true, now: () => clock });
const { call } = api;

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
    const automation = await call('POST', '/automations', {
      key: SECRET_KEY,
      body: {
        name: 'Beta welcome',
        trigger: { event: 'added_to', group: 'beta' },
        action: { type: 'email', template: 't' },
      },
    });
    expect(automation.status).toBe(201);
    const response = await redeem('u_grace', { code: 'BETA-2026' });
    expect(response.body.automations).toEqual([
      { automationId: automation.body.id, name: 'Beta welcome', opIndex: 0 },
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
    const created = await call('POST', '/user-groups/beta/codes', {
      key: SECRET_KEY,
      body: { mode: 'shared', code: 'SOON-2026', startsAt, stopsAt: null },
    });
    expect(created.status).toBe(201);
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
    // The group closed two days ago (set through the admin API rather than a custom seed).
    const closed = await call('PUT', '/user-groups/beta', {
      key: SECRET_KEY,
      body: { stopsAt: daysFrom(START, -2) },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('ended');
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

  it('answers a code of a group hidden since like an unknown code, and counts the attempt', async () => {
    const hidden = await call('PUT', '/user-groups/vip', {
      key: SECRET_KEY,
      body: { userViewable: false },
    });
    expect(hidden.status).toBe(200);
    const hiddenCode = await redeem('u_ada', { code: 'VIP-0001' });
    const missing = await redeem('u_grace', { code: 'ZZZZ-9999' });
    expect(hiddenCode.status).toBe(404);
    // Nothing in the answer tells that the group exists.
    expect(hiddenCode.body).toEqual(missing.body);
    expect(JSON.stringify(hiddenCode.body)).not.toMatch(/vip/i);
    expect(await api.slugsOf('u_ada')).not.toContain('vip');
    // Shown again, the code works (and the failed attempt above still counts).
    await call('PUT', '/user-groups/vip', { key: SECRET_KEY, body: { userViewable: true } });
    expect((await redeem('u_ada', { code: 'VIP-0001' })).body.result).toBe('added');
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

  it('refuses codes for a hidden group with 400 group_not_viewable, and stores none', async () => {
    await call('PUT', '/user-groups/vip', { key: SECRET_KEY, body: { userViewable: false } });
    const before = (await call('GET', '/user-groups/vip/codes', { key: SECRET_KEY })).body.data;
    const created = await call('POST', '/user-groups/vip/codes', {
      key: SECRET_KEY,
      body: { mode: 'shared', code: 'SECRET-VIP' },
    });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({
      code: 'group_not_viewable',
      details: { group: 'vip' },
    });
    expect(created.body.error.message).toContain('userViewable');
    const after = (await call('GET', '/user-groups/vip/codes', { key: SECRET_KEY })).body.data;
    expect(after).toEqual(before);
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
    const before = await api.dump();
    const publishable = await call(method, '/user-groups/beta/codes', { body });
    expect(publishable.status).toBe(403);
    expect(publishable.body.error.code).toBe('forbidden');
    expect(JSON.stringify(publishable.body)).not.toContain('BETA-2026');

    const anonymous = await call(method, '/user-groups/beta/codes', { key: null, body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');

    const listed = await call('GET', '/user-groups/beta/codes', { key: SECRET_KEY });
    expect(listed.body.data).toHaveLength(1);
    expect(await api.dump()).toEqual(before);
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
  beforeEach(() => api.reset({ scenario: 'verified', now: () => clock }));

  it("refuses a publishable redemption without the user's hash and changes nothing", async () => {
    const before = await api.dump();
    const missing = await redeem('u_ada', { code: 'BETA-2026' });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('identity_unverified');

    const wrong = await redeem(
      'u_ada',
      { code: 'BETA-2026' },
      { headers: { 'x-groupkit-user-hash': await computeUserHash('u_grace') } },
    );
    expect(wrong.status).toBe(401);
    expect(await api.slugsOf('u_ada')).not.toContain('beta');
    expect(await api.dump()).toEqual(before);
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

describe('a code after it was made (secret key)', () => {
  const admin = (method: string, path: string, body?: unknown) =>
    call(method, path, { key: SECRET_KEY, body });
  const codeId = async (group: string, code: string) =>
    (await admin('GET', `/user-groups/${group}/codes`)).body.data.find(
      (c: { code: string }) => c.code === code,
    ).id as string;

  it('revokes a leaked shared code: 410 code_revoked, members kept, on again when restored', async () => {
    expect((await redeem('u_ada', { code: 'BETA-2026' })).body.result).toBe('added');
    const id = await codeId('beta', 'BETA-2026');
    const revoked = await admin('PATCH', `/user-groups/beta/codes/${id}`, { active: false });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({
      code: expect.objectContaining({ id, active: false, status: 'revoked', redemptionCount: 1 }),
      warnings: [],
    });
    const refused = await redeem('u_grace', { code: 'beta-2026' });
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('code_revoked');
    expect(await api.slugsOf('u_grace')).not.toContain('beta');
    // Who joined with it keeps the membership.
    expect(await api.slugsOf('u_ada')).toContain('beta');
    await admin('PATCH', `/user-groups/beta/codes/${id}`, { active: true });
    expect((await redeem('u_grace', { code: 'BETA-2026' })).body.result).toBe('added');
    expect((await admin('GET', `/user-groups/beta/codes/${id}`)).body).toMatchObject({
      active: true,
      status: 'active',
      redemptionCount: 2,
    });
  });

  it('counts a revoked code as a failed attempt towards the lockout', async () => {
    const id = await codeId('beta', 'BETA-2026');
    await admin('PATCH', `/user-groups/beta/codes/${id}`, { active: false });
    for (let i = 0; i < 5; i++) {
      expect((await redeem('u_alan', { code: 'BETA-2026' })).status).toBe(410);
    }
    expect((await redeem('u_alan', { code: 'VIP-0001' })).status).toBe(429);
  });

  it('moves the window and the cap of a shared code, warning when it no longer covers the group', async () => {
    const id = await codeId('beta', 'BETA-2026');
    const moved = await admin('PATCH', `/user-groups/beta/codes/${id}`, {
      stopsAt: daysFrom(START, 1),
      maxRedemptions: 1,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.code).toMatchObject({ stopsAt: daysFrom(START, 1), maxRedemptions: 1 });
    // Beta stays open with no end: the code stopping tomorrow leaves users without a way in.
    expect(moved.body.warnings).toEqual([
      expect.objectContaining({
        code: 'code_window_outside_group',
        details: expect.objectContaining({
          group: 'beta',
          groupWindow: { startsAt: null, stopsAt: null },
          codeWindow: expect.objectContaining({ stopsAt: daysFrom(START, 1) }),
        }),
      }),
    ]);
    expect((await redeem('u_ada', { code: 'BETA-2026' })).body.result).toBe('added');
    expect((await redeem('u_grace', { code: 'BETA-2026' })).body.error.code).toBe(
      'code_already_used',
    );
    // Creating such a code warns too; covering the group's window does not.
    const later = await admin('POST', '/user-groups/beta/codes', {
      mode: 'shared',
      code: 'LATER-2027',
      startsAt: daysFrom(START, 3),
    });
    expect(later.status).toBe(201);
    expect(later.body.warnings.map((w: { code: string }) => w.code)).toEqual([
      'code_window_outside_group',
    ]);
    const always = await admin('POST', '/user-groups/beta/codes', { mode: 'shared' });
    expect(always.body.warnings).toEqual([]);
  });

  it('deletes a code: it answers like one that never existed, its text is free again', async () => {
    expect((await redeem('u_ada', { code: 'VIP-0003' })).body.result).toBe('added');
    const id = await codeId('vip', 'VIP-0003');
    const deleted = await admin('DELETE', `/user-groups/vip/codes/${id}`);
    expect(deleted.status).toBe(204);
    const gone = await redeem('u_grace', { code: 'VIP-0003' });
    const never = await redeem('u_alan', { code: 'ZZZZ-0003' });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(never.body);
    expect(await api.slugsOf('u_ada')).toContain('vip');
    expect((await admin('GET', `/user-groups/vip/codes/${id}`)).status).toBe(404);
    const again = await admin('POST', '/user-groups/vip/codes', {
      mode: 'shared',
      code: 'VIP-0003',
    });
    expect(again.status).toBe(201);
  });

  it('lists who used a code and when, oldest first, paged', async () => {
    const id = await codeId('beta', 'BETA-2026');
    for (const [user, minutes] of [
      ['u_grace', 1],
      ['u_ada', 2],
      ['u_alan', 3],
    ] as const) {
      clock = new Date(START.getTime() + minutes * 60_000);
      expect((await redeem(user, { code: 'BETA-2026' })).status).toBe(200);
    }
    const first = await admin('GET', `/user-groups/beta/codes/${id}/redemptions?page_size=2`);
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.body.data).toEqual([
      { userId: 'u_grace', at: '2026-11-23T12:01:00.000Z' },
      { userId: 'u_ada', at: '2026-11-23T12:02:00.000Z' },
    ]);
    const second = await admin(
      'GET',
      `/user-groups/beta/codes/${id}/redemptions?page=2&page_size=2`,
    );
    expect(second.body.data.map((r: { userId: string }) => r.userId)).toEqual(['u_alan']);
  });
});
