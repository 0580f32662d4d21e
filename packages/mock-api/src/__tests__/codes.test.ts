import { beforeEach, describe, expect, it } from 'vitest';
import { createGroupsEngine, type GroupsEngineOptions } from '../engine/createGroupsEngine';
import { createSequentialIds } from '../engine/ids';
import { daysFrom } from '../scenarios/build';
import { defaultScenario } from '../scenarios/default';
import { thrown } from './support/thrown';

const START = new Date('2026-11-23T12:00:00Z');
const MINUTE = 60 * 1000;

let clock: Date;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const makeEngine = (options: GroupsEngineOptions = {}) =>
  createGroupsEngine({ now: () => clock, ...options });

beforeEach(() => {
  clock = new Date(START);
});

describe('redeeming a shared code', () => {
  it('adds Ada to beta with source "code", and a second redemption changes nothing', () => {
    const engine = makeEngine();
    const first = engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' });
    expect(first.result).toBe('added');
    expect(first.group).toMatchObject({ slug: 'beta', status: 'active', memberCount: 1 });
    expect(first.membership).toMatchObject({
      slug: 'beta',
      source: 'code',
      joinedAt: START.toISOString(),
    });
    expect(engine.listMemberships('u_ada').find((m) => m.slug === 'beta')?.source).toBe('code');

    advance(MINUTE);
    const again = engine.redeemCode({ userId: 'u_ada', code: ' beta-2026 ' });
    expect(again).toMatchObject({ result: 'unchanged', automations: [] });
    expect(again.membership.joinedAt).toBe(START.toISOString());
    expect(engine.listCodes('beta')[0]?.redemptionCount).toBe(1);
  });

  it('accepts the code lower-case with surrounding spaces', () => {
    const engine = makeEngine();
    const result = engine.redeemCode({ userId: 'u_grace', code: '  beta-2026 ' });
    expect(result.result).toBe('added');
    expect(result.membership.slug).toBe('beta');
  });

  it('refuses EARLY-2025 after its window closed, with the closing time', () => {
    const engine = makeEngine();
    const error = thrown(() => engine.redeemCode({ userId: 'u_ada', code: 'EARLY-2025' }));
    expect(error.code).toBe('code_expired');
    expect(error.status).toBe(410);
    expect(error.details).toEqual({ stopsAt: daysFrom(START, -1) });
    expect(engine.listMemberships('u_ada').map((m) => m.slug)).not.toContain('early-access');
  });

  it('refuses a code before its window opens, then accepts it once open', () => {
    const engine = makeEngine();
    const startsAt = daysFrom(START, 1);
    engine.createCodes('beta', { mode: 'shared', code: 'LAUNCH-DAY', startsAt });
    const error = thrown(() => engine.redeemCode({ userId: 'u_alan', code: 'launch-day' }));
    expect(error.code).toBe('code_not_yet_active');
    expect(error.details).toEqual({ startsAt });

    clock = new Date(startsAt);
    expect(engine.redeemCode({ userId: 'u_alan', code: 'launch-day' }).result).toBe('added');
  });

  it('stops a capped shared code at its limit and reports it used up', () => {
    const engine = makeEngine();
    engine.createCodes('beta', { mode: 'shared', code: 'TEAM-OF-TWO', maxRedemptions: 2 });
    engine.redeemCode({ userId: 'u_ada', code: 'TEAM-OF-TWO' });
    engine.redeemCode({ userId: 'u_grace', code: 'TEAM-OF-TWO' });
    const error = thrown(() => engine.redeemCode({ userId: 'u_alan', code: 'TEAM-OF-TWO' }));
    expect(error.code).toBe('code_already_used');
    expect(engine.listMemberships('u_alan').map((m) => m.slug)).not.toContain('beta');
    expect(engine.listCodes('beta').find((c) => c.code === 'TEAM-OF-TWO')).toMatchObject({
      redemptionCount: 2,
      status: 'used_up',
    });
  });

  it('refuses when the code is valid but its group has closed', () => {
    const engine = makeEngine({
      scenario: (ctx) => {
        const seed = defaultScenario(ctx);
        return {
          ...seed,
          userGroups: seed.userGroups.map((g) =>
            g.slug === 'vip' ? { ...g, stopsAt: daysFrom(ctx.now, -1) } : g,
          ),
        };
      },
    });
    const error = thrown(() => engine.redeemCode({ userId: 'u_ada', code: 'VIP-0003' }));
    expect(error.code).toBe('group_not_active');
    expect(error.details).toMatchObject({ group: 'vip', status: 'ended' });
    expect(engine.listCodes('vip').find((c) => c.code === 'VIP-0003')?.redemptionCount).toBe(0);
  });

  it('answers user_not_found for an unknown user and validation_failed for a non-string code', () => {
    const engine = makeEngine();
    expect(thrown(() => engine.redeemCode({ userId: 'u_nobody', code: 'BETA-2026' })).code).toBe(
      'user_not_found',
    );
    const error = thrown(() =>
      engine.redeemCode({ userId: 'u_ada', code: 2026 as unknown as string }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual({ field: 'code' });
  });
});

describe('single-use codes', () => {
  it('lets Grace redeem VIP-0001 and then refuses it to Alan', () => {
    const engine = makeEngine();
    expect(engine.redeemCode({ userId: 'u_grace', code: 'VIP-0001' }).result).toBe('added');
    const error = thrown(() => engine.redeemCode({ userId: 'u_alan', code: 'vip-0001' }));
    expect(error.code).toBe('code_already_used');
    expect(error.status).toBe(409);
    expect(engine.listMemberships('u_alan').map((m) => m.slug)).not.toContain('vip');
    expect(engine.listCodes('vip').find((c) => c.code === 'VIP-0001')).toMatchObject({
      redemptionCount: 1,
      status: 'used_up',
    });
  });

  it('lets the user who redeemed a code come back with it after leaving', () => {
    const engine = makeEngine();
    engine.redeemCode({ userId: 'u_grace', code: 'VIP-0001' });
    engine.changeMemberships({ userId: 'u_grace', changes: '-vip', actor: 'admin' });
    expect(engine.redeemCode({ userId: 'u_grace', code: 'VIP-0001' }).result).toBe('added');
    expect(engine.listCodes('vip').find((c) => c.code === 'VIP-0001')?.redemptionCount).toBe(1);
  });

  it('never lists who redeemed a code', () => {
    const engine = makeEngine();
    engine.redeemCode({ userId: 'u_grace', code: 'VIP-0001' });
    const listed = engine.listCodes('vip');
    expect(listed).toHaveLength(10);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(
      [
        'id',
        'groupId',
        'code',
        'mode',
        'maxRedemptions',
        'redemptionCount',
        'startsAt',
        'stopsAt',
        'status',
        'active',
        'createdAt',
      ].sort(),
    );
    expect(JSON.stringify(listed)).not.toContain('u_grace');
  });
});

describe('wrong codes', () => {
  it('answers code_invalid for a code that does not exist', () => {
    const error = thrown(() => makeEngine().redeemCode({ userId: 'u_ada', code: 'BETA-2027' }));
    expect(error.code).toBe('code_invalid');
    expect(error.status).toBe(404);
  });

  it("gives another group's code exactly the same answer as a code that does not exist", () => {
    const engine = makeEngine();
    const otherGroups = thrown(() =>
      engine.redeemCode({ userId: 'u_ada', code: 'VIP-0002', group: 'beta' }),
    );
    const missing = thrown(() =>
      engine.redeemCode({ userId: 'u_ada', code: 'NOPE-0002', group: 'beta' }),
    );
    expect(otherGroups.code).toBe('code_invalid');
    expect([otherGroups.status, otherGroups.message, otherGroups.details]).toEqual([
      missing.status,
      missing.message,
      missing.details,
    ]);
    expect(engine.listMemberships('u_ada').map((m) => m.slug)).not.toContain('vip');
  });

  it('accepts a group-scoped code for its own group, by slug or by id', () => {
    const engine = makeEngine();
    const vipId = engine.getUserGroup('vip').id;
    expect(engine.redeemCode({ userId: 'u_ada', code: 'VIP-0002', group: 'vip' }).result).toBe(
      'added',
    );
    expect(engine.redeemCode({ userId: 'u_alan', code: 'VIP-0003', group: vipId }).result).toBe(
      'added',
    );
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['punctuation', '!!'],
    ['too short', 'AB1'],
    ['200 characters', 'A'.repeat(200)],
    ['emoji', '🎟️🎟️🎟️🎟️'],
    ['a leading hyphen', '-BETA-2026'],
  ])('answers code_malformed for %s', (_, code) => {
    const error = thrown(() => makeEngine().redeemCode({ userId: 'u_ada', code }));
    expect(error.code).toBe('code_malformed');
    expect(error.status).toBe(400);
  });
});

describe('brute-force lockout', () => {
  const fail = (engine: ReturnType<typeof makeEngine>, userId = 'u_alan') =>
    thrown(() => engine.redeemCode({ userId, code: 'GUESS-0000' })).code;

  it('locks after 5 failures in 10 minutes, counts down, and lifts when the oldest ages out', () => {
    const engine = makeEngine();
    for (let i = 0; i < 5; i++) {
      expect(fail(engine)).toBe('code_invalid');
      if (i < 4) advance(MINUTE);
    }
    // 4 minutes after the first failure: it leaves the window in 6 minutes.
    const locked = thrown(() => engine.redeemCode({ userId: 'u_alan', code: 'BETA-2026' }));
    expect(locked.code).toBe('too_many_attempts');
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).toBe(360);
    expect(locked.details).toEqual({
      retryAt: new Date(START.getTime() + 10 * MINUTE).toISOString(),
    });

    advance(100_500);
    const later = thrown(() => engine.redeemCode({ userId: 'u_alan', code: 'BETA-2026' }));
    expect(later.retryAfter).toBe(260); // 259.5 s rounds up, so a retry at 0 is never early
    expect(engine.listMemberships('u_alan').map((m) => m.slug)).not.toContain('beta');

    clock = new Date(START.getTime() + 10 * MINUTE);
    expect(engine.redeemCode({ userId: 'u_alan', code: 'BETA-2026' }).result).toBe('added');
  });

  it('does not count the 429s: one more failure after the lift locks only until the next oldest ages out', () => {
    const engine = makeEngine();
    for (let i = 0; i < 5; i++) {
      fail(engine);
      advance(MINUTE);
    }
    for (let i = 0; i < 3; i++) expect(fail(engine)).toBe('too_many_attempts');

    clock = new Date(START.getTime() + 10 * MINUTE);
    expect(fail(engine)).toBe('code_invalid');
    const locked = thrown(() => engine.redeemCode({ userId: 'u_alan', code: 'BETA-2026' }));
    expect(locked.code).toBe('too_many_attempts');
    expect(locked.retryAfter).toBe(60);
  });

  it('counts malformed, expired and used codes as failures, per user', () => {
    const engine = makeEngine();
    engine.redeemCode({ userId: 'u_grace', code: 'VIP-0001' });
    for (const code of ['!!', 'EARLY-2025', 'VIP-0001', 'NOPE-1234', '']) {
      expect(() => engine.redeemCode({ userId: 'u_alan', code })).toThrow();
    }
    expect(fail(engine)).toBe('too_many_attempts');
    expect(fail(engine, 'u_ada')).toBe('code_invalid');
  });
});

describe('creating codes', () => {
  it('creates a shared code as given, normalised for redemption, and lists it after the seeds', () => {
    const engine = makeEngine();
    const [created] = engine.createCodes('beta', {
      mode: 'shared',
      code: ' summer-sale ',
      maxRedemptions: null,
      startsAt: null,
      stopsAt: '2027-01-01T00:00:00Z',
    });
    expect(created).toMatchObject({
      code: 'summer-sale',
      mode: 'shared',
      maxRedemptions: null,
      redemptionCount: 0,
      startsAt: null,
      stopsAt: '2027-01-01T00:00:00.000Z',
      status: 'active',
      groupId: engine.getUserGroup('beta').id,
      createdAt: START.toISOString(),
    });
    expect(engine.listCodes('beta').map((c) => c.code)).toEqual(['BETA-2026', 'summer-sale']);
    expect(engine.redeemCode({ userId: 'u_ada', code: 'SUMMER-SALE' }).result).toBe('added');
  });

  it('generates a redeemable shared code when none is given', () => {
    const engine = makeEngine();
    const [created] = engine.createCodes('beta', { mode: 'shared' });
    expect(created?.code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(
      engine.redeemCode({ userId: 'u_alan', code: created?.code.toLowerCase() ?? '' }).result,
    ).toBe('added');
  });

  it('generates distinct, unambiguous single-use codes with the prefix', () => {
    const engine = makeEngine();
    const created = engine.createCodes('vip', { mode: 'unique', count: 50, prefix: 'gold-' });
    expect(created).toHaveLength(50);
    expect(new Set(created.map((c) => c.code)).size).toBe(50);
    for (const c of created) {
      expect(c.code).toMatch(/^GOLD-[2-9A-HJ-NP-Z]{10}$/);
      expect(c).toMatchObject({ mode: 'unique', maxRedemptions: 1, status: 'active' });
    }
    expect(engine.listCodes('vip')).toHaveLength(60);
    expect(engine.redeemCode({ userId: 'u_alan', code: created[7]?.code ?? '' }).result).toBe(
      'added',
    );
  });

  it('generates the same codes from the same ids, and other codes for the next batch', () => {
    const batch = () => makeEngine().createCodes('vip', { mode: 'unique', count: 5 });
    const first = batch().map((c) => c.code);
    expect(batch().map((c) => c.code)).toEqual(first);

    const engine = makeEngine();
    engine.createCodes('vip', { mode: 'unique', count: 5 });
    const next = engine.createCodes('vip', { mode: 'unique', count: 5 }).map((c) => c.code);
    expect(next.some((code) => first.includes(code))).toBe(false);
  });

  it('never generates a code that already exists, even from a repeated seed', () => {
    // Sequential ids for the seed, then the same id forever: every batch starts from one seed.
    let frozen = false;
    const sequential = createSequentialIds();
    const engine = makeEngine({ ids: () => (frozen ? 'same-seed' : sequential()) });
    frozen = true;
    const a = engine.createCodes('vip', { mode: 'unique', count: 5 }).map((c) => c.code);
    const b = engine.createCodes('vip', { mode: 'unique', count: 5 }).map((c) => c.code);
    expect(new Set([...a, ...b]).size).toBe(10);
    expect(engine.listCodes('vip')).toHaveLength(20);
  });

  it.each([
    ['newsletter', 'open'],
    ['customer', 'admin-only'],
    ['uk-users', 'automatic'],
  ])('refuses codes for %s (%s): it is not joined with a code', (slug) => {
    const engine = makeEngine();
    const error = thrown(() => engine.createCodes(slug, { mode: 'shared', code: 'NOPE-2026' }));
    expect(error.code).toBe('group_not_joinable');
    expect(error.message).toContain('joinType to "code"');
    expect(engine.listCodes(slug)).toEqual([]);
  });

  it('answers user_group_not_found for an unknown group', () => {
    expect(thrown(() => makeEngine().createCodes('nope', { mode: 'shared' })).code).toBe(
      'user_group_not_found',
    );
  });

  it('refuses a code equal to an existing one, ignoring case and spaces', () => {
    const engine = makeEngine();
    const error = thrown(() => engine.createCodes('vip', { mode: 'shared', code: ' beta-2026' }));
    expect(error.code).toBe('code_taken');
    expect(engine.listCodes('vip')).toHaveLength(10);
  });

  it.each([
    ['startsAt is not a date', { mode: 'shared', startsAt: 'tomorrow' }, 'startsAt'],
    [
      'stopsAt is before startsAt',
      { mode: 'shared', startsAt: '2027-01-02T00:00:00Z', stopsAt: '2027-01-01T00:00:00Z' },
      'stopsAt',
    ],
    [
      'the window is empty',
      {
        mode: 'unique',
        count: 1,
        startsAt: '2027-01-01T00:00:00Z',
        stopsAt: '2027-01-01T00:00:00Z',
      },
      'stopsAt',
    ],
    ['mode is missing', { code: 'MISSING-MODE' }, 'mode'],
    ['a field is unknown', { mode: 'shared', maxUses: 3 }, 'maxUses'],
    ['a unique batch gets a code', { mode: 'unique', count: 2, code: 'ABCD' }, 'code'],
    ['maxRedemptions is 0', { mode: 'shared', maxRedemptions: 0 }, 'maxRedemptions'],
    ['maxRedemptions is a fraction', { mode: 'shared', maxRedemptions: 1.5 }, 'maxRedemptions'],
    ['count is 0', { mode: 'unique', count: 0 }, 'count'],
    ['count is over 1000', { mode: 'unique', count: 1001 }, 'count'],
    ['count is missing', { mode: 'unique' }, 'count'],
    ['the prefix has a space', { mode: 'unique', count: 1, prefix: 'A B' }, 'prefix'],
    ['the prefix is too long', { mode: 'unique', count: 1, prefix: 'P'.repeat(21) }, 'prefix'],
    ['the prefix starts with a hyphen', { mode: 'unique', count: 1, prefix: '-VIP' }, 'prefix'],
  ])('answers validation_failed when %s', (_, body, field) => {
    const engine = makeEngine();
    const error = thrown(() => engine.createCodes('vip', body));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual({ field });
    expect(engine.listCodes('vip')).toHaveLength(10);
  });

  it.each([[''], ['no'], ['has space'], ['-LEADING'], ['C'.repeat(65)], ['ÜBER-CODE']])(
    'answers code_malformed for the shared code %j',
    (code) => {
      const error = thrown(() => makeEngine().createCodes('beta', { mode: 'shared', code }));
      expect(error.code).toBe('code_malformed');
    },
  );

  it('reports scheduled and expired codes by their window', () => {
    const engine = makeEngine();
    engine.createCodes('beta', { mode: 'shared', code: 'LATER-1', startsAt: daysFrom(START, 2) });
    const status = (code: string) => engine.listCodes('beta').find((c) => c.code === code)?.status;
    expect(status('LATER-1')).toBe('scheduled');
    expect(engine.listCodes('early-access')[0]?.status).toBe('expired');
    advance(2 * 24 * 60 * MINUTE);
    expect(status('LATER-1')).toBe('active');
  });
});

describe('automations', () => {
  it('fires an added_to automation once on redemption, not on the unchanged retry', () => {
    const engine = makeEngine();
    const automation = engine.createAutomation({
      name: 'Welcome, beta tester',
      trigger: { event: 'added_to', group: 'beta' },
      action: { type: 'email', template: 't' },
    });
    const first = engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' });
    expect(first.automations).toEqual([
      { automationId: automation.id, name: 'Welcome, beta tester', opIndex: 0 },
    ]);
    expect(engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' }).automations).toEqual([]);
    expect(engine.listAutomationRuns('u_ada')).toEqual([
      expect.objectContaining({
        automationId: automation.id,
        origin: 'code',
        event: 'added_to',
      }),
    ]);
  });

  it('fires nothing when the redemption fails', () => {
    const engine = makeEngine();
    engine.createAutomation({
      name: 'Welcome to the lounge',
      trigger: { event: 'added_to', group: 'vip' },
      action: { type: 'email', template: 't' },
    });
    engine.redeemCode({ userId: 'u_grace', code: 'VIP-0001' });
    thrown(() => engine.redeemCode({ userId: 'u_alan', code: 'VIP-0001' }));
    expect(engine.listAutomationRuns('u_alan')).toEqual([]);
  });
});
