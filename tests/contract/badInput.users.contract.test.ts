import { describe, expect, it } from 'vitest';
import { SECRET_KEY } from './support/api';
import {
  badBodies,
  badInputApi,
  endpoint,
  expectCovers,
  expectServesGoodRequests,
  groupIdOf,
  itRejects,
  itTolerates,
  long,
  manyKeys,
  nested,
  raw,
  read,
  type RejectedCase,
} from './support/badInputCases';

// Bad input for what an end user's session touches: session, account groups, users,
// memberships, membership changes and code redemption. See support/badInputCases.ts.
const api = badInputApi();

const session: RejectedCase[] = [
  read('/session', 'publishable')('no userId', 400, 'validation_failed', 'userId'),
  read('/session?userId=', 'publishable')('an empty userId', 400, 'validation_failed', 'userId'),
  read('/session?userId=u_ghost')('an unknown user', 404, 'user_not_found', 'u_ghost'),
  read(`/session?userId=${long(10_000)}`)(
    'a 10,000-character userId',
    404,
    'user_not_found',
    long(10_000),
  ),
  read('/session?userId=%F0%9F%A6%84')('an emoji userId', 404, 'user_not_found', '🦄'),
  read("/session?userId=u_ada'%20OR%20'1'%3D'1")(
    'SQL in userId',
    404,
    'user_not_found',
    "u_ada' OR",
  ),
  read('/session?userId=u_ada&groupId=ghost-co')(
    'an unknown account group',
    404,
    'group_not_found',
    'ghost-co',
  ),
  read('/session?userId=u_ada&groupId=')('an empty groupId', 400, 'validation_failed', 'groupId'),
];

const identify = endpoint('POST', '/groups/identify');
const browserIdentify = endpoint('POST', '/groups/identify', 'publishable');
const acme = (properties: unknown) => ({ identifier: 'acme', properties });
const identifyCases: RejectedCase[] = [
  ...badBodies(identify),
  identify.invalid('no identifier', { properties: {} }, 'identifier'),
  // PostgreSQL text and JSON cannot hold U+0000: every target refuses it in stored text.
  identify.invalid(
    'a property value holding U+0000',
    { identifier: 'acme', properties: { note: 'a\u0000b' } },
    ['properties.note', 'U+0000'],
  ),
  identify.invalid(
    'a nested property name holding U+0000',
    { identifier: 'acme', properties: { meta: { 'k\u0000': 1 } } },
    'U+0000',
  ),
  identify.invalid('identifier is a number', { identifier: 42 }, 'identifier'),
  identify.invalid('identifier is empty', { identifier: '' }, 'identifier'),
  identify.invalid('identifier has an emoji', { identifier: 'acme-🚀' }, ['identifier', 'letters']),
  identify.invalid('identifier has a space', { identifier: 'acme corp' }, 'identifier'),
  identify.invalid('identifier of 10,000 characters', { identifier: long(10_000) }, [
    'identifier',
    '255',
  ]),
  identify.invalid('an unknown field', { identifier: 'acme', props: {} }, 'props'),
  identify.invalid('properties is an array', acme([]), 'properties'),
  identify.invalid('properties is a string', acme('a=1'), 'properties'),
  identify.invalid('an empty property name', acme({ '': 1 }), 'properties'),
  identify.invalid('a property name of 300 characters', acme({ [long(300)]: 1 }), [
    'properties',
    '255',
  ]),
  identify.invalid(
    '101 properties on a new group',
    { identifier: 'globex-new', properties: manyKeys(101) },
    ['properties', '101 keys', '100'],
  ),
  identify.invalid('a merge past 100 properties (4 + 97)', acme(manyKeys(97)), [
    'properties',
    '101 keys',
  ]),
  identify.invalid('properties.name is a number', acme({ name: 4 }), 'properties.name'),
  identify.invalid('properties.name of 10,000 characters', acme({ name: long(10_000) }), [
    'properties.name',
    '255',
  ]),
  identify.invalid(
    'properties.name with a lone surrogate',
    raw('{"identifier":"acme","properties":{"name":"\\ud83dAcme"}}'),
    ['properties.name', 'Unicode'],
  ),
  identify.invalid('a value nested 40 deep', acme({ deep: nested(40) }), 'properties.deep'),
  identify.invalid(
    'a number JSON cannot hold (1e400)',
    raw('{"identifier":"acme","properties":{"n":1e400}}'),
    'properties.n',
  ),
  // The default project lets browsers write `onboarding` only: the allowed key is not stored either.
  browserIdentify(
    'a property the project keeps server-only',
    acme({ onboarding: { step: 1 }, plan: 'Free' }),
    403,
    'property_not_writable',
    ['"plan"', 'secret key'],
  ),
];

