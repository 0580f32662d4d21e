import { describe, expect, it } from 'vitest';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import { thrown } from './support/thrown';

const NOW = new Date('2026-11-23T12:00:00Z');
const SEEDED = '2026-08-25T12:00:00.000Z';
const engineAt = () => createGroupsEngine({ now: () => NOW });

const ids = (page: { data: { id: string }[] }) => page.data.map((m) => m.id);
const allIds = (engine: ReturnType<typeof engineAt>, group: string) =>
  ids(engine.listUserGroupMembers(group, { sort_attr: 'id', page_size: 200 }));

/** Users of the London branch: Ada, Alan, and every third generated user from u_001. */
const LONDON = [
  'u_001',
  'u_004',
  'u_007',
  'u_010',
  'u_013',
  'u_016',
  'u_019',
  'u_022',
  'u_025',
  'u_028',
  'u_031',
  'u_034',
  'u_037',
  'u_040',
  'u_043',
  'u_046',
  'u_049',
  'u_ada',
  'u_alan',
];

describe('listing members', () => {
  it('lists a member with the user fields and how they joined', () => {
    const page = engineAt().listUserGroupMembers('customer');
    expect(page).toEqual({
      data: [
        {
          id: 'u_grace',
          userid: 'grace.hopper',
          firstname: 'Grace',
          lastname: 'Hopper',
          email: 'grace.hopper@example.com',
          branchId: 'nyc',
          status: 'active',
          joinedAt: SEEDED,
          source: 'admin',
        },
        {
          id: 'u_ada',
          userid: 'ada.lovelace',
          firstname: 'Ada',
          lastname: 'Lovelace',
          email: 'ada.lovelace@example.com',
          branchId: 'london',
          status: 'active',
          joinedAt: SEEDED,
          source: 'admin',
        },
      ],
      page: 1,
      pageSize: 20,
      total: 2,
    });
  });

  it('sorts by last name, then first name, by default', () => {
    const names = engineAt()
      .listUserGroupMembers('uk-users')
      .data.map((m) => m.lastname);
    expect(names).toEqual([
      'Allen 25',
      'Dijkstra 19',
      'Dijkstra 49',
      'Knuth 13',
      'Knuth 43',
      'Liskov 1',
      'Liskov 31',
      'Lovelace',
      'Shannon 37',
      'Shannon 7',
      'Turing',
    ]);
  });

  it.each([
    ['id', 'asc', ['u_001', 'u_007', 'u_013']],
    ['id', 'desc', ['u_alan', 'u_ada', 'u_049']],
    ['firstname', 'asc', ['u_ada', 'u_alan', 'u_001']],
    ['email', 'desc', ['u_049', 'u_019', 'u_007']],
    ['userid', 'asc', ['u_ada', 'u_alan', 'u_001']],
  ])('sorts by %s %s', (sort_attr, sort_dir, firstThree) => {
    const page = engineAt().listUserGroupMembers('uk-users', { sort_attr, sort_dir, page_size: 3 });
    expect(ids(page)).toEqual(firstThree);
  });

  it('searches first, last and full name, email and username, ignoring case', () => {
    const engine = engineAt();
    const search = (search_text: string) =>
      ids(engine.listUserGroupMembers('uk-users', { search_text, sort_attr: 'id' }));
    expect(search('KNUTH')).toEqual(['u_013', 'u_043']);
    expect(search('ada love')).toEqual(['u_ada']);
    expect(search('alan.turing@')).toEqual(['u_alan']);
    expect(search('katherine.shannon')).toEqual(['u_007', 'u_037']);
    expect(search('grace')).toEqual([]);
  });

  it('pages, with an empty page past the end', () => {
    const engine = engineAt();
    const all = allIds(engine, 'uk-users');
    expect(
      ids(engine.listUserGroupMembers('uk-users', { sort_attr: 'id', page: 3, page_size: 4 })),
    ).toEqual(all.slice(8));
    expect(engine.listUserGroupMembers('uk-users', { page: 4, page_size: 4 })).toEqual({
      data: [],
      page: 4,
      pageSize: 4,
      total: 11,
    });
  });

  it.each([
    [{ sort_attr: 'name' }, 'sort_attr'],
    [{ sort_dir: 'DESC' }, 'sort_dir'],
    [{ page_size: '0' }, 'page_size'],
  ])('refuses %o naming the parameter', (query, field) => {
    const error = thrown(() => engineAt().listUserGroupMembers('uk-users', query));
    expect([error.code, error.details.field]).toEqual(['validation_failed', field]);
  });

  it('answers user_group_not_found for an unknown group', () => {
    expect(thrown(() => engineAt().listUserGroupMembers('nope')).code).toBe('user_group_not_found');
  });
});

