import { describe, expect, it } from 'vitest';
import { SECRET_KEY } from './support/api';
import {
  ALL_OPERATIONS,
  badBodies,
  badInputApi,
  codeIdOf,
  countDirectory,
  endpoint,
  expectCovers,
  expectServesGoodRequests,
  groupIdOf,
  itRejects,
  itTolerates,
  long,
  manyKeys,
  OPERATIONS_BY_SUITE,
  raw,
  read,
  type RejectedCase,
} from './support/badInputCases';

// Bad input for user groups: the directory, CRUD, legacy ids, rule-set history and code
// campaigns. See support/badInputCases.ts.
const api = badInputApi();
/** Read through the API when a case runs (see `groupIdOf`). */
const PRO_ID = groupIdOf('pro');
/** `...00b`: a uuid with a letter, so capitals make it a different string. */
const STAFF_ID_IN_CAPITALS = groupIdOf('staff', { capitals: true });
const UNKNOWN_UUID = '00000000-0000-4000-8000-0000000fffff';

const dir = (query: string) => read(`/user-groups?${query}`, 'publishable');
const all = (query: string) => read(`/user-groups?${query}`);
const page = (query: string, field: string) =>
  [dir(query), all(query)].map((at) => at(query, 400, 'validation_failed', field));
const listing: RejectedCase[] = [
  ...page('page=0', 'page'),
  ...page('page=-1', 'page'),
  ...page('page=1e9', 'page'),
  ...page('page=1000000000', 'page'),
  ...page('page=1.5', 'page'),
  ...page('page_size=0', 'page_size'),
  ...page('page_size=1001', 'page_size'),
  ...page('page_size=abc', 'page_size'),
  dir('include=everything')('an unknown include', 400, 'validation_failed', 'include'),
  dir('include=SCHEDULED')('include in the wrong case', 400, 'validation_failed', 'include'),
  all('include=hidden')('an unknown include', 400, 'validation_failed', 'include'),
  all('sort_attr=created_at')('an unknown sort_attr', 400, 'validation_failed', 'sort_attr'),
  all('sort_dir=up')('an unknown sort_dir', 400, 'validation_failed', 'sort_dir'),
  all(`search_text=${long(10_000)}`)('a 10,000-character search', 400, 'validation_failed', [
    'search_text',
    '200',
  ]),
];