const groupRead = (id: string) => read(`/groups/${id}`, 'publishable');
const accountGroup: RejectedCase[] = [
  groupRead('ghost-co')('an unknown account group', 404, 'group_not_found', 'ghost-co'),
  groupRead('ACME')('the right id in the wrong case', 404, 'group_not_found', 'ACME'),
  groupRead('%F0%9F%9A%80')('an emoji id', 404, 'group_not_found', '🚀'),
  groupRead("acme'%20OR%20'1'%3D'1")('SQL in the id', 404, 'group_not_found', "acme' OR '1'='1"),
  groupRead('%E0%A4%A')('a malformed percent-escape', 400, 'validation_failed', [
    'path',
    '%E0%A4%A',
  ]),
];

const putAda = endpoint('PUT', '/users/u_ada');
const putUser = (path: string) => endpoint('PUT', `/users/${path}`);
const upsert: RejectedCase[] = [
  putAda.invalid('lastname holding U+0000', { lastname: 'Love\u0000lace' }, ['lastname', 'U+0000']),
  putAda.invalid('an attribute holding U+0000', { attributes: { bio: '\u0000' } }, [
    'attributes.bio',
    'U+0000',
  ]),
  ...badBodies(putAda),
  putAda.invalid('an unknown field', { nickname: 'Eve' }, 'nickname'),
  putAda.invalid('firstname is a number', { firstname: 5 }, 'firstname'),
  putAda.invalid('firstname is null', { firstname: null }, 'firstname'),
  putAda.invalid('firstname of 10,000 characters', { firstname: long(10_000) }, [
    'firstname',
    '100',
  ]),
  putAda.invalid('lastname of 101 emoji', { lastname: '🦄'.repeat(101) }, [
    'lastname',
    '(got 101)',
  ]),
  putAda.invalid('firstname with a lone surrogate', raw('{"firstname":"\\ud800Ada"}'), [
    'firstname',
    'Unicode',
  ]),
  putAda.invalid('email is empty', { email: '' }, 'email'),
  putAda.invalid('email is not an address', { email: 'ada at example' }, ['email', 'address']),
  putAda.invalid('email of 10,000 characters', { email: `${long(10_000)}@x.io` }, 'email'),
  putAda.invalid('status is unknown', { status: 'deleted' }, 'status'),
  putAda.invalid('branchId is a number', { branchId: 42 }, 'branchId'),
  putAda.invalid('groups is a string', { groups: 'pro' }, 'groups'),
  putAda.invalid('groups holds an empty string', { groups: [''] }, 'groups'),
  putAda.invalid('groups holds a number', { groups: [1001] }, 'groups'),
  putAda.invalid('groups and memberships together', { groups: [], memberships: [] }, [
    'groups',
    'memberships',
  ]),
  putAda('an unknown group', { groups: ['pro', 'ghosts'] }, 404, 'user_group_not_found', [
    'groups[1]',
    'ghosts',
  ]),
  putAda('a legacy id for a group', { groups: ['1001'] }, 404, 'user_group_not_found', 'groups[0]'),
  putAda.invalid('the same group twice', { groups: ['pro', 'pro'] }, 'groups[1]'),
  putAda('an automatic group', { groups: ['uk-users'] }, 409, 'group_is_automatic', 'groups[0]'),
  putAda.invalid('an unknown membership field', { memberships: [{ group: 'pro', role: 'x' }] }, [
    'memberships[0]',
    'role',
  ]),
  putAda.invalid(
    'a membership without a group',
    { memberships: [{ group: '' }] },
    'memberships[0].group',
  ),
  putAda.invalid(
    '101 membership attributes',
    { memberships: [{ group: 'pro', attributes: manyKeys(101) }] },
    ['memberships[0].attributes', '101 keys'],
  ),
  putAda.invalid('memberships is a string', { memberships: 'pro' }, 'memberships'),
  putAda.invalid(
    'prune_memberships is a string',
    { prune_memberships: 'yes' },
    'prune_memberships',
  ),
  putAda.invalid('prune with no list to keep', { prune_memberships: true }, 'prune_memberships'),
  putAda.invalid('101 attributes after the merge', { attributes: manyKeys(101) }, [
    'attributes',
    '100',
  ]),
  putAda.invalid('attributes is an array', { attributes: [] }, 'attributes'),
  putAda.invalid(
    'an attribute name of 300 characters',
    { attributes: { [long(300)]: 1 } },
    'attributes',
  ),
  putAda.invalid('an empty attribute name', { attributes: { '': 1 } }, 'attributes'),
  putAda.invalid(
    'an attribute nested 40 deep',
    { attributes: { deep: nested(40) } },
    'attributes.deep',
  ),
  putUser('u_ada?mode=replace').invalid('an unknown mode', {}, 'mode'),
  putUser('u_ada?mode=UPDATE').invalid('a mode in the wrong case', {}, 'mode'),
  putUser('u_ghost?mode=update')(
    'mode=update for a missing user',
    {},
    404,
    'user_not_found',
    'u_ghost',
  ),
  putUser('u%20ghost').invalid('a new id with a space', {}, ['userId', 'letters']),
  putUser(long(10_000)).invalid('a new id of 10,000 characters', {}, ['userId', '128']),
  putUser('u_ada%2F..%2Fu_grace').invalid('a path-traversal id', {}, 'userId'),
  putUser('%F0%9F%A6%84').invalid('an emoji id', {}, 'userId'),
  putUser('%3Cscript%3E').invalid('an HTML id', {}, 'userId'),
  putUser('%E0%A4%A').invalid('a malformed percent-escape', {}, 'path'),
];