describe('adding members', () => {
  it('adds listed users, whole branches and the members of other groups, as admin', () => {
    const engine = engineAt();
    const result = engine.addUserGroupMembers('staff', {
      user_ids: ['u_grace', 'u_002'],
      branch_ids: ['london'],
      group_ids: ['customer'],
    });
    // Ada is in London and in customer: counted once.
    expect(result).toEqual({ added: 21, unchanged: 0, memberCount: 21 });
    expect(allIds(engine, 'staff')).toEqual(
      [...LONDON.slice(0, 17), 'u_002', 'u_ada', 'u_alan', 'u_grace'].sort(),
    );
    const members = engine.listUserGroupMembers('staff', { page_size: 200 }).data;
    expect(new Set(members.map((m) => `${m.source} ${m.joinedAt}`))).toEqual(
      new Set([`admin ${NOW.toISOString()}`]),
    );
  });

  it('leaves existing members as they were and counts them as unchanged', () => {
    const engine = engineAt();
    const result = engine.addUserGroupMembers('customer', {
      user_ids: ['u_ada', 'u_alan', 'u_alan'],
    });
    expect(result).toEqual({ added: 1, unchanged: 1, memberCount: 3 });
    const ada = engine.listUserGroupMembers('customer', { search_text: 'ada' }).data[0];
    expect(ada?.joinedAt).toBe(SEEDED);
  });

  it('copies the current members of a group, including rule-based ones, by slug or id', () => {
    const engine = engineAt();
    const uk = engine.getUserGroup('uk-users');
    expect(engine.addUserGroupMembers('newsletter', { group_ids: [uk.id] })).toMatchObject({
      added: 11,
    });
    expect(allIds(engine, 'newsletter')).toEqual(allIds(engine, 'uk-users'));
  });

  it('refuses unknown users, listing each, and adds nobody', () => {
    const engine = engineAt();
    const error = thrown(() =>
      engine.addUserGroupMembers('staff', {
        user_ids: ['u_ada', 'u_ghost', 'u_phantom'],
        branch_ids: ['nyc'],
      }),
    );
    expect(error.code).toBe('user_not_found');
    expect(error.details.userIds).toEqual(['u_ghost', 'u_phantom']);
    expect(error.message).toContain('u_phantom');
    expect(engine.getUserGroup('staff').memberCount).toBe(0);
  });

  it('refuses unknown source groups and adds nobody', () => {
    const engine = engineAt();
    const error = thrown(() =>
      engine.addUserGroupMembers('staff', {
        user_ids: ['u_ada'],
        group_ids: ['customer', 'ghosts'],
      }),
    );
    expect([error.code, error.details.groups]).toEqual(['user_group_not_found', ['ghosts']]);
    expect(engine.getUserGroup('staff').memberCount).toBe(0);
  });

  it.each([
    ['an empty body', {}],
    ['only empty lists', { user_ids: [], branch_ids: [] }],
    ['a list of numbers', { user_ids: [1, 2] }],
    ['an unknown field', { users: ['u_ada'] }],
    ['not an object', ['u_ada']],
  ])('refuses %s with validation_failed', (_, body) => {
    const engine = engineAt();
    expect(thrown(() => engine.addUserGroupMembers('staff', body)).code).toBe('validation_failed');
    expect(engine.getUserGroup('staff').memberCount).toBe(0);
  });

  it('an unknown branch adds nobody rather than failing', () => {
    expect(engineAt().addUserGroupMembers('staff', { branch_ids: ['tokyo'] })).toEqual({
      added: 0,
      unchanged: 0,
      memberCount: 0,
    });
  });
});

describe('removing members', () => {
  /** Staff with every London user in it. */
  const staffed = () => {
    const engine = engineAt();
    engine.addUserGroupMembers('staff', { branch_ids: ['london'] });
    return engine;
  };

  it('removes listed users, skipping ones who are not members', () => {
    const engine = staffed();
    expect(
      engine.removeUserGroupMembers('staff', { user_ids: ['u_ada', 'u_001', 'u_grace'] }),
    ).toEqual({
      removed: 2,
      memberCount: 17,
    });
    expect(allIds(engine, 'staff')).not.toContain('u_ada');
    expect(engine.removeUserGroupMembers('staff', { user_ids: ['u_ada'] })).toEqual({
      removed: 0,
      memberCount: 17,
    });
  });

  it('removes everyone with user_all', () => {
    const engine = staffed();
    expect(engine.removeUserGroupMembers('staff', { user_all: true })).toEqual({
      removed: 19,
      memberCount: 0,
    });
    expect(engine.listMemberships('u_alan').map((m) => m.slug)).not.toContain('staff');
  });

  it('removes the members a search finds with user_filters', () => {
    const engine = staffed();
    expect(engine.removeUserGroupMembers('staff', { user_filters: { search: 'ALLEN' } })).toEqual({
      removed: 3,
      memberCount: 16,
    });
    expect(ids(engine.listUserGroupMembers('staff', { search_text: 'allen' }))).toEqual([]);
    expect(allIds(engine, 'staff')).toContain('u_ada');
  });

  it.each([
    ['nothing', {}],
    ['two selectors', { user_ids: ['u_ada'], user_all: true }],
    ['user_all false', { user_all: false }],
    ['a blank search', { user_filters: { search: '  ' } }],
    ['an unknown filter', { user_filters: { branch: 'london' } }],
    ['filters that are not an object', { user_filters: 'allen' }],
  ])('refuses %s with validation_failed and removes nobody', (_, body) => {
    const engine = staffed();
    expect(thrown(() => engine.removeUserGroupMembers('staff', body)).code).toBe(
      'validation_failed',
    );
    expect(engine.getUserGroup('staff').memberCount).toBe(19);
  });
});

describe('automatic groups', () => {
  it('refuses member additions and removals with group_is_automatic', () => {
    const engine = engineAt();
    const add = thrown(() => engine.addUserGroupMembers('uk-users', { user_ids: ['u_grace'] }));
    expect([add.code, add.status]).toEqual(['group_is_automatic', 409]);
    const remove = thrown(() => engine.removeUserGroupMembers('uk-users', { user_all: true }));
    expect(remove.code).toBe('group_is_automatic');
    expect(engine.getUserGroup('uk-users').memberCount).toBe(11);
  });

  it('lists their rule-based members like any others', () => {
    const page = engineAt().listUserGroupMembers('power-admins', { sort_attr: 'id' });
    // Admins on a paid plan: Ada, and generated admins whose plan cycles to plus or pro.
    expect(ids(page)).toEqual(['u_009', 'u_014', 'u_024', 'u_029', 'u_039', 'u_044', 'u_ada']);
    expect(new Set(page.data.map((m) => m.source))).toEqual(new Set(['rule']));
  });
});
