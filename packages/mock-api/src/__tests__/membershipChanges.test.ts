import { describe, expect, it } from 'vitest';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import { defaultScenario } from '../scenarios/default';
import { thrown } from './support/thrown';

const NOW = new Date('2026-11-23T12:00:00Z');
const fresh = () => createGroupsEngine({ now: () => NOW });
const slugs = (engine: ReturnType<typeof fresh>, userId: string) =>
  engine.listMemberships(userId).map((m) => m.slug);

describe("Ada's ordered changes (the automations see the state each op leaves)", () => {
  it('-pro,+plus fires the churn survey (no plus yet) and the Plus welcome (no pro any more)', () => {
    const engine = fresh();
    const result = engine.changeMemberships({
      userId: 'u_ada',
      changes: '-pro,+plus',
      actor: 'admin',
    });
    expect(result.applied).toEqual([
      { op: 'remove', group: 'pro', result: 'removed' },
      { op: 'add', group: 'plus', result: 'added' },
    ]);
    expect(result.automations).toEqual([
      { automationId: 'pro-churn-survey', name: 'Pro cancellation survey', opIndex: 0 },
      { automationId: 'welcome-plus', name: 'Welcome to Plus', opIndex: 1 },
    ]);
    expect(slugs(engine, 'u_ada')).toContain('plus');
    expect(slugs(engine, 'u_ada')).not.toContain('pro');
    expect(
      engine.listAutomationRuns('u_ada').map((r) => [r.automationId, r.opIndex, r.origin]),
    ).toEqual([
      ['pro-churn-survey', 0, 'admin'],
      ['welcome-plus', 1, 'admin'],
    ]);
  });

  it('+plus,-pro reaches the same memberships and fires neither', () => {
    const engine = fresh();
    const result = engine.changeMemberships({
      userId: 'u_ada',
      changes: '+plus,-pro',
      actor: 'admin',
    });
    expect(result.automations).toEqual([]);
    expect(engine.listAutomationRuns('u_ada')).toEqual([]);
    const other = fresh();
    other.changeMemberships({ userId: 'u_ada', changes: '-pro,+plus', actor: 'admin' });
    expect(slugs(engine, 'u_ada').sort()).toEqual(slugs(other, 'u_ada').sort());
  });

  it('dryRun answers exactly what the real change will, and changes nothing', () => {
    const engine = fresh();
    const before = engine.listMemberships('u_ada');
    const preview = engine.changeMemberships({
      userId: 'u_ada',
      changes: '-pro,+plus',
      dryRun: true,
      actor: 'admin',
    });
    expect(engine.listMemberships('u_ada')).toEqual(before);
    expect(engine.listAutomationRuns()).toEqual([]);
    const real = engine.changeMemberships({
      userId: 'u_ada',
      changes: '-pro,+plus',
      actor: 'admin',
    });
    expect(preview).toEqual(real);
  });
});

describe('ordered semantics', () => {
  it('applies duplicates in order: +newsletter,-newsletter,+newsletter ends joined', () => {
    const engine = fresh();
    const result = engine.changeMemberships({
      userId: 'u_alan',
      changes: '+newsletter,-newsletter,+newsletter',
      actor: 'user',
    });
    expect(result.applied.map((a) => a.result)).toEqual(['added', 'removed', 'added']);
    expect(slugs(engine, 'u_alan')).toContain('newsletter');
    expect(engine.listMemberships('u_alan').find((m) => m.slug === 'newsletter')?.source).toBe(
      'self',
    );
  });

  it('reports adding a held group and removing an absent one as unchanged', () => {
    const engine = fresh();
    const result = engine.changeMemberships({
      userId: 'u_ada',
      changes: '+pro,-plus',
      actor: 'admin',
    });
    expect(result.applied.map((a) => a.result)).toEqual(['unchanged', 'unchanged']);
    expect(result.automations).toEqual([]);
  });

  it('accepts the array form and group uuids', () => {
    const engine = fresh();
    const { id } = engine.getUserGroup('community');
    const result = engine.changeMemberships({
      userId: 'u_grace',
      changes: [
        { op: 'add', group: id },
        { op: 'add', group: 'newsletter' },
      ],
      actor: 'user',
    });
    expect(result.applied).toEqual([
      { op: 'add', group: 'community', result: 'added' },
      { op: 'add', group: 'newsletter', result: 'added' },
    ]);
  });
});