const create = endpoint('POST', '/user-groups');
const group = (fields: Record<string, unknown>) => ({ slug: 'new-group', name: 'New', ...fields });
const rule = { type: 'attribute', payload: { field: 'plan', op: 'eq', value: 'pro' } };
const automatic = (ruleset: unknown) => group({ type: 'automatic', ruleset });
const creation: RejectedCase[] = [
  ...badBodies(create),
  create.invalid('no slug', { name: 'New' }, ['slug', 'required']),
  create.invalid('no name', { slug: 'new-group' }, ['name', 'required']),
  create.invalid('slug is a number', group({ slug: 42 }), 'slug'),
  create.invalid('slug is empty', group({ slug: '' }), 'slug'),
  create.invalid('slug has capitals', group({ slug: 'New-Group' }), ['slug', 'lower-case']),
  create.invalid('slug has an emoji', group({ slug: 'rocket-🚀' }), 'slug'),
  create.invalid('slug has a space', group({ slug: 'new group' }), 'slug'),
  create.invalid('slug starts with a hyphen', group({ slug: '-new' }), 'slug'),
  create.invalid('slug of 64 characters', group({ slug: long(64, 'a') }), ['slug', '63']),
  create.invalid('slug of 10,000 characters', group({ slug: long(10_000, 'a') }), 'slug'),
  create.invalid('slug shaped like a uuid', group({ slug: UNKNOWN_UUID }), ['slug', 'uuid']),
  create.invalid('SQL as a slug', group({ slug: "x'; DROP TABLE groups;--" }), 'slug'),
  create('a slug that is taken', group({ slug: 'pro' }), 409, 'slug_taken', ['slug', 'pro']),
  create.invalid('name is empty', group({ name: '' }), 'name'),
  create.invalid('name is blank', group({ name: ' \t ' }), ['name', 'blank']),
  create.invalid('name is an array', group({ name: ['New'] }), 'name'),
  create.invalid('name of 10,000 characters', group({ name: long(10_000) }), ['name', '200']),
  create.invalid('name of 201 emoji', group({ name: '🦄'.repeat(201) }), ['name', '(got 201)']),
  create.invalid('name with a lone surrogate', raw('{"slug":"s","name":"\\udc00"}'), 'name'),
  create.invalid('description of 10,000 characters', group({ description: long(10_000) }), [
    'description',
    '2000',
  ]),
  create.invalid('description is a number', group({ description: 7 }), 'description'),
  create.invalid('description is null', group({ description: null }), 'description'),
  create.invalid('an unknown type', group({ type: 'smart' }), 'type'),
  create.invalid('an unknown joinType', group({ joinType: 'closed' }), 'joinType'),
  create.invalid('joinType in the wrong case', group({ joinType: 'OPEN' }), 'joinType'),
  create.invalid('userViewable is a string', group({ userViewable: 'true' }), 'userViewable'),
  create.invalid('userViewable is 1', group({ userViewable: 1 }), 'userViewable'),
  create.invalid('order is a float', group({ order: 1.5 }), 'order'),
  create.invalid('order is a string', group({ order: '1' }), 'order'),
  create.invalid('order out of range', group({ order: 1e7 }), ['order', '1000000']),
  create.invalid('startsAt is a word', group({ startsAt: 'tomorrow' }), 'startsAt'),
  create.invalid('startsAt is "1"', group({ startsAt: '1' }), 'startsAt'),
  create.invalid('startsAt is "March 7"', group({ startsAt: 'March 7' }), 'startsAt'),
  create.invalid('startsAt is Feb 30', group({ startsAt: '2026-02-30T00:00:00Z' }), 'startsAt'),
  create.invalid('startsAt at hour 25', group({ startsAt: '2026-03-12T25:00:00Z' }), 'startsAt'),
  create.invalid('startsAt with no time', group({ startsAt: '2026-03-12' }), 'startsAt'),
  create.invalid('startsAt as epoch ms', group({ startsAt: 1767225600000 }), 'startsAt'),
  create.invalid(
    'stopsAt before startsAt',
    group({ startsAt: '2027-01-02T00:00:00Z', stopsAt: '2027-01-01T00:00:00Z' }),
    ['stopsAt', 'startsAt'],
  ),
  create.invalid('automatic without a rule set', group({ type: 'automatic' }), 'ruleset'),
  create.invalid(
    'manual with a rule set',
    group({ ruleset: { operator: 'AND', sets: [] } }),
    'ruleset',
  ),
  create.invalid('a rule set that is a string', automatic('plan = pro'), 'ruleset'),
  create(
    'a rule set of 11 sets',
    automatic({ operator: 'AND', sets: Array(11).fill({ rules: [rule] }) }),
    400,
    'ruleset_too_large',
    ['ruleset', '11 sets'],
  ),
  create.invalid(
    'a rule with an unknown operator',
    automatic({
      operator: 'AND',
      sets: [{ rules: [{ ...rule, payload: { ...rule.payload, op: 'equals' } }] }],
    }),
    'ruleset.sets[0].rules[0].payload.op',
  ),
  create.invalid('an unknown field', group({ colour: 'red' }), 'colour'),
  create.invalid('a server-owned id', group({ id: UNKNOWN_UUID }), '"id"'),
  create.invalid('a server-owned memberCount', group({ memberCount: 5 }), 'memberCount'),
  create.invalid('101 fields', group(manyKeys(101)), '"k0"'),
];

