import { describe, expect, it } from 'vitest';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import { thrown } from './support/thrown';

const NOW = new Date('2026-11-23T12:00:00Z');
const LATER = new Date('2026-11-24T08:30:00Z');

/** An engine whose clock the test moves. */
function engineWithClock() {
  const clock = { now: NOW };
  const engine = createGroupsEngine({ now: () => clock.now });
  return { engine, clock };
}

const memberIds = (engine: ReturnType<typeof createGroupsEngine>, group: string) =>
  engine
    .listUserGroupMembers(group, { sort_attr: 'id', page_size: 200 })
    .data.map((m) => m.id)
    .sort();

const attribute = (field: string, op: string, value?: unknown) => ({
  type: 'attribute',
  payload: value === undefined ? { field, op } : { field, op, value },
});

/** Three sets, OR: active Germans; NYC designers; admins on the pro plan. */
const THREE_SETS = {
  operator: 'OR',
  sets: [
    {
      rules: [attribute('country', 'eq', 'DE'), { type: 'status', payload: { status: 'active' } }],
    },
    {
      id: 'set_nyc_design',
      rules: [
        { id: 'rule_nyc', type: 'branch', payload: { branchIds: ['nyc'] } },
        attribute('role', 'starts_with', 'des'),
      ],
    },
    { rules: [attribute('plan', 'in', ['pro']), attribute('role', 'eq', 'admin')] },
  ],
};

const automatic = (overrides: Record<string, unknown> = {}) => ({
  slug: 'targeted',
  name: 'Targeted',
  type: 'automatic',
  ruleset: THREE_SETS,
  ...overrides,
});

