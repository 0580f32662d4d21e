import { describe, expect, it } from 'vitest';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import type { UserGroupRecord } from '../engine/types';
import { parseUpsertMode, type UpsertMode } from '../engine/users';
import { defaultScenario } from '../scenarios/default';
import type { Scenario } from '../scenarios/types';
import { thrown } from './support/thrown';

const NOW = new Date('2026-11-23T12:00:00Z');
const SEEDED = new Date(NOW.getTime() - 90 * 24 * 60 * 60 * 1000).toISOString();
const engineAt = (scenario?: Scenario) => createGroupsEngine({ now: () => NOW, scenario });

const slugs = (engine: ReturnType<typeof engineAt>, userId: string) =>
  engine
    .listMemberships(userId)
    .map((m) => m.slug)
    .sort();

/**
 * The default seed plus an automatic group per non-attribute rule (London branch, pending
 * status) and a code-sourced membership for Ada, so every source and rule type is present.
 */
const richScenario: Scenario = (context) => {
  const seed = defaultScenario(context);
  const created = seed.userGroups[0]?.createdAt as string;
  const automatic = (slug: string, rule: UserGroupRecord['ruleset']): UserGroupRecord => ({
    id: `00000000-0000-4000-8000-${slug.padStart(12, '0')}`,
    legacyId: 9000 + seed.userGroups.length,
    slug,
    name: slug,
    description: '',
    type: 'automatic',
    joinType: null,
    userViewable: false,
    startsAt: null,
    stopsAt: null,
    order: 0,
    ruleset: rule,
    createdAt: created,
    updatedAt: created,
  });
  const beta = seed.userGroups.find((g) => g.slug === 'beta') as UserGroupRecord;
  return {
    ...seed,
    userGroups: [
      ...seed.userGroups,
      automatic('londoners', {
        operator: 'AND',
        sets: [
          { id: 's1', rules: [{ id: 'r1', type: 'branch', payload: { branchIds: ['london'] } }] },
        ],
      }),
      automatic('pending', {
        operator: 'AND',
        sets: [{ id: 's2', rules: [{ id: 'r2', type: 'status', payload: { status: 'pending' } }] }],
      }),
    ],
    memberships: [
      ...seed.memberships,
      { userId: 'u_ada', groupId: beta.id, joinedAt: created, source: 'code', attributes: {} },
    ],
  };
};