const byLegacy = (id: string) => read(`/legacy-user-groups/${id}`);
const notALegacyId = (id: string) => byLegacy(id)(id, 400, 'validation_failed', 'legacyId');
const legacyLookup: RejectedCase[] = [
  ...['-1', '1.5', 'NaN', '1e3', '0x3E9', '%2B1001', '1001%20', '1'.repeat(16)].map(notALegacyId),
  byLegacy('pro')('a slug', 400, 'validation_failed', ['legacyId', '{idOrSlug}']),
  byLegacy(PRO_ID)('a uuid', 400, 'validation_failed', ['legacyId', '{idOrSlug}']),
  byLegacy('%F0%9F%98%80')('an emoji', 400, 'validation_failed', 'legacyId'),
  byLegacy('0')('legacy id 0', 404, 'user_group_not_found', 'legacy id 0'),
  byLegacy('9999')('an unknown legacy id', 404, 'user_group_not_found', '9999'),
  byLegacy('%E0%A4%A')('a malformed percent-escape', 400, 'validation_failed', 'path'),
];

const at = (id: string, key: 'secret' | 'publishable' = 'secret') =>
  read(`/user-groups/${id}`, key);
const notFound = (id: string, why: string, mention = decodeURIComponent(id)) =>
  at(id)(why, 404, 'user_group_not_found', mention);
const lookup: RejectedCase[] = [
  at('1001', 'publishable')('a legacy id', 404, 'user_group_not_found', [
    '1001',
    'legacy-user-groups/1001',
  ]),
  at('1001')('a legacy id', 404, 'user_group_not_found', ['1001', 'legacy-user-groups/1001']),
  at('pro', 'publishable')('a hidden group (reads as unknown)', 404, 'user_group_not_found', 'pro'),
  at('-1', 'publishable')('a negative id', 404, 'user_group_not_found', '-1'),
  notFound(UNKNOWN_UUID, 'an unknown uuid'),
  notFound(STAFF_ID_IN_CAPITALS, 'a uuid in capitals (ids are matched as the API wrote them)'),
  notFound('pro%00', 'a slug with a NUL', 'pro'),
  notFound(long(10_000), 'a 10,000-character id'),
  notFound("pro'%20OR%20'1'%3D'1", 'SQL in the id'),
  at('%E0%A4%A')('a malformed percent-escape', 400, 'validation_failed', ['path', '%E0%A4%A']),
];

const update = endpoint('PUT', '/user-groups/pro');
const updateUk = endpoint('PUT', '/user-groups/uk-users');
const updates: RejectedCase[] = [
  ...badBodies(update),
  endpoint('PUT', '/user-groups/ghosts')(
    'an unknown group',
    { name: 'X' },
    404,
    'user_group_not_found',
    'ghosts',
  ),
  endpoint('PUT', '/user-groups/1002')(
    'a legacy id',
    { name: 'X' },
    404,
    'user_group_not_found',
    'legacy-user-groups',
  ),
  update.invalid('changing type', { type: 'automatic' }, 'type'),
  update('a slug that is taken', { slug: 'plus' }, 409, 'slug_taken', 'plus'),
  update.invalid('a slug with capitals', { slug: 'Pro' }, 'slug'),
  update.invalid('name is empty', { name: '' }, 'name'),
  update.invalid('name is null', { name: null }, 'name'),
  update.invalid('name of 10,000 characters', { name: long(10_000) }, ['name', '200']),
  update.invalid('description of 10,000 characters', { description: long(10_000) }, 'description'),
  update.invalid('order is a float', { order: 2.5 }, 'order'),
  update.invalid('startsAt is a word', { startsAt: 'soon' }, 'startsAt'),
  update.invalid(
    'stopsAt before startsAt',
    { startsAt: '2027-01-02T00:00:00Z', stopsAt: '2027-01-01T00:00:00Z' },
    'stopsAt',
  ),
  update.invalid(
    'a rule set on a manual group',
    { ruleset: { operator: 'OR', sets: [{ rules: [rule] }] } },
    'ruleset',
  ),
  updateUk.invalid('removing an automatic group’s rule set', { ruleset: null }, 'ruleset'),
  updateUk.invalid('a joinType on an automatic group', { joinType: 'open' }, 'joinType'),
  update.invalid('a server-owned id', { id: UNKNOWN_UUID }, '"id"'),
  update.invalid('a server-owned memberCount', { memberCount: 0 }, 'memberCount'),
];