describe('creating an automatic group', () => {
  it('populates it from a three-set rule set with exactly the users that match', () => {
    const { engine } = engineWithClock();
    const group = engine.createUserGroup(automatic());
    // Seeded users: u_ada (London admin, pro); generated u_NNN cycle country/role/plan/branch.
    expect(memberIds(engine, 'targeted')).toEqual(
      [
        'u_ada',
        'u_003',
        'u_008',
        'u_009',
        'u_015',
        'u_021',
        'u_023',
        'u_024',
        'u_027',
        'u_033',
        'u_038',
        'u_039',
        'u_045',
      ].sort(),
    );
    expect(group).toMatchObject({
      slug: 'targeted',
      type: 'automatic',
      joinType: null,
      status: 'active',
      memberCount: 13,
      legacyId: 1014,
      createdAt: NOW.toISOString(),
    });
    expect(group.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(engine.listMemberships('u_008').map((m) => [m.slug, m.source])).toContainEqual([
      'targeted',
      'rule',
    ]);
  });

  it('assigns ids to sets and rules that have none, and keeps the ones given', () => {
    const { engine } = engineWithClock();
    const { ruleset } = engine.createUserGroup(automatic());
    const setIds = ruleset?.sets.map((s) => s.id) ?? [];
    const ruleIds = ruleset?.sets.flatMap((s) => s.rules.map((r) => r.id)) ?? [];
    expect(setIds[1]).toBe('set_nyc_design');
    expect(ruleIds[2]).toBe('rule_nyc');
    expect(new Set([...setIds, ...ruleIds]).size).toBe(9);
    expect([...setIds, ...ruleIds].every((id) => id.length > 0)).toBe(true);
  });

  it('starts the conditions history at version 1, from an empty population', () => {
    const { engine } = engineWithClock();
    const group = engine.createUserGroup(automatic());
    expect(engine.listConditionsHistory(group.id)).toEqual([
      {
        version: 1,
        ruleset: group.ruleset,
        changedAt: NOW.toISOString(),
        populationBefore: 0,
        populationAfter: 13,
      },
    ]);
  });
});

describe('changing the rule set', () => {
  it('recalculates the population from the new rules and logs before/after', () => {
    const { engine, clock } = engineWithClock();
    const group = engine.createUserGroup(automatic());
    const before = new Set(memberIds(engine, 'targeted'));
    clock.now = LATER;
    const updated = engine.updateUserGroup('targeted', {
      ruleset: {
        operator: 'AND',
        sets: [
          { rules: [{ type: 'branch', payload: { branchIds: ['berlin'] } }] },
          { rules: [attribute('country', 'eq', 'DE')] },
        ],
      },
    });
    const after = ['u_003', 'u_009', 'u_015', 'u_021', 'u_027', 'u_033', 'u_039', 'u_045'];
    expect(memberIds(engine, 'targeted')).toEqual(after);
    for (const gone of ['u_ada', 'u_008', 'u_023', 'u_024', 'u_038']) {
      expect(engine.listMemberships(gone).map((m) => m.slug)).not.toContain('targeted');
    }
    // Users who matched both rule sets keep their membership and its joinedAt; the others
    // joined at the change.
    const members = engine.listUserGroupMembers('targeted').data;
    // (Here all of them matched before: the contract suite's recalculation test has both.)
    expect(members.filter((m) => before.has(m.id)).length).toBeGreaterThan(0);
    for (const m of members) {
      expect([m.id, m.joinedAt]).toEqual([
        m.id,
        before.has(m.id) ? group.createdAt : LATER.toISOString(),
      ]);
    }
    expect(updated.memberCount).toBe(8);
    expect(updated.updatedAt).toBe(LATER.toISOString());

    const history = engine.listConditionsHistory(group.id);
    expect(
      history.map(({ version, populationBefore, populationAfter, changedAt }) => ({
        version,
        populationBefore,
        populationAfter,
        changedAt,
      })),
    ).toEqual([
      { version: 1, populationBefore: 0, populationAfter: 13, changedAt: NOW.toISOString() },
      { version: 2, populationBefore: 13, populationAfter: 8, changedAt: LATER.toISOString() },
    ]);
    expect(history[1]?.ruleset).toEqual(updated.ruleset);
    expect(history[0]?.ruleset).toEqual(group.ruleset);
  });

  it('treats a rule set identical but for ids as no change: no recalculation, no version', () => {
    const { engine, clock } = engineWithClock();
    const group = engine.createUserGroup(automatic());
    clock.now = LATER;
    const same = {
      operator: 'OR',
      sets: THREE_SETS.sets.map((set, s) => ({
        id: `renamed_${s}`,
        rules: set.rules.map((rule) => ({ type: rule.type, payload: rule.payload })),
      })),
    };
    const updated = engine.updateUserGroup(group.id, { ruleset: same, name: 'Renamed' });
    expect(updated.name).toBe('Renamed');
    expect(updated.ruleset).toEqual(group.ruleset);
    expect(engine.listConditionsHistory(group.id)).toHaveLength(1);
    expect(engine.listUserGroupMembers(group.id).data[0]?.joinedAt).toBe(NOW.toISOString());
  });

  it('extends the seeded history of uk-users', () => {
    const { engine } = engineWithClock();
    engine.updateUserGroup('uk-users', {
      ruleset: { operator: 'OR', sets: [{ rules: [attribute('country', 'in', ['UK', 'FR'])] }] },
    });
    const history = engine.listConditionsHistory('uk-users');
    expect(history.map((v) => [v.version, v.populationBefore, v.populationAfter])).toEqual([
      [1, 0, 11],
      [2, 11, 19],
    ]);
  });

  it('has no history for a manual group', () => {
    expect(engineWithClock().engine.listConditionsHistory('beta')).toEqual([]);
  });
});

describe('rule set validation', () => {
  const oneRuleSets = (count: number) =>
    Array.from({ length: count }, () => ({ rules: [attribute('plan', 'eq', 'pro')] }));

  it.each([
    ['11 sets', { operator: 'OR', sets: oneRuleSets(11) }],
    [
      '11 rules over 2 sets',
      {
        operator: 'AND',
        sets: [
          { rules: Array.from({ length: 6 }, () => attribute('plan', 'eq', 'pro')) },
          { rules: Array.from({ length: 5 }, () => attribute('plan', 'eq', 'pro')) },
        ],
      },
    ],
  ])('refuses %s with ruleset_too_large, creating nothing', (_, ruleset) => {
    const { engine } = engineWithClock();
    const error = thrown(() => engine.createUserGroup(automatic({ ruleset })));
    expect(error.code).toBe('ruleset_too_large');
    expect(error.status).toBe(400);
    expect(error.details).toMatchObject({ limit: 10, count: 11 });
    expect(engine.listUserGroups({ search_text: 'targeted' }).total).toBe(0);
  });

  it('accepts exactly 10 sets of one rule each', () => {
    const { engine } = engineWithClock();
    expect(
      engine.createUserGroup(automatic({ ruleset: { operator: 'OR', sets: oneRuleSets(10) } }))
        .ruleset?.sets,
    ).toHaveLength(10);
  });

  const withRule = (rule: unknown, index = 1) => ({
    operator: 'AND',
    sets: [
      { rules: [attribute('plan', 'eq', 'pro')] },
      { rules: index === 0 ? [rule] : [attribute('plan', 'eq', 'pro'), rule] },
    ],
  });

  it.each([
    [
      'an unknown operator',
      withRule(attribute('plan', 'like', 'p')),
      'ruleset.sets[1].rules[1].payload.op',
    ],
    [
      '"in" without an array',
      withRule(attribute('plan', 'in', 'pro')),
      'ruleset.sets[1].rules[1].payload.value',
    ],
    [
      '"gt" with a string',
      withRule(attribute('age', 'gt', '30')),
      'ruleset.sets[1].rules[1].payload.value',
    ],
    [
      '"lt" without a value',
      withRule(attribute('age', 'lt')),
      'ruleset.sets[1].rules[1].payload.value',
    ],
    [
      '"exists" with a value',
      withRule(attribute('age', 'exists', true)),
      'ruleset.sets[1].rules[1].payload.value',
    ],
    [
      '"eq" with an object',
      withRule(attribute('plan', 'eq', { a: 1 })),
      'ruleset.sets[1].rules[1].payload.value',
    ],
    [
      'an empty field',
      withRule(attribute('', 'eq', 'x'), 0),
      'ruleset.sets[1].rules[0].payload.field',
    ],
    [
      'an unknown rule type',
      withRule({ type: 'email', payload: {} }),
      'ruleset.sets[1].rules[1].type',
    ],
    [
      'branchIds not a list',
      withRule({ type: 'branch', payload: { branchIds: 'nyc' } }),
      'ruleset.sets[1].rules[1].payload.branchIds',
    ],
    [
      'an empty branch list',
      withRule({ type: 'branch', payload: { branchIds: [] } }),
      'ruleset.sets[1].rules[1].payload.branchIds',
    ],
    [
      'an unknown status',
      withRule({ type: 'status', payload: { status: 'banned' } }),
      'ruleset.sets[1].rules[1].payload.status',
    ],
    [
      'a stray payload field',
      withRule({ type: 'status', payload: { status: 'active', x: 1 } }),
      'ruleset.sets[1].rules[1].payload.x',
    ],
    ['a missing payload', withRule({ type: 'status' }), 'ruleset.sets[1].rules[1].payload'],
    ['an empty set', { operator: 'OR', sets: [{ rules: [] }] }, 'ruleset.sets[0].rules'],
    ['no sets', { operator: 'OR', sets: [] }, 'ruleset.sets'],
    ['operator in lower case', { operator: 'and', sets: oneRuleSets(1) }, 'ruleset.operator'],
    [
      'a repeated set id',
      {
        operator: 'OR',
        sets: [
          { id: 's', rules: [attribute('a', 'exists')] },
          { id: 's', rules: [attribute('b', 'exists')] },
        ],
      },
      'ruleset.sets[1].id',
    ],
  ])('refuses %s, naming the path', (_, ruleset, field) => {
    const { engine } = engineWithClock();
    const error = thrown(() => engine.createUserGroup(automatic({ ruleset })));
    expect(error.code).toBe('validation_failed');
    expect(error.details.field).toBe(field);
    // The message starts with the path (for a stray field, the path of the object holding it).
    expect(field.startsWith(error.message.split(':')[0] as string)).toBe(true);
    expect(error.message).toMatch(/^ruleset[.[:]/);
  });

  it('refuses a bad rule set on update and leaves the group, its members and history as they were', () => {
    const { engine } = engineWithClock();
    const before = engine.getUserGroup('uk-users');
    const error = thrown(() =>
      engine.updateUserGroup('uk-users', {
        name: 'Britain',
        ruleset: withRule(attribute('plan', 'in', 'pro')),
      }),
    );
    expect(error.code).toBe('validation_failed');
    expect(engine.getUserGroup('uk-users')).toEqual(before);
    expect(engine.listConditionsHistory('uk-users')).toHaveLength(1);
  });
});

describe('create and update validation', () => {
  it.each([
    ['a slug with capitals', { slug: 'Beta-2', name: 'B' }, 'slug'],
    ['a slug starting with "-"', { slug: '-beta', name: 'B' }, 'slug'],
    ['a 64-character slug', { slug: 'a'.repeat(64), name: 'B' }, 'slug'],
    ['a uuid-shaped slug', { slug: '00000000-0000-4000-8000-000000000001', name: 'B' }, 'slug'],
    ['no slug', { name: 'B' }, 'slug'],
    ['no name', { slug: 'b' }, 'name'],
    ['a blank name', { slug: 'b', name: '   ' }, 'name'],
    ['a 201-character name', { slug: 'b', name: 'n'.repeat(201) }, 'name'],
    [
      'a 2001-character description',
      { slug: 'b', name: 'B', description: 'd'.repeat(2001) },
      'description',
    ],
    ['an unknown type', { slug: 'b', name: 'B', type: 'smart' }, 'type'],
    ['an unknown joinType', { slug: 'b', name: 'B', joinType: 'invite' }, 'joinType'],
    ['a non-boolean userViewable', { slug: 'b', name: 'B', userViewable: 'yes' }, 'userViewable'],
    ['a bad date', { slug: 'b', name: 'B', startsAt: 'tomorrow' }, 'startsAt'],
    [
      'stopsAt before startsAt',
      { slug: 'b', name: 'B', startsAt: '2026-12-02T00:00:00Z', stopsAt: '2026-12-01T00:00:00Z' },
      'stopsAt',
    ],
    [
      'stopsAt equal to startsAt',
      { slug: 'b', name: 'B', startsAt: '2026-12-01T00:00:00Z', stopsAt: '2026-12-01T00:00:00Z' },
      'stopsAt',
    ],
    ['a fractional order', { slug: 'b', name: 'B', order: 1.5 }, 'order'],
    ['a manual group with a rule set', { slug: 'b', name: 'B', ruleset: THREE_SETS }, 'ruleset'],
    [
      'an automatic group without a rule set',
      { slug: 'b', name: 'B', type: 'automatic' },
      'ruleset',
    ],
    ['an automatic group users can join', { ...automatic(), joinType: 'open' }, 'joinType'],
    ['an unknown field', { slug: 'b', name: 'B', legacyId: 5 }, 'legacyId'],
  ])('refuses %s with validation_failed naming the field', (_, body, field) => {
    const { engine } = engineWithClock();
    const before = engine.listUserGroups({ page_size: 200 });
    const error = thrown(() => engine.createUserGroup(body));
    expect([error.code, error.details.field]).toEqual(['validation_failed', field]);
    expect(engine.listUserGroups({ page_size: 200 })).toEqual(before);
  });

  it('refuses a taken slug with 409 slug_taken, on create and on rename', () => {
    const { engine } = engineWithClock();
    const created = thrown(() => engine.createUserGroup({ slug: 'beta', name: 'Another beta' }));
    expect([created.code, created.status, created.details.slug]).toEqual([
      'slug_taken',
      409,
      'beta',
    ]);
    const renamed = thrown(() => engine.updateUserGroup('vip', { slug: 'beta' }));
    expect(renamed.code).toBe('slug_taken');
    expect(engine.getUserGroup('vip').slug).toBe('vip');
  });

  it('creates a manual group with defaults and a fresh legacy id each time', () => {
    const { engine } = engineWithClock();
    const first = engine.createUserGroup({ slug: 'alpha', name: 'Alpha' });
    const second = engine.createUserGroup({ slug: 'gamma', name: 'Gamma', order: -3 });
    expect(first).toMatchObject({
      description: '',
      type: 'manual',
      joinType: null,
      userViewable: false,
      startsAt: null,
      stopsAt: null,
      order: 0,
      ruleset: null,
      memberCount: 0,
      status: 'active',
    });
    expect([first.legacyId, second.legacyId]).toEqual([1014, 1015]);
    expect(engine.getUserGroup('gamma').order).toBe(-3);
  });

  it('normalises dates and derives a scheduled status', () => {
    const { engine } = engineWithClock();
    const group = engine.createUserGroup({
      slug: 'launch',
      name: 'Launch',
      startsAt: '2026-12-01T10:00:00+01:00',
    });
    expect(group.startsAt).toBe('2026-12-01T09:00:00.000Z');
    expect(group.status).toBe('scheduled');
  });

  it('updates only the fields sent, and frees the old slug on rename', () => {
    const { engine, clock } = engineWithClock();
    const before = engine.getUserGroup('newsletter');
    clock.now = LATER;
    const updated = engine.updateUserGroup('newsletter', {
      slug: 'monthly-news',
      userViewable: false,
      stopsAt: '2027-01-01T00:00:00Z',
    });
    expect(updated).toEqual({
      ...before,
      slug: 'monthly-news',
      userViewable: false,
      stopsAt: '2027-01-01T00:00:00.000Z',
      updatedAt: LATER.toISOString(),
    });
    expect(engine.getUserGroup('monthly-news').id).toBe(before.id);
    expect(thrown(() => engine.getUserGroup('newsletter')).code).toBe('user_group_not_found');
    expect(engine.createUserGroup({ slug: 'newsletter', name: 'New' }).slug).toBe('newsletter');
  });

  it('checks cross-field rules against the stored values on a partial update', () => {
    const { engine } = engineWithClock();
    engine.updateUserGroup('staff', { startsAt: '2026-12-10T00:00:00Z' });
    expect(
      thrown(() => engine.updateUserGroup('staff', { stopsAt: '2026-12-09T00:00:00Z' })).details
        .field,
    ).toBe('stopsAt');
    expect(
      thrown(() => engine.updateUserGroup('uk-users', { joinType: 'open' })).details.field,
    ).toBe('joinType');
    expect(thrown(() => engine.updateUserGroup('uk-users', { ruleset: null })).details.field).toBe(
      'ruleset',
    );
    expect(
      thrown(() => engine.updateUserGroup('staff', { ruleset: THREE_SETS })).details.field,
    ).toBe('ruleset');
  });

  it('refuses to change the type, but accepts it unchanged', () => {
    const { engine } = engineWithClock();
    const error = thrown(() =>
      engine.updateUserGroup('staff', { type: 'automatic', ruleset: THREE_SETS }),
    );
    expect([error.code, error.details.field]).toEqual(['validation_failed', 'type']);
    expect(engine.updateUserGroup('staff', { type: 'manual', name: 'Team' }).name).toBe('Team');
  });

  it('answers user_group_not_found for an unknown group', () => {
    const { engine } = engineWithClock();
    expect(thrown(() => engine.updateUserGroup('nope', { name: 'x' })).code).toBe(
      'user_group_not_found',
    );
    expect(thrown(() => engine.deleteUserGroup('nope')).code).toBe('user_group_not_found');
  });
});

describe('listing every group (secret)', () => {
  const slugs = (page: { data: { slug: string }[] }) => page.data.map((g) => g.slug);

  it('lists all groups, hidden, scheduled and ended ones too, by order then name', () => {
    const page = engineWithClock().engine.listUserGroups();
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 13 });
    expect(slugs(page)).toEqual([
      'customer',
      'plus',
      'power-admins',
      'pro',
      'staff',
      'newsletter',
      'beta',
      'vip',
      'early-access',
      'community',
      'spring-summit',
      'webinar-2025',
      'uk-users',
    ]);
  });

  it('sorts by name, slug or description, either way', () => {
    const { engine } = engineWithClock();
    const byName = slugs(engine.listUserGroups({ sort_attr: 'name', page_size: 200 }));
    expect(byName).toEqual([
      'beta',
      'community',
      'customer',
      'early-access',
      'plus',
      'power-admins',
      'pro',
      'newsletter',
      'spring-summit',
      'staff',
      'uk-users',
      'vip',
      'webinar-2025',
    ]);
    expect(slugs(engine.listUserGroups({ sort_attr: 'name', sort_dir: 'desc' }))).toEqual(
      [...byName].reverse(),
    );
    const bySlug = slugs(engine.listUserGroups({ sort_attr: 'slug' }));
    expect(bySlug).toEqual([...bySlug].sort());
    expect(bySlug[0]).toBe('beta');
    const byDescription = engine.listUserGroups({ sort_attr: 'description' }).data;
    expect(byDescription[0]?.description).toBe('A monthly email about what is new.');
  });

  it('searches name and description, ignoring case', () => {
    const { engine } = engineWithClock();
    expect(slugs(engine.listUserGroups({ search_text: 'SUBSCRIBERS', sort_attr: 'slug' }))).toEqual(
      ['plus', 'pro'],
    );
    expect(slugs(engine.listUserGroups({ search_text: 'uk u' }))).toEqual(['uk-users']);
    expect(engine.listUserGroups({ search_text: 'nothing like this' })).toEqual({
      data: [],
      page: 1,
      pageSize: 20,
      total: 0,
    });
  });

  it('pages, with an empty page past the end that still reports the total', () => {
    const { engine } = engineWithClock();
    const all = slugs(engine.listUserGroups());
    expect(slugs(engine.listUserGroups({ page: 3, page_size: 5 }))).toEqual(all.slice(10));
    expect(engine.listUserGroups({ page: '9', page_size: '5' })).toEqual({
      data: [],
      page: 9,
      pageSize: 5,
      total: 13,
    });
  });

  it.each([
    [{ page: '0' }, 'page'],
    [{ page: 'two' }, 'page'],
    [{ page_size: '201' }, 'page_size'],
    [{ page_size: '-1' }, 'page_size'],
    [{ sort_attr: 'order' }, 'sort_attr'],
    [{ sort_dir: 'up' }, 'sort_dir'],
  ])('refuses %o naming the parameter', (query, field) => {
    const error = thrown(() => engineWithClock().engine.listUserGroups(query));
    expect([error.code, error.details.field]).toEqual(['validation_failed', field]);
  });
});