const membershipsOf = (id: string) => read(`/users/${id}/memberships`, 'publishable');
const memberships: RejectedCase[] = [
  membershipsOf('u_ghost')('an unknown user', 404, 'user_not_found', 'u_ghost'),
  membershipsOf('1001')('a legacy-looking id', 404, 'user_not_found', '1001'),
  membershipsOf(long(10_000))('a 10,000-character id', 404, 'user_not_found', long(10_000)),
  membershipsOf('%F0%9F%A6%84')('an emoji id', 404, 'user_not_found', '🦄'),
  membershipsOf('%E0%A4%A')('a malformed percent-escape', 400, 'validation_failed', 'path'),
];

const change = endpoint('POST', '/users/u_alan/membership-changes', 'publishable');
/** 400 `invalid_change` for `changes`, naming `mentions`. */
const badChange = (name: string, changes: unknown, mentions: string | string[]) =>
  change(name, { changes }, 400, 'invalid_change', ['changes', mentions].flat());
const changes: RejectedCase[] = [
  ...badBodies(change),
  change('no changes field', {}, 400, 'invalid_change', ['changes', 'required']),
  badChange('changes is null', null, 'a string like'),
  badChange('changes is a number', 42, 'a string like'),
  badChange('changes is an object', { op: 'add', group: 'newsletter' }, 'a string like'),
  badChange('an empty string', '', 'No changes'),
  badChange('no sign ("pro")', 'pro', ['op 0', '+pro']),
  badChange('a sign alone ("+")', '+', 'op 0'),
  badChange('two signs ("++pro")', '++pro', 'op 0'),
  badChange('mixed signs ("+-pro")', '+-pro', 'op 0'),
  badChange('an empty op ("+pro,,-plus")', '+pro,,-plus', 'op 1'),
  badChange('a trailing comma', '+newsletter,', 'op 1'),
  badChange('a leading space', ' +newsletter', ['op 0', 'whitespace']),
  badChange('a space after a comma', '+newsletter, -community', ['op 1', 'whitespace']),
  badChange('only whitespace', ' \t\n', 'op 0'),
  badChange('1,001 ops', Array(1001).fill('+newsletter').join(','), ['1001 ops', '100']),
  badChange('an array of 101 ops', Array(101).fill({ op: 'add', group: 'newsletter' }), '101 ops'),
  badChange('an empty array', [], 'No changes'),
  badChange('an unknown op', [{ op: 'join', group: 'newsletter' }], ['op 0', 'join']),
  badChange('an op without a group', [{ op: 'add' }], 'op 0'),
  badChange(
    'an op with an unknown field',
    [{ op: 'add', group: 'newsletter', force: true }],
    ['op 0', 'force'],
  ),
  badChange('an array of strings', ['+newsletter'], 'op 0'),
  badChange('a null op', [null], 'op 0'),
  badChange('a unicode slug', '+bêta', 'op 0'),
  badChange('a 10,000-character slug', `+${long(10_000)}`, 'op 0'),
  badChange('HTML as a slug', '+<script>alert(1)</script>', 'op 0'),
  badChange('SQL after a slug', "+newsletter';DROP TABLE users;--", 'op 0'),
  change('an unknown group', { changes: '+newsletter,+ghosts' }, 404, 'user_group_not_found', [
    'op 1',
    'ghosts',
  ]),
  change(
    'a legacy id for a group',
    { changes: '+newsletter,+1001' },
    404,
    'user_group_not_found',
    'op 1',
  ),
  change('a hidden group (reads as unknown)', { changes: '+pro' }, 404, 'user_group_not_found', [
    'op 0',
    'pro',
  ]),
  change('a code-only group', { changes: '+newsletter,+beta' }, 403, 'group_not_joinable', [
    'op 1',
    'redeem-code',
  ]),
  change(
    'an automatic group',
    { changes: '+newsletter,+uk-users' },
    409,
    'group_is_automatic',
    'op 1',
  ),
  change(
    'a scheduled group',
    { changes: '+newsletter,+spring-summit' },
    409,
    'group_not_active',
    'op 1',
  ),
  change(
    'an ended group',
    { changes: '+newsletter,+webinar-2025' },
    409,
    'group_not_active',
    'op 1',
  ),
  change.invalid('dryRun is a string', { changes: '+newsletter', dryRun: 'yes' }, 'dryRun'),
  change.invalid('an unknown field', { changes: '+newsletter', force: true }, 'force'),
  endpoint('POST', '/users/u_ghost/membership-changes', 'publishable')(
    'an unknown user',
    { changes: '+newsletter' },
    404,
    'user_not_found',
    'u_ghost',
  ),
];