describe('upsertUser: create and update', () => {
  it('creates a missing user with defaults, derived username and email, and answers created', () => {
    const engine = engineAt();
    const result = engine.upsertUser('u_new', {
      firstname: 'Barbara',
      attributes: { plan: 'pro' },
    });
    expect(result).toEqual({
      user: {
        id: 'u_new',
        firstname: 'Barbara',
        lastname: '',
        email: 'u_new@example.com',
        username: 'u_new',
        branchId: null,
        status: 'active',
        attributes: { plan: 'pro' },
      },
      memberships: [],
      created: true,
      pruned: [],
    });
    expect(engine.getSession('u_new').user.firstname).toBe('Barbara');
  });

  it('uses a given email, and an id that is an address as the email', () => {
    const engine = engineAt();
    expect(engine.upsertUser('u_x', { email: 'x@corp.test' }).user.email).toBe('x@corp.test');
    expect(engine.upsertUser('kim@corp.test', {}).user).toMatchObject({
      email: 'kim@corp.test',
      username: 'kim@corp.test',
    });
  });

  it('puts a new user into the automatic groups their attributes match', () => {
    const engine = engineAt();
    const { memberships } = engine.upsertUser('u_new', { attributes: { country: 'UK' } });
    expect(memberships.map((m) => [m.slug, m.source, m.joinedAt])).toEqual([
      ['uk-users', 'rule', NOW.toISOString()],
    ]);
  });

  it('updates an existing user: sent fields overwrite, the rest is kept, created is false', () => {
    const engine = engineAt();
    const { user, created } = engine.upsertUser(
      'u_grace',
      { lastname: 'Murray Hopper', status: 'inactive', branchId: null },
      'update',
    );
    expect(created).toBe(false);
    expect(user).toEqual({
      id: 'u_grace',
      firstname: 'Grace',
      lastname: 'Murray Hopper',
      email: 'grace.hopper@example.com',
      username: 'grace.hopper',
      branchId: null,
      status: 'inactive',
      attributes: { role: 'engineer', plan: 'plus', country: 'US' },
    });
  });

  it('answers 404 user_not_found for update on a missing user and creates nothing', () => {
    const engine = engineAt();
    const error = thrown(() => engine.upsertUser('u_ghost', { firstname: 'G' }, 'update'));
    expect(error.code).toBe('user_not_found');
    expect(error.status).toBe(404);
    expect(error.details).toEqual({ userId: 'u_ghost' });
    expect(thrown(() => engine.listMemberships('u_ghost')).code).toBe('user_not_found');
  });

  it.each(['-leading-dash', 'has space', 'slash/y', 'a'.repeat(129), ''])(
    'refuses to create a user with the id %j',
    (userId) => {
      const error = thrown(() => engineAt().upsertUser(userId, {}));
      expect(error.code).toBe('validation_failed');
      expect(error.details.field).toBe('userId');
    },
  );

  it('parses ?mode: absent is upsert, the two modes pass, anything else is 400', () => {
    expect(parseUpsertMode(null)).toBe('upsert');
    expect(parseUpsertMode('update')).toBe('update');
    expect(thrown(() => parseUpsertMode('merge')).details.field).toBe('mode');
    expect(thrown(() => parseUpsertMode('')).details.field).toBe('mode');
    expect(
      thrown(() => engineAt().upsertUser('u_ada', {}, 'replace' as UpsertMode)).details.field,
    ).toBe('mode');
  });

  it.each([
    ['an unknown field', { nickname: 'G' }, 'nickname'],
    ['a bad status', { status: 'banned' }, 'status'],
    ['a bad email', { email: 'not-an-email' }, 'email'],
    ['a numeric firstname', { firstname: 7 }, 'firstname'],
    ['an empty branch', { branchId: '' }, 'branchId'],
    ['attributes as an array', { attributes: ['a'] }, 'attributes'],
    ['an undefined attribute', { attributes: { a: undefined } }, 'attributes.a'],
    ['a non-boolean prune', { groups: [], prune_memberships: 'yes' }, 'prune_memberships'],
  ])('refuses %s, naming the field, and changes nothing', (_, body, field) => {
    const engine = engineAt();
    const before = engine.upsertUser('u_grace', {}).user;
    const error = thrown(() => engine.upsertUser('u_grace', body));
    expect(error.code).toBe('validation_failed');
    expect(error.details.field).toBe(field);
    expect(engine.upsertUser('u_grace', {}).user).toEqual(before);
  });
});

describe('upsertUser: attributes', () => {
  it('merges attributes: new added, existing overwritten, others kept, null removes', () => {
    const engine = engineAt();
    const { user } = engine.upsertUser('u_grace', {
      attributes: { plan: 'pro', team: { name: 'compilers', size: 4 }, country: null },
    });
    expect(user.attributes).toEqual({
      role: 'engineer',
      plan: 'pro',
      team: { name: 'compilers', size: 4 },
    });
  });

  it('counts attribute keys after the merge (3 stored + 98 new is 101) and changes nothing', () => {
    const engine = engineAt();
    const attributes = Object.fromEntries(Array.from({ length: 98 }, (_, i) => [`a${i}`, i]));
    const error = thrown(() => engine.upsertUser('u_grace', { attributes }));
    expect(error.details).toMatchObject({ field: 'attributes', count: 101, limit: 100 });
    expect(engine.getSession('u_grace').user.attributes).toEqual({
      role: 'engineer',
      plan: 'plus',
      country: 'US',
    });
  });

  it('moves Alan out of uk-users when his country changes from UK to US', () => {
    const engine = engineAt();
    expect(slugs(engine, 'u_alan')).toEqual(['uk-users']);
    const { memberships } = engine.upsertUser('u_alan', { attributes: { country: 'US' } });
    expect(memberships).toEqual([]);
    expect(engine.getUserGroup('uk-users').memberCount).toBe(
      engineAt().getUserGroup('uk-users').memberCount - 1,
    );
  });

  it('puts Grace into power-admins when she becomes an admin on the plus plan', () => {
    const engine = engineAt();
    const { memberships } = engine.upsertUser('u_grace', { attributes: { role: 'admin' } });
    expect(memberships.find((m) => m.slug === 'power-admins')).toMatchObject({
      source: 'rule',
      joinedAt: NOW.toISOString(),
    });
    // Both rule sets must hold: on the free plan she drops out again.
    engine.upsertUser('u_grace', { attributes: { plan: 'free' } });
    expect(slugs(engine, 'u_grace')).toEqual(['customer', 'plus']);
  });

  it('re-evaluates branch and status rules when branchId or status change', () => {
    const engine = engineAt(richScenario);
    expect(slugs(engine, 'u_grace')).toEqual(['customer', 'plus']);
    engine.upsertUser('u_grace', { branchId: 'london', status: 'pending' });
    expect(slugs(engine, 'u_grace')).toEqual(['customer', 'londoners', 'pending', 'plus']);
    engine.upsertUser('u_grace', { branchId: null, status: 'active' });
    expect(slugs(engine, 'u_grace')).toEqual(['customer', 'plus']);
  });
});