const del = (id: string) => read(`/user-groups/${id}`, 'secret', 'DELETE');
const deletion: RejectedCase[] = [
  del('ghosts')('an unknown group', 404, 'user_group_not_found', 'ghosts'),
  del('1001')('a legacy id', 404, 'user_group_not_found', 'legacy-user-groups/1001'),
  del(UNKNOWN_UUID)('an unknown uuid', 404, 'user_group_not_found', UNKNOWN_UUID),
  del(long(10_000))('a 10,000-character id', 404, 'user_group_not_found', long(10_000)),
  del('%E0%A4%A')('a malformed percent-escape', 400, 'validation_failed', 'path'),
];

const codesOf = (id: string) => read(`/user-groups/${id}/codes`);
const codes = endpoint('POST', '/user-groups/beta/codes');
const shared = (fields: Record<string, unknown>) => ({ mode: 'shared', ...fields });
const unique = (fields: Record<string, unknown>) => ({ mode: 'unique', count: 1, ...fields });
const malformed = (name: string, code: string) =>
  codes(name, shared({ code }), 400, 'code_malformed', ['code', '4 to 64']);
const codeCampaigns: RejectedCase[] = [
  codesOf('ghosts')('an unknown group', 404, 'user_group_not_found', 'ghosts'),
  codesOf('1005')('a legacy id', 404, 'user_group_not_found', 'legacy-user-groups/1005'),
  codesOf('%E0%A4%A')('a malformed percent-escape', 400, 'validation_failed', 'path'),
  ...badBodies(codes),
  endpoint('POST', '/user-groups/ghosts/codes')(
    'an unknown group',
    { mode: 'shared' },
    404,
    'user_group_not_found',
    'ghosts',
  ),
  endpoint('POST', '/user-groups/newsletter/codes')(
    'an open group',
    { mode: 'shared' },
    403,
    'group_not_joinable',
    'joinType',
  ),
  endpoint('POST', '/user-groups/uk-users/codes')(
    'an automatic group',
    { mode: 'shared' },
    403,
    'group_not_joinable',
    'automatic',
  ),
  codes.invalid('no mode', {}, 'mode'),
  codes.invalid('an unknown mode', { mode: 'multi' }, 'mode'),
  malformed('an emoji code', '🎟️🎟️🎟️🎟️'),
  malformed('an SQL code', "' OR 1=1 --"),
  malformed('a literal %00', 'VIP%00'),
  malformed('a NUL character', 'VIP-2026\u0000'),
  malformed('a 10,000-character code', long(10_000, 'A')),
  malformed('a 2-character code', 'ab'),
  malformed('an empty code', ''),
  codes.invalid('code is a number', shared({ code: 2026 }), 'code'),
  codes(
    'a code that exists (any case)',
    shared({ code: 'beta-2026' }),
    409,
    'code_taken',
    'BETA-2026',
  ),
  codes.invalid('maxRedemptions 0', shared({ maxRedemptions: 0 }), 'maxRedemptions'),
  codes.invalid('maxRedemptions -1', shared({ maxRedemptions: -1 }), 'maxRedemptions'),
  codes.invalid('maxRedemptions 1.5', shared({ maxRedemptions: 1.5 }), 'maxRedemptions'),
  codes.invalid('maxRedemptions as a string', shared({ maxRedemptions: '10' }), 'maxRedemptions'),
  codes.invalid('count 0', { mode: 'unique', count: 0 }, 'count'),
  codes.invalid('count 1001', { mode: 'unique', count: 1001 }, ['count', '1000']),
  codes.invalid('count 2.5', { mode: 'unique', count: 2.5 }, 'count'),
  codes.invalid('count as a string', { mode: 'unique', count: '5' }, 'count'),
  codes.invalid('no count', { mode: 'unique' }, 'count'),
  codes.invalid('a prefix with a leading hyphen', unique({ prefix: '-VIP' }), 'prefix'),
  codes.invalid('a prefix with an emoji', unique({ prefix: 'VIP-🎟' }), 'prefix'),
  codes.invalid('a prefix of 21 characters', unique({ prefix: long(21, 'A') }), 'prefix'),
  codes.invalid('a prefix that is a number', unique({ prefix: 7 }), 'prefix'),
  codes.invalid('a code for unique codes', unique({ code: 'VIP-1' }), '"code"'),
  codes.invalid('a count for a shared code', shared({ count: 5 }), '"count"'),
  codes.invalid('stopsAt is a weekday', shared({ stopsAt: 'Tue' }), 'stopsAt'),
  codes.invalid('startsAt with no time', shared({ startsAt: '2027-01-01' }), 'startsAt'),
  codes.invalid(
    'stopsAt before startsAt',
    shared({ startsAt: '2027-02-01T00:00:00Z', stopsAt: '2027-01-01T00:00:00Z' }),
    'stopsAt',
  ),
];