// Each case redeems as its own user: five failures in ten minutes lock a user out. A refusal
// that got as far as judging the code (malformed, unknown, of another group, expired) is a
// failed attempt and counts towards that lockout (`failAttempt` in the engine's codes.ts); one
// refused before that (a bad body, a code that is not a string, an unknown user) does not.
let redeemer = 0;
const redeem = () =>
  endpoint('POST', `/users/u_${String(++redeemer).padStart(3, '0')}/redeem-code`, 'publishable');
const failed = { countsAsFailedAttempt: true };
const malformedCode = (name: string, code: string) =>
  redeem()(name, { code }, 400, 'code_malformed', ['code', '4 to 64'], failed);
const redemption: RejectedCase[] = [
  ...badBodies(redeem()),
  redeem().invalid('no code', {}, 'code'),
  redeem().invalid('code is a number', { code: 2026 }, 'code'),
  redeem().invalid('code is null', { code: null }, 'code'),
  redeem().invalid('code is an array', { code: ['BETA-2026'] }, 'code'),
  redeem().invalid('group is a number', { code: 'BETA-2026', group: 7 }, 'group'),
  redeem().invalid('an unknown field', { code: 'BETA-2026', coupon: 'x' }, 'coupon'),
  malformedCode('emoji', '🎟️🎟️🎟️🎟️'),
  malformedCode('SQL', "' OR 1=1 --"),
  malformedCode('SQL after a real code', "BETA-2026'; DROP TABLE codes;--"),
  malformedCode('a literal %00', 'BETA%00'),
  malformedCode('a NUL character', 'BETA-2026\u0000'),
  malformedCode('10,000 characters', long(10_000, 'B')),
  malformedCode('65 characters', long(65, 'A')),
  malformedCode('3 characters', 'AB1'),
  malformedCode('an empty string', ''),
  malformedCode('only spaces', '   '),
  malformedCode('a leading hyphen', '-BETA-2026'),
  malformedCode('an inner space', 'BETA 2026'),
  malformedCode('full-width letters', 'ＢＥＴＡ-２０２６'),
  malformedCode('HTML', '<script>alert(1)</script>'),
  redeem()(
    'a well-formed unknown code',
    { code: 'DROP-TABLE-USERS' },
    404,
    'code_invalid',
    'code',
    failed,
  ),
  redeem()(
    'a code of another group',
    { code: 'BETA-2026', group: 'vip' },
    404,
    'code_invalid',
    'vip',
    failed,
  ),
  redeem()(
    'an unknown group',
    { code: 'BETA-2026', group: 'ghosts' },
    404,
    'code_invalid',
    'ghosts',
    failed,
  ),
  redeem()(
    'a legacy id for the group',
    { code: 'BETA-2026', group: '1003' },
    404,
    'code_invalid',
    '1003',
    failed,
  ),
  redeem()('an expired code', { code: 'EARLY-2025' }, 410, 'code_expired', 'expired', failed),
  endpoint('POST', '/users/u_ghost/redeem-code', 'publishable')(
    'an unknown user',
    { code: 'BETA-2026' },
    404,
    'user_not_found',
    'u_ghost',
  ),
];

