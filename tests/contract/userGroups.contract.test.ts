import { describe, expect, it } from 'vitest';
import { PUBLISHABLE_KEY, SECRET_KEY, contractApi, type CallOptions } from './support/api';

const NOW = new Date('2026-11-23T12:00:00Z');
// A fresh world for every test: each starts from the seeded scenario, whatever ran before.
const api = contractApi({ now: () => NOW, perTest: true });

/** A request with the secret key unless another is given. */
const call = (method: string, path: string, options: CallOptions = {}) =>
  api.call(method, path, { key: SECRET_KEY, ...options });

/** The status and the error code (or null for a success), which is what a caller branches on. */
const outcome = (response: { status: number; body: { error?: { code?: string } } | null }) => [
  response.status,
  response.body?.error?.code ?? null,
];

const slugs = (body: { data: { slug: string }[] }) => body.data.map((g) => g.slug);

/** A user group as the secret key reads it. */
const groupOf = async (idOrSlug: string) => {
  const { status, body } = await call('GET', `/user-groups/${idOrSlug}`);
  expect(status).toBe(200);
  return body;
};

describe('GET /v1/user-groups', () => {
  it('shows a publishable key the directory, paged', async () => {
    const response = await call('GET', '/user-groups', { key: PUBLISHABLE_KEY });
    expect(response.status).toBe(200);
    expect(slugs(response.body)).toEqual([
      'newsletter',
      'beta',
      'vip',
      'early-access',
      'community',
      'uk-users',
    ]);
    expect(response.body).toMatchObject({ page: 1, pageSize: 20, total: 6 });
    const second = (
      await call('GET', '/user-groups?include=scheduled&page=2&page_size=4', {
        key: PUBLISHABLE_KEY,
      })
    ).body;
    expect(second).toMatchObject({ page: 2, pageSize: 4, total: 7 });
    expect(slugs(second)).toEqual(['community', 'spring-summit', 'uk-users']);
  });

  it('shows the secret key every group, searched, sorted and paged', async () => {
    const all = (await call('GET', '/user-groups?page_size=200')).body;
    expect(all.total).toBe(13);
    expect(slugs(all)).toContain('staff');
    const found = (
      await call('GET', '/user-groups?search_text=Subscribers&sort_attr=name&sort_dir=desc')
    ).body;
    expect(found).toEqual({
      data: [await groupOf('pro'), await groupOf('plus')],
      page: 1,
      pageSize: 20,
      total: 2,
    });
    const past = (await call('GET', '/user-groups?page=5&page_size=10')).body;
    expect(past).toEqual({ data: [], page: 5, pageSize: 10, total: 13 });
  });

  it.each([
    ['page=0', 'page'],
    ['page_size=500', 'page_size'],
    ['sort_attr=created', 'sort_attr'],
    ['sort_dir=sideways', 'sort_dir'],
  ])('answers 400 naming the parameter for %s', async (query, field) => {
    const response = await call('GET', `/user-groups?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'validation_failed',
      details: { field },
    });
  });

  it('checks paging for a publishable key too', async () => {
    const response = await call('GET', '/user-groups?page_size=abc', { key: PUBLISHABLE_KEY });
    expect(outcome(response)).toEqual([400, 'validation_failed']);
  });
});

describe('GET /v1/user-groups/{idOrSlug}', () => {
  it('shows a viewable group to a publishable key, by slug or id', async () => {
    const bySlug = await call('GET', '/user-groups/beta', { key: PUBLISHABLE_KEY });
    expect(bySlug.status).toBe(200);
    const beta = bySlug.body;
    expect(beta).toEqual(await groupOf('beta'));
    expect((await call('GET', `/user-groups/${beta.id}`, { key: PUBLISHABLE_KEY })).body.slug).toBe(
      'beta',
    );
    // A slug in any case names the group.
    expect((await call('GET', '/user-groups/Beta', { key: PUBLISHABLE_KEY })).body).toEqual(beta);
  });

  it('answers a publishable key 404 for a hidden group, exactly as for a missing one', async () => {
    const hidden = await call('GET', '/user-groups/staff', { key: PUBLISHABLE_KEY });
    const missing = await call('GET', '/user-groups/nope', { key: PUBLISHABLE_KEY });
    expect(hidden.status).toBe(404);
    const [hiddenError, missingError] = [hidden.body.error, missing.body.error];
    expect(hiddenError.code).toBe('user_group_not_found');
    expect(JSON.stringify(hiddenError).replaceAll('staff', 'nope')).toBe(
      JSON.stringify(missingError),
    );
  });

  it('shows a hidden group to the secret key', async () => {
    const response = await call('GET', '/user-groups/staff');
    expect(response.status).toBe(200);
    expect(response.body.slug).toBe('staff');
  });

  it('answers every group with the same fields in the same order, however it was stored', async () => {
    // The contract's order, the same on every target: the server stores groups as jsonb,
    // which keeps keys in an order of its own, and answers must not follow it.
    const fields = [
      'id',
      'legacyId',
      'slug',
      'name',
      'description',
      'type',
      'joinType',
      'userViewable',
      'allowLeave',
      'startsAt',
      'stopsAt',
      'order',
      'ruleset',
      'createdAt',
      'updatedAt',
      'status',
      'memberCount',
    ];
    const created = await call('POST', '/user-groups', {
      body: { slug: 'field-order', name: 'Field order', joinType: 'open', userViewable: true },
    });
    expect(Object.keys(created.body)).toEqual(fields);
    expect(Object.keys((await groupOf('field-order')) as object)).toEqual(fields);
    expect(Object.keys((await groupOf('uk-users')) as object)).toEqual(fields);
    const session = await api.call('GET', '/session?userId=u_ada', { key: PUBLISHABLE_KEY });
    expect(session.status).toBe(200);
    expect(session.body.userGroups.length).toBeGreaterThan(1);
    for (const group of session.body.userGroups) expect(Object.keys(group)).toEqual(fields);
  });
});

describe('group administration', () => {
  it('creates (201), reads, updates (200) and deletes (204) a group', async () => {
    const created = await call('POST', '/user-groups', {
      body: { slug: 'http-crud', name: 'HTTP CRUD', joinType: 'open', userViewable: true },
    });
    expect(created.status).toBe(201);
    const group = created.body;
    expect(group).toMatchObject({
      slug: 'http-crud',
      type: 'manual',
      status: 'active',
      memberCount: 0,
    });

    const updated = await call('PUT', `/user-groups/${group.id}`, {
      body: { description: 'Edited', order: 9 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: group.id, description: 'Edited', order: 9 });

    const deleted = await call('DELETE', `/user-groups/${group.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull(); // no body at all
    expect(outcome(await call('GET', `/user-groups/${group.id}`))).toEqual([
      404,
      'user_group_not_found',
    ]);
  });

  it.each([
    ['a taken slug', 'POST', '/user-groups', { slug: 'beta', name: 'Beta' }, [409, 'slug_taken']],
    [
      'a bad slug',
      'POST',
      '/user-groups',
      { slug: 'Beta!', name: 'Beta' },
      [400, 'validation_failed'],
    ],
    [
      'a type change',
      'PUT',
      '/user-groups/staff',
      { type: 'automatic' },
      [400, 'validation_failed'],
    ],
    ['an unknown group', 'PUT', '/user-groups/nope', { name: 'x' }, [404, 'user_group_not_found']],
    [
      'a rule set over the limit',
      'POST',
      '/user-groups',
      {
        slug: 'huge',
        name: 'Huge',
        type: 'automatic',
        ruleset: {
          operator: 'OR',
          sets: Array.from({ length: 11 }, () => ({
            rules: [{ type: 'status', payload: { status: 'active' } }],
          })),
        },
      },
      [400, 'ruleset_too_large'],
    ],
  ])('answers %s with the contract error', async (_, method, path, body, expected) => {
    expect(outcome(await call(method, path, { body }))).toEqual(expected);
  });

  it('answers 400 invalid_json for a body that does not parse', async () => {
    const response = await call('POST', '/user-groups', { body: '{"slug":' });
    expect(outcome(response)).toEqual([400, 'invalid_json']);
  });

  it('recalculates an automatic group on a rule change and serves its history', async () => {
    const created = (
      await call('POST', '/user-groups', {
        body: {
          slug: 'http-inactive',
          name: 'Inactive users',
          type: 'automatic',
          ruleset: {
            operator: 'AND',
            sets: [{ rules: [{ type: 'status', payload: { status: 'inactive' } }] }],
          },
        },
      })
    ).body;
    expect(created.memberCount).toBe(5);
    const updated = await call('PUT', '/user-groups/http-inactive', {
      body: {
        ruleset: {
          operator: 'AND',
          sets: [{ rules: [{ type: 'branch', payload: { branchIds: ['nyc'] } }] }],
        },
      },
    });
    expect(updated.body.memberCount).toBe(18);
    const history = await call('GET', '/user-groups/http-inactive/conditions-history');
    expect(history.status).toBe(200);
    expect(
      history.body.data.map(
        (v: { version: number; populationBefore: number; populationAfter: number }) => [
          v.version,
          v.populationBefore,
          v.populationAfter,
        ],
      ),
    ).toEqual([
      [1, 0, 5],
      [2, 5, 18],
    ]);
    expect((await call('GET', '/user-groups/beta/conditions-history')).body).toEqual({
      data: [],
    });
  });
});

describe('members', () => {
  it('adds, lists and removes members of a manual group', async () => {
    await call('POST', '/user-groups', { body: { slug: 'http-members', name: 'HTTP members' } });
    const added = await call('POST', '/user-groups/http-members/users', {
      body: { user_ids: ['u_ada', 'u_grace'], group_ids: ['customer'] },
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ added: 2, unchanged: 0, memberCount: 2 });

    const listed = (
      await call('GET', '/user-groups/http-members/users?sort_attr=firstname&sort_dir=desc')
    ).body;
    expect(listed.data.map((m: { id: string }) => m.id)).toEqual(['u_grace', 'u_ada']);
    expect(listed.data[0]).toMatchObject({
      userid: 'grace.hopper',
      source: 'admin',
      joinedAt: NOW.toISOString(),
    });
    expect(listed).toMatchObject({ page: 1, pageSize: 20, total: 2 });

    const removed = await call('DELETE', '/user-groups/http-members/users', {
      body: { user_filters: { search: 'hopper' } },
    });
    expect(removed.body).toEqual({ removed: 1, memberCount: 1 });
    const all = await call('DELETE', '/user-groups/http-members/users', {
      body: { user_all: true },
    });
    expect(all.body).toEqual({ removed: 1, memberCount: 0 });
  });

  it('lists, adds and exports the members of a group named by its slug in any case', async () => {
    const members = (ref: string) => call('GET', `/user-groups/${ref}/users?page_size=200`);
    const lower = await members('staff');
    expect(lower.status).toBe(200);
    expect((await members('STAFF')).body).toEqual(lower.body);
    const added = await call('POST', '/user-groups/Staff/users', {
      body: { user_ids: ['u_alan'] },
    });
    expect(added.body).toMatchObject({ added: 1 });
    const after = (await members('staff')).body.data.map((m: { id: string }) => m.id);
    expect(after).toContain('u_alan');
    const csv = await call('GET', '/user-groups/sTaFf/export-users');
    expect(csv.status).toBe(200);
    expect(csv.body).toBe((await call('GET', '/user-groups/staff/export-users')).body);
    expect(csv.body.trim().split('\r\n')).toHaveLength(after.length + 1); // and the header
  });

  it('answers 404 listing unknown users, and adds nobody', async () => {
    const before = await api.dump();
    const response = await call('POST', '/user-groups/staff/users', {
      body: { user_ids: ['u_ada', 'u_ghost'] },
    });
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({
      code: 'user_not_found',
      details: { userIds: ['u_ghost'] },
    });
    expect((await groupOf('staff')).memberCount).toBe(0);
    expect(await api.dump()).toEqual(before);
  });

  it.each([
    ['POST', {}, [400, 'validation_failed']],
    ['DELETE', { user_ids: ['u_ada'], user_all: true }, [400, 'validation_failed']],
  ])('answers %s with a body that names nobody 400', async (method, body, expected) => {
    expect(outcome(await call(method, '/user-groups/staff/users', { body }))).toEqual(expected);
  });

  it('answers 409 group_is_automatic to member edits of an automatic group', async () => {
    const add = await call('POST', '/user-groups/uk-users/users', {
      body: { user_ids: ['u_grace'] },
    });
    expect(outcome(add)).toEqual([409, 'group_is_automatic']);
    const remove = await call('DELETE', '/user-groups/uk-users/users', {
      body: { user_all: true },
    });
    expect(outcome(remove)).toEqual([409, 'group_is_automatic']);
  });

  it('answers 400 for a bad member sort', async () => {
    const response = await call('GET', '/user-groups/uk-users/users?sort_attr=age');
    expect(response.body.error).toMatchObject({
      code: 'validation_failed',
      details: { field: 'sort_attr' },
    });
  });
});

describe('GET /v1/user-groups/{id}/export-users', () => {
  it('answers CSV as an attachment named after the slug', async () => {
    const response = await call(
      'GET',
      '/user-groups/customer/export-users?email=false&delimiter=%3B',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="customer-users.csv"',
    );
    expect(response.body).toBe(
      'userid;firstname;lastname\r\ngrace.hopper;Grace;Hopper\r\nada.lovelace;Ada;Lovelace\r\n',
    );
  });

  it('answers 400 with the JSON error envelope for a bad switch', async () => {
    const response = await call('GET', '/user-groups/customer/export-users?include_header=maybe');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.body.error.details).toEqual({ field: 'include_header' });
  });
});

describe('legacy ids', () => {
  it('round-trips uuid → legacy id → group', async () => {
    const beta = await groupOf('beta');
    const legacy = (await call('GET', `/user-groups/${beta.id}/legacy-id`)).body;
    expect(legacy).toEqual({ id: beta.id, legacyId: beta.legacyId });
    const byLegacy = await call('GET', `/legacy-user-groups/${legacy.legacyId}`);
    expect(byLegacy.status).toBe(200);
    expect(byLegacy.body).toEqual(beta);
  });

  it('answers 400 for a non-integer legacy id and 404 for an unknown one', async () => {
    expect(outcome(await call('GET', '/legacy-user-groups/12.5'))).toEqual([
      400,
      'validation_failed',
    ]);
    expect(outcome(await call('GET', '/legacy-user-groups/424242'))).toEqual([
      404,
      'user_group_not_found',
    ]);
  });
});

describe('the publishable key', () => {
  const adminEndpoints: [string, string, unknown?][] = [
    ['POST', '/user-groups', { slug: 'sneaky', name: 'Sneaky' }],
    ['PUT', '/user-groups/beta', { name: 'Hacked' }],
    ['DELETE', '/user-groups/beta'],
    ['GET', '/user-groups/uk-users/conditions-history'],
    ['GET', '/user-groups/beta/users'],
    ['POST', '/user-groups/beta/users', { user_ids: ['u_alan'] }],
    ['DELETE', '/user-groups/beta/users', { user_all: true }],
    ['GET', '/user-groups/beta/export-users'],
    ['GET', '/user-groups/beta/legacy-id'],
    ['GET', '/legacy-user-groups/1004'],
  ];

  it.each(adminEndpoints)(
    'gets 403 forbidden from %s %s, which changes nothing',
    async (method, path, body) => {
      const before = await api.dump();
      const response = await call(method, path, { key: PUBLISHABLE_KEY, body });
      expect(outcome(response)).toEqual([403, 'forbidden']);
      expect(await api.dump()).toEqual(before);
    },
  );
});