describe('deleting a group', () => {
  it('removes its memberships and the automations that trigger on it or require it', () => {
    const { engine } = engineWithClock();
    const other = engine.createAutomation({
      name: 'Newsletter welcome',
      trigger: { event: 'added_to', group: 'newsletter' },
      action: { type: 'email', template: 'news' },
    });
    expect(engine.listAutomations()).toHaveLength(3);
    engine.deleteUserGroup('pro');
    expect(engine.listMemberships('u_ada').map((m) => m.slug)).not.toContain('pro');
    // "Pro cancellation survey" triggers on pro; "Welcome to Plus" requires not being in pro.
    expect(engine.listAutomations()).toEqual([other]);
    expect(thrown(() => engine.getUserGroup('pro')).code).toBe('user_group_not_found');
    expect(engine.listUserGroups().total).toBe(12);
  });

  it('removes its codes, so their text is free again', () => {
    const { engine } = engineWithClock();
    engine.createUserGroup({
      slug: 'beta-2',
      name: 'Beta 2',
      joinType: 'code',
      userViewable: true,
    });
    const shared = { mode: 'shared', code: 'BETA-2026' };
    expect(thrown(() => engine.createCodes('beta-2', shared)).code).toBe('code_taken');
    engine.deleteUserGroup('beta');
    expect(engine.createCodes('beta-2', shared).map((c) => c.code)).toEqual(['BETA-2026']);
  });

  it('frees its slug and legacy id, and a new group with the slug starts empty', () => {
    const { engine } = engineWithClock();
    const old = engine.getUserGroup('uk-users');
    engine.deleteUserGroup(old.id);
    expect(thrown(() => engine.getUserGroupByLegacyId(old.legacyId)).code).toBe(
      'user_group_not_found',
    );
    expect(thrown(() => engine.listConditionsHistory(old.id)).code).toBe('user_group_not_found');
    const reborn = engine.createUserGroup({ slug: 'uk-users', name: 'UK users' });
    expect(reborn.memberCount).toBe(0);
    expect(engine.listConditionsHistory('uk-users')).toEqual([]);
    expect(engine.listMemberships('u_alan')).toEqual([]);
  });
});