const legacyOf = (id: string) => read(`/user-groups/${id}/legacy-id`);
const historyOf = (id: string) => read(`/user-groups/${id}/conditions-history`);
const groupReads: RejectedCase[] = [
  legacyOf('ghosts')('an unknown group', 404, 'user_group_not_found', 'ghosts'),
  legacyOf('1001')('a legacy id', 404, 'user_group_not_found', 'legacy-user-groups/1001'),
  legacyOf('%E0%A4%A')('a malformed percent-escape', 400, 'validation_failed', 'path'),
  historyOf('ghosts')('an unknown group', 404, 'user_group_not_found', 'ghosts'),
  historyOf('1012')('a legacy id', 404, 'user_group_not_found', 'legacy-user-groups/1012'),
  historyOf(UNKNOWN_UUID)('an unknown uuid', 404, 'user_group_not_found', UNKNOWN_UUID),
  historyOf('%E0%A4%A')('a malformed percent-escape', 400, 'validation_failed', 'path'),
];

// A code after it was made: its id is read from the group's list when the case runs.
const vip1 = codeIdOf('vip', 'VIP-0001');
const beta = codeIdOf('beta', 'BETA-2026');
const editCode = (id: string) => endpoint('PATCH', `/user-groups/vip/codes/${id}`);
const codeLifecycle: RejectedCase[] = [
  read(`/user-groups/vip/codes/code_ghost`)(
    'an unknown code id',
    404,
    'code_invalid',
    'code_ghost',
  ),
  read(`/user-groups/beta/codes/${vip1}`)('another group’s code', 404, 'code_invalid', 'beta'),
  read(`/user-groups/ghosts/codes/${vip1}`)(
    'an unknown group',
    404,
    'user_group_not_found',
    'ghosts',
  ),
  read('/user-groups/vip/codes/VIP-0001')(
    'the code’s text instead of its id',
    404,
    'code_invalid',
    'VIP-0001',
  ),
  read('/user-groups/vip/codes/%E0%A4%A')('a malformed escape', 400, 'validation_failed', 'path'),
  read(`/user-groups/vip/codes/${vip1}/redemptions?page=0`)(
    'page 0',
    400,
    'validation_failed',
    'page',
  ),
  read(`/user-groups/vip/codes/${vip1}/redemptions?page_size=201`)(
    'a page of 201',
    400,
    'validation_failed',
    'page_size',
  ),
  read('/user-groups/vip/codes/code_ghost/redemptions')(
    'an unknown code id',
    404,
    'code_invalid',
    'code_ghost',
  ),
  read(`/user-groups/beta/codes/${vip1}`, 'secret', 'DELETE')(
    'deleting another group’s code',
    404,
    'code_invalid',
    'beta',
  ),
  ...badBodies(editCode(vip1)),
  editCode(vip1).invalid('active is a string', { active: 'no' }, 'active'),
  editCode(vip1).invalid('an unknown field', { revoked: true }, 'revoked'),
  editCode(vip1).invalid('a loose date', { stopsAt: 'March 7' }, 'stopsAt'),
  editCode(vip1).invalid(
    'a window that ends before it starts',
    { startsAt: '2027-01-02T00:00:00Z', stopsAt: '2027-01-01T00:00:00Z' },
    'stopsAt',
  ),
  editCode(vip1).invalid('a cap on a single-use code', { maxRedemptions: 5 }, [
    'maxRedemptions',
    'once',
  ]),
  endpoint('PATCH', `/user-groups/beta/codes/${beta}`).invalid(
    'a cap of 0',
    { maxRedemptions: 0 },
    'maxRedemptions',
  ),
  editCode('code_ghost')(
    'an unknown code id',
    { active: false },
    404,
    'code_invalid',
    'code_ghost',
  ),
];