// The support desk's user list and detail, and audiences (secret key).
const userList: RejectedCase[] = [
  read('/users/u_ghost', 'secret', 'DELETE')(
    'deleting an unknown user',
    404,
    'user_not_found',
    'u_ghost',
  ),
  read('/users/u_ada%00', 'secret', 'DELETE')(
    'deleting with a NUL after the id',
    404,
    'user_not_found',
    'u_ada',
  ),
  read('/users?sort_attr=age')('an unknown sort', 400, 'validation_failed', ['sort_attr', 'email']),
  read('/users?sort_attr=userid')(
    'the member list’s name for the handle',
    400,
    'validation_failed',
    'username',
  ),
  read('/users?sort_dir=up')('an unknown direction', 400, 'validation_failed', 'sort_dir'),
  read('/users?page=0')('page 0', 400, 'validation_failed', 'page'),
  read('/users?page_size=201')('a page of 201', 400, 'validation_failed', ['page_size', '200']),
  read(`/users?search_text=${long(201)}`)(
    'a 201-character search',
    400,
    'validation_failed',
    'search_text',
  ),
  read('/users/u_ghost')('an unknown user', 404, 'user_not_found', 'u_ghost'),
  read('/users/%E0%A4%A')('a malformed escape', 400, 'validation_failed', 'path'),
];

const preview = endpoint('POST', '/audiences/preview');
const audience: RejectedCase[] = [
  ...badBodies(preview),
  preview.invalid('include is a string', { include: 'plus' }, 'include'),
  preview.invalid('exclude holds an empty name', { exclude: [''] }, 'exclude'),
  preview.invalid('51 groups to include', { include: Array(51).fill('plus') }, ['include', '50']),
  preview.invalid('an unknown field', { include: ['plus'], segment: 'vip' }, 'segment'),
  preview.invalid('page 0', { page: 0 }, 'page'),
  preview.invalid('a page of 201', { page_size: 201 }, ['page_size', '200']),
  preview(
    'an unknown group',
    { include: ['plus', 'ghosts'] },
    404,
    'user_group_not_found',
    'ghosts',
  ),
  preview(
    'a hidden id in capitals',
    { exclude: [groupIdOf('staff', { capitals: true })] },
    404,
    'user_group_not_found',
    'No user group',
  ),
  read('/audiences/export?include=ghosts')(
    'an unknown group',
    404,
    'user_group_not_found',
    'ghosts',
  ),
  read(`/audiences/export?exclude=${Array(51).fill('plus').join(',')}`)(
    '51 groups to exclude',
    400,
    'validation_failed',
    ['exclude', '50'],
  ),
];