describe('legacy ids', () => {
  it('round-trips uuid → legacy id → group', () => {
    const { engine } = engineWithClock();
    const created = engine.createUserGroup({ slug: 'legacy', name: 'Legacy' });
    const { id, legacyId } = engine.getUserGroupLegacyId(created.id);
    expect(id).toBe(created.id);
    expect(engine.getUserGroupByLegacyId(legacyId)).toEqual(created);
    expect(engine.getUserGroupByLegacyId(String(legacyId)).slug).toBe('legacy');
    expect(engine.getUserGroupLegacyId('beta')).toEqual({
      id: engine.getUserGroup('beta').id,
      legacyId: 1004,
    });
  });

  it.each(['1.5', 'abc', '-3', ''])('refuses "%s" with validation_failed', (raw) => {
    const error = thrown(() => engineWithClock().engine.getUserGroupByLegacyId(raw));
    expect([error.code, error.details.field]).toEqual(['validation_failed', 'legacyId']);
  });

  it('answers 404 for an unknown legacy id', () => {
    expect(thrown(() => engineWithClock().engine.getUserGroupByLegacyId(999999)).code).toBe(
      'user_group_not_found',
    );
  });
});

describe('viewable lookup (publishable)', () => {
  it('finds a viewable group, and answers a hidden one exactly like a missing one', () => {
    const { engine } = engineWithClock();
    expect(engine.getViewableUserGroup('beta').slug).toBe('beta');
    const hidden = thrown(() => engine.getViewableUserGroup('staff'));
    const missing = thrown(() => engine.getViewableUserGroup('nope'));
    expect(hidden.code).toBe('user_group_not_found');
    expect(hidden.message.replace('staff', 'nope')).toBe(missing.message);
  });
});