describe('atomicity and permissions: nothing applies when any op is refused', () => {
  it.each([
    ['an unknown group', '+newsletter,+nope', 'user_group_not_found', 1],
    ['an automatic group', '+newsletter,+uk-users', 'group_is_automatic', 1],
    ['a code group', '+newsletter,+beta', 'group_not_joinable', 1],
    [
      'a hidden admin-only group (reads as unknown)',
      '+newsletter,-customer',
      'user_group_not_found',
      1,
    ],
    ['a scheduled group', '+newsletter,+spring-summit', 'group_not_active', 1],
    ['an ended group', '+webinar-2025,+newsletter', 'group_not_active', 0],
    ['a hidden group (reads as unknown)', '+newsletter,+staff', 'user_group_not_found', 1],
    ['a malformed op', '+newsletter,pro', 'invalid_change', 1],
  ])('refuses %s for an end user, naming the op index', (_, changes, code, opIndex) => {
    const engine = fresh();
    const before = engine.listMemberships('u_alan');
    expect(
      thrown(() => engine.changeMemberships({ userId: 'u_alan', changes, actor: 'user' })),
    ).toMatchObject({
      code,
      details: { opIndex },
    });
    expect(engine.listMemberships('u_alan')).toEqual(before);
  });

  it('refuses a visible admin-only group with a message saying only an admin can', () => {
    const engine = createGroupsEngine({
      now: () => NOW,
      scenario: (ctx) => {
        const seed = defaultScenario(ctx);
        return {
          ...seed,
          userGroups: seed.userGroups.map((g) =>
            g.slug === 'customer' ? { ...g, userViewable: true } : g,
          ),
        };
      },
    });
    const error = thrown(() =>
      engine.changeMemberships({ userId: 'u_ada', changes: '-customer', actor: 'user' }),
    );
    expect(error).toMatchObject({
      code: 'group_not_joinable',
      details: { opIndex: 0, joinType: null },
    });
    expect(error.message).toContain('only an admin');
  });

  it('lets the secret key change any manual group, active or not, but never automatic ones', () => {
    const engine = fresh();
    const result = engine.changeMemberships({
      userId: 'u_alan',
      changes: '+customer,+staff,+beta,+webinar-2025',
      actor: 'admin',
    });
    expect(result.applied.every((a) => a.result === 'added')).toBe(true);
    expect(engine.listMemberships('u_alan').find((m) => m.slug === 'staff')?.source).toBe('admin');
    expect(
      thrown(() =>
        engine.changeMemberships({ userId: 'u_alan', changes: '-uk-users', actor: 'admin' }),
      ).code,
    ).toBe('group_is_automatic');
  });

  it.each([
    ['pro', 'has no sign'],
    ['+', 'names no group'],
    ['++pro', 'more than one sign'],
    ['+pro,,-plus', 'is empty'],
    ['+pro, -plus', 'whitespace'],
    ['', 'No changes'],
  ])('explains the malformed change %j', (changes, message) => {
    const error = thrown(() =>
      fresh().changeMemberships({ userId: 'u_ada', changes, actor: 'admin' }),
    );
    expect(error.code).toBe('invalid_change');
    expect(error.message).toContain(message);
  });

  it('refuses an unknown user', () => {
    expect(
      thrown(() =>
        fresh().changeMemberships({ userId: 'u_x', changes: '+newsletter', actor: 'user' }),
      ).code,
    ).toBe('user_not_found');
  });
});

describe('automations', () => {
  it('fires once per triggering op, honouring requireIn', () => {
    const engine = fresh();
    engine.createAutomation({
      name: 'Community welcome for customers',
      trigger: { event: 'added_to', group: 'community', requireIn: ['customer'] },
      action: { type: 'workflow', template: 'community-welcome' },
    });
    // Alan is no customer: nothing fires. Grace is: it fires, once, on the op that added her.
    expect(
      engine.changeMemberships({ userId: 'u_alan', changes: '+community', actor: 'user' })
        .automations,
    ).toEqual([]);
    const grace = engine.changeMemberships({
      userId: 'u_grace',
      changes: '+newsletter,+community,+community',
      actor: 'user',
    });
    expect(grace.automations).toEqual([
      expect.objectContaining({ name: 'Community welcome for customers', opIndex: 1 }),
    ]);
    expect(engine.listAutomationRuns('u_grace')).toHaveLength(1);
  });

  it('validates automations and names the field', () => {
    const engine = fresh();
    const base = {
      name: 'x',
      trigger: { event: 'added_to', group: 'beta' },
      action: { type: 'email', template: 't' },
    };
    expect(
      thrown(() =>
        engine.createAutomation({ ...base, trigger: { event: 'joined', group: 'beta' } }),
      ).details,
    ).toEqual({
      field: 'trigger.event',
    });
    expect(
      thrown(() =>
        engine.createAutomation({ ...base, trigger: { event: 'added_to', group: 'nope' } }),
      ).code,
    ).toBe('user_group_not_found');
    expect(thrown(() => engine.createAutomation({ ...base, colour: 'red' })).message).toContain(
      'unknown field "colour"',
    );
  });
});

describe('idempotency', () => {
  it('replays the first answer for the same key and body, applying once', () => {
    const engine = fresh();
    const scope = {
      apiKey: 'pk_test_groupkit',
      userId: 'u_ada',
      key: 'k1',
      body: { changes: '-pro,+plus' },
    };
    const apply = () =>
      engine.changeMemberships({ userId: 'u_ada', changes: '-pro,+plus', actor: 'admin' });
    const first = engine.idempotent(scope, apply);
    const retry = engine.idempotent(scope, apply);
    expect(retry).toEqual({ response: first.response, replayed: true });
    expect(engine.listAutomationRuns('u_ada')).toHaveLength(2);
  });

  it('refuses the same key with another body', () => {
    const engine = fresh();
    const scope = { apiKey: 'pk', userId: 'u_alan', key: 'k', body: { changes: '+newsletter' } };
    engine.idempotent(scope, () =>
      engine.changeMemberships({ userId: 'u_alan', changes: '+newsletter', actor: 'user' }),
    );
    expect(
      thrown(() => engine.idempotent({ ...scope, body: { changes: '+community' } }, () => null))
        .code,
    ).toBe('idempotency_key_reused');
  });

  it('forgets keys after 24 hours', () => {
    let clock = NOW;
    const engine = createGroupsEngine({ now: () => clock });
    const scope = { apiKey: 'pk', userId: 'u_alan', key: 'k', body: {} };
    let runs = 0;
    engine.idempotent(scope, () => ++runs);
    clock = new Date(NOW.getTime() + 24 * 60 * 60 * 1000 + 1);
    expect(engine.idempotent(scope, () => ++runs)).toEqual({ response: 2, replayed: false });
  });
});