const allRejected = [
  ...listing,
  ...creation,
  ...legacyLookup,
  ...lookup,
  ...updates,
  ...deletion,
  ...codeCampaigns,
  ...codeLifecycle,
  ...groupReads,
];

describe('bad input is refused, named, documented, and changes nothing', () => {
  itRejects(api, allRejected);
});

describe('odd but harmless reads answer 200 and change nothing', () => {
  const empty = (body: unknown) => expect(body).toMatchObject({ data: [], total: 0 });
  itTolerates(api, [
    {
      name: 'a page past the end is empty, with the true total',
      method: 'GET',
      path: '/user-groups?page=1000000',
      key: 'publishable',
      expectBody: async (body) =>
        expect(body).toMatchObject({
          data: [],
          page: 1000000,
          total: await countDirectory(api),
        }),
    },
    {
      name: 'SQL as a search',
      method: 'GET',
      path: "/user-groups?search_text='%20OR%201%3D1%20--",
      expectBody: empty,
    },
    {
      name: 'HTML as a search',
      method: 'GET',
      path: '/user-groups?search_text=%3Cscript%3E',
      expectBody: empty,
    },
    {
      name: 'an emoji search',
      method: 'GET',
      path: '/user-groups?search_text=%F0%9F%A6%84',
      expectBody: empty,
    },
  ]);
});

describe('unicode, emoji and HTML names are accepted and round-trip exactly', () => {
  const names = [
    ['accents', 'Café Ångström'],
    ['CJK', '会員グループ'],
    ['right-to-left', 'مجموعة المستخدمين'],
    ['a ZWJ emoji sequence', '👩‍💻 Engineers'],
    ['composed (NFC) é', 'Caf\u00e9'],
    ['decomposed (NFD) é, kept apart from NFC', 'Cafe\u0301'],
    ['200 emoji (the limit, in characters)', '🦄'.repeat(200)],
    ['a script tag', '<script>alert("x")</script>'],
    ['an event handler', '<img src=x onerror=alert(1)>'],
    ['entities and quotes', `&lt;b&gt; &amp; "double" 'single'`],
  ] as const;

  it.each(names.map(([label, name], i) => [label, name, `intl-${i}`] as const))(
    'a group named with %s',
    async (_, name, slug) => {
      const body = { slug, name, description: name, joinType: 'open', userViewable: true };
      const request = { method: 'POST', path: '/user-groups', body } as const;
      const created = await api.send(request);
      expect(await api.contractProblem(request, created)).toBeNull();
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ slug, name, description: name });

      const fetched = await api.send({
        method: 'GET',
        path: `/user-groups/${slug}`,
        key: 'publishable',
      });
      expect(fetched.headers.get('content-type')).toContain('application/json');
      expect(await fetched.json()).toMatchObject({ name, description: name });
      const edit = { name, description: `${name}!` };
      const updated = await api.send({ method: 'PUT', path: `/user-groups/${slug}`, body: edit });
      expect(await updated.json()).toMatchObject(edit);
    },
  );
});

describe('after every bad request', () => {
  it('the cases reach every operation of this suite', () => {
    expectCovers('userGroups', allRejected);
  });

  it('the suites together reach every operation of openapi.json', () => {
    expect(Object.values(OPERATIONS_BY_SUITE).flat().sort()).toEqual(ALL_OPERATIONS);
  });

  it('still serves good requests', async () => {
    await expectServesGoodRequests(api);
    const request = {
      method: 'POST',
      path: '/user-groups',
      body: { slug: 'after', name: 'After' },
    } as const;
    const response = await api.send(request);
    expect(response.status).toBe(201);
    expect(await api.contractProblem(request, response)).toBeNull();
    const after = await api.call('GET', '/user-groups/after', { key: SECRET_KEY });
    expect(after.body.name).toBe('After');
  });
});