const allRejected = [
  ...session,
  ...userList,
  ...audience,
  ...identifyCases,
  ...accountGroup,
  ...upsert,
  ...memberships,
  ...changes,
  ...redemption,
];

describe('bad input is refused, named, documented, and changes nothing', () => {
  itRejects(api, allRejected);
});

describe('odd but harmless reads answer 200 and change nothing', () => {
  itTolerates(api, [
    {
      name: 'unknown query parameters are ignored',
      method: 'GET',
      path: '/session?userId=u_ada&utm_source=%3Cscript%3E',
      key: 'publishable',
      expectBody: (body) => expect(body).toMatchObject({ user: { id: 'u_ada' } }),
    },
  ]);
});

describe('unicode, emoji and HTML are accepted and round-trip exactly', () => {
  // Code points past the BMP, a ZWJ family, RTL, decomposed (NFD) text: never normalised.
  const names = [
    ['accents', 'Zoë Ångström'],
    ['CJK', '李小龍'],
    ['right-to-left', 'محمد عبد الله'],
    ['a ZWJ emoji sequence', '👩‍👩‍👧‍👦 Family'],
    ['decomposed (NFD) text', 'Jose\u0301'],
    ['100 emoji (the limit, in characters)', '🦄'.repeat(100)],
    ['a script tag', '<script>alert("x")</script>'],
    ['an event handler', '<img src=x onerror=alert(1)>'],
    ['entities and quotes', `&lt;b&gt; &amp; "double" 'single'`],
  ] as const;

  it.each(names)('a user named with %s', async (_, name) => {
    const userId = `u_${String(40 + names.findIndex(([, n]) => n === name)).padStart(3, '0')}`;
    const request = {
      method: 'PUT',
      path: `/users/${userId}`,
      body: { firstname: name, lastname: name },
    } as const;
    const response = await api.send(request);
    expect(await api.contractProblem(request, response)).toBeNull();
    expect(response.status).toBe(200);
    expect((await response.json()).user).toMatchObject({ firstname: name, lastname: name });

    const fetched = await api.send({
      method: 'GET',
      path: `/session?userId=${userId}`,
      key: 'publishable',
    });
    expect(fetched.headers.get('content-type')).toContain('application/json');
    expect((await fetched.json()).user).toMatchObject({ firstname: name, lastname: name });
  });

  it.each(names)('an account group named with %s', async (_, name) => {
    const identifier = `co-${names.findIndex(([, n]) => n === name)}`;
    const request = {
      method: 'POST',
      path: '/groups/identify',
      body: { identifier, properties: { name } },
    } as const;
    const response = await api.send(request);
    expect(await api.contractProblem(request, response)).toBeNull();
    expect((await response.json()).group.name).toBe(name);
    const fetched = await api.send({
      method: 'GET',
      path: `/groups/${identifier}`,
      key: 'publishable',
    });
    expect(await fetched.json()).toMatchObject({ name, properties: { name } });
  });

  it('keeps a "__proto__" property as data, never as a prototype', async () => {
    const body = raw('{"identifier":"proto-co","properties":{"__proto__":{"polluted":true}}}');
    const response = await api.send({ method: 'POST', path: '/groups/identify', body });
    expect(response.status).toBe(200);
    const fetched = await api.send({ method: 'GET', path: '/groups/proto-co', key: 'publishable' });
    expect(await fetched.text()).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('after every bad request', () => {
  it('the cases reach every operation of this suite', () => {
    expectCovers('users', allRejected);
  });

  it('still serves good requests', async () => {
    await expectServesGoodRequests(api);
    const request = {
      method: 'PUT',
      path: '/users/u_grace',
      body: { lastname: 'Hopper-Murray' },
    } as const;
    const response = await api.send(request);
    expect(response.status).toBe(200);
    expect(await api.contractProblem(request, response)).toBeNull();
    const session = await api.call('GET', '/session?userId=u_grace', { key: SECRET_KEY });
    expect(session.body.user.lastname).toBe('Hopper-Murray');
  });
});