describe('upsertUser: memberships', () => {
  it('adds listed groups as admin memberships and keeps existing ones as they were', () => {
    const engine = engineAt();
    const { memberships } = engine.upsertUser('u_grace', { groups: ['plus', 'staff'] });
    expect(memberships.map((m) => [m.slug, m.source, m.joinedAt])).toEqual([
      ['customer', 'admin', SEEDED],
      ['plus', 'admin', SEEDED],
      ['staff', 'admin', NOW.toISOString()],
    ]);
  });

  it('accepts group ids as well as slugs', () => {
    const engine = engineAt();
    const staff = engine.getUserGroup('staff');
    const { memberships } = engine.upsertUser('u_alan', { groups: [staff.id] });
    expect(memberships.map((m) => m.slug)).toEqual(['staff', 'uk-users']);
  });

  it('stores membership attributes, returns them, and overwrites them on an existing membership', () => {
    const engine = engineAt();
    const first = engine.upsertUser('u_grace', {
      memberships: [
        { group: 'staff', attributes: { role: 'owner', since: 2019 } },
        { group: 'plus' },
      ],
    });
    expect(first.memberships.find((m) => m.slug === 'staff')?.attributes).toEqual({
      role: 'owner',
      since: 2019,
    });
    expect(engine.listMemberships('u_grace').find((m) => m.slug === 'plus')?.attributes).toEqual(
      {},
    );

    engine.upsertUser('u_grace', {
      memberships: [{ group: 'staff', attributes: { role: 'member' } }],
    });
    expect(engine.listMemberships('u_grace').find((m) => m.slug === 'staff')?.attributes).toEqual({
      role: 'member',
    });

    // A plain `groups` list, or an entry without attributes, leaves them alone.
    engine.upsertUser('u_grace', { groups: ['staff'] });
    engine.upsertUser('u_grace', { memberships: [{ group: 'staff' }] });
    expect(engine.listMemberships('u_grace').find((m) => m.slug === 'staff')?.attributes).toEqual({
      role: 'member',
    });
  });

  it('refuses groups and memberships together with 400 and changes nothing', () => {
    const engine = engineAt();
    const before = engine.listMemberships('u_grace');
    const error = thrown(() =>
      engine.upsertUser('u_grace', { groups: ['staff'], memberships: [{ group: 'pro' }] }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(engine.listMemberships('u_grace')).toEqual(before);
  });

  it.each([
    ['a group listed twice (slug and id)', (staffId: string) => ({ groups: ['staff', staffId] })],
    ['a membership without a group', () => ({ memberships: [{ attributes: {} }] })],
    ['an unknown membership field', () => ({ memberships: [{ group: 'staff', role: 'x' }] })],
    ['groups that is not a list', () => ({ groups: 'staff' })],
  ])('refuses %s with 400', (_, body) => {
    const engine = engineAt();
    const error = thrown(() => engine.upsertUser('u_grace', body(engine.getUserGroup('staff').id)));
    expect(error.code).toBe('validation_failed');
  });
});

describe('upsertUser: prune_memberships', () => {
  it('removes only the unlisted manual memberships (self, code, admin), never rule ones', () => {
    const engine = engineAt(richScenario);
    engine.changeMemberships({
      userId: 'u_ada',
      changes: [{ op: 'add', group: 'newsletter' }],
      actor: 'user',
    });
    expect(engine.listMemberships('u_ada').map((m) => [m.slug, m.source])).toEqual(
      expect.arrayContaining([
        ['beta', 'code'],
        ['newsletter', 'self'],
        ['customer', 'admin'],
        ['pro', 'admin'],
        ['uk-users', 'rule'],
        ['power-admins', 'rule'],
        ['londoners', 'rule'],
      ]),
    );

    const result = engine.upsertUser('u_ada', {
      groups: ['pro', 'staff'],
      prune_memberships: true,
    });
    expect(result.pruned).toEqual(['beta', 'customer', 'newsletter']);
    expect(slugs(engine, 'u_ada')).toEqual([
      'londoners',
      'power-admins',
      'pro',
      'staff',
      'uk-users',
    ]);
  });

  it('removes every manual membership with an empty list, and still keeps rule ones', () => {
    const engine = engineAt();
    const { pruned, memberships } = engine.upsertUser('u_ada', {
      groups: [],
      prune_memberships: true,
    });
    expect(pruned).toEqual(['customer', 'pro']);
    expect(memberships.map((m) => m.source)).toEqual(['rule', 'rule']);
  });

  it('keeps unlisted memberships when prune_memberships is not set', () => {
    const engine = engineAt();
    const { pruned } = engine.upsertUser('u_ada', { groups: ['staff'] });
    expect(pruned).toEqual([]);
    expect(slugs(engine, 'u_ada')).toEqual([
      'customer',
      'power-admins',
      'pro',
      'staff',
      'uk-users',
    ]);
  });

  it('refuses prune_memberships without a list with 400 and changes nothing', () => {
    const engine = engineAt();
    const before = engine.listMemberships('u_ada');
    const error = thrown(() => engine.upsertUser('u_ada', { prune_memberships: true }));
    expect(error.code).toBe('validation_failed');
    expect(error.details.field).toBe('prune_memberships');
    expect(engine.listMemberships('u_ada')).toEqual(before);
  });
});

describe('upsertUser: atomic refusals', () => {
  it('refuses an automatic group with 409 and applies none of the rest of the body', () => {
    const engine = engineAt();
    const before = engine.listMemberships('u_grace');
    const error = thrown(() =>
      engine.upsertUser('u_grace', {
        attributes: { role: 'admin' },
        lastname: 'Changed',
        groups: ['staff', 'uk-users'],
        prune_memberships: true,
      }),
    );
    expect(error.code).toBe('group_is_automatic');
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ field: 'groups[1]', group: 'uk-users' });
    expect(engine.listMemberships('u_grace')).toEqual(before);
    expect(engine.getSession('u_grace').user).toMatchObject({
      lastname: 'Hopper',
      attributes: { role: 'engineer', plan: 'plus', country: 'US' },
    });
  });

  it('refuses an unknown group with 404 naming it, and changes nothing', () => {
    const engine = engineAt();
    const before = engine.listMemberships('u_grace');
    const error = thrown(() =>
      engine.upsertUser('u_grace', {
        memberships: [{ group: 'staff', attributes: { role: 'x' } }, { group: 'no-such-group' }],
        prune_memberships: true,
      }),
    );
    expect(error.code).toBe('user_group_not_found');
    expect(error.status).toBe(404);
    expect(error.message).toContain('no-such-group');
    expect(error.details).toEqual({ field: 'memberships[1]', group: 'no-such-group' });
    expect(engine.listMemberships('u_grace')).toEqual(before);
  });

  it('does not create the user when a listed group is refused', () => {
    const engine = engineAt();
    expect(thrown(() => engine.upsertUser('u_new', { groups: ['nope'] })).code).toBe(
      'user_group_not_found',
    );
    expect(thrown(() => engine.listMemberships('u_new')).code).toBe('user_not_found');
  });
});
