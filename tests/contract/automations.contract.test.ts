import { describe, expect, it } from 'vitest';
import { contractApi, SECRET_KEY } from './support/api';

// A fresh world per test: each counts the runs it caused from an empty log.
const api = contractApi({ perTest: true });
const admin = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { key: SECRET_KEY, body });

interface Run {
  automationId: string;
  userId: string;
  groupId: string;
  event: string;
  origin: string;
  opIndex?: number;
}

async function runs(): Promise<Run[]> {
  const { status, body } = await admin('GET', '/automations/runs');
  expect(status).toBe(200);
  return body.data as Run[];
}

async function automation(
  name: string,
  trigger: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const { status, body } = await admin('POST', '/automations', {
    name,
    trigger,
    action: { type: 'email', template: name },
    ...extra,
  });
  expect(status).toBe(201);
  return body.id as string;
}

/** `[userId, origin, event, opIndex]` of the runs of one automation, sorted by user. */
async function firedBy(automationId: string) {
  return (await runs())
    .filter((run) => run.automationId === automationId)
    .map((run) => [run.userId, run.origin, run.event, run.opIndex] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const change = (userId: string, changes: string, key?: string) =>
  api.call('POST', `/users/${userId}/membership-changes`, { key, body: { changes } });

describe('automations: read, edit, disable, delete', () => {
  it('GET answers what was created; PATCH changes only the fields given', async () => {
    const id = await automation('Welcome', { event: 'added_to', group: 'newsletter' });
    const read = await admin('GET', `/automations/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, name: 'Welcome', enabled: true });
    expect(read.body.updatedAt).toBe(read.body.createdAt);

    const renamed = await admin('PATCH', `/automations/${id}`, {
      name: 'Welcome aboard',
      action: { type: 'workflow', template: 'onboard' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Welcome aboard',
      action: { type: 'workflow', template: 'onboard' },
      trigger: read.body.trigger,
      enabled: true,
    });
    const listed = (await admin('GET', '/automations')).body.data as { id: string }[];
    expect(listed.filter((a) => a.id === id)).toEqual([renamed.body]);
  });

  it('a disabled automation never fires; enabled again, it does; deleted, it is gone but its runs stay', async () => {
    const id = await automation('Welcome', { event: 'added_to', group: 'newsletter' });
    const disabled = await admin('PATCH', `/automations/${id}`, { enabled: false });
    expect(disabled.body.enabled).toBe(false);
    const joined = await change('u_ada', '+newsletter');
    expect(joined.status).toBe(200);
    expect(joined.body.automations).toEqual([]);
    expect(await runs()).toEqual([]);

    await admin('PATCH', `/automations/${id}`, { enabled: true });
    await change('u_ada', '-newsletter');
    const again = await change('u_ada', '+newsletter');
    expect(again.body.automations).toEqual([{ automationId: id, name: 'Welcome', opIndex: 0 }]);

    const deleted = await admin('DELETE', `/automations/${id}`);
    expect(deleted.status).toBe(204);
    const gone = await admin('GET', `/automations/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('automation_not_found');
    await change('u_grace', '+newsletter');
    expect(await firedBy(id)).toEqual([['u_ada', 'user', 'added_to', 0]]);
  });

  it('refuses a bad edit whole, and an unknown automation with 404', async () => {
    const id = await automation('Welcome', { event: 'added_to', group: 'newsletter' });
    const before = (await admin('GET', `/automations/${id}`)).body;
    const bad = await admin('PATCH', `/automations/${id}`, { name: 'Renamed', enabled: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'validation_failed',
      details: { field: 'enabled' },
    });
    const unknownGroup = await admin('PATCH', `/automations/${id}`, {
      name: 'Renamed',
      trigger: { event: 'added_to', group: 'no-such-group' },
    });
    expect(unknownGroup.status).toBe(404);
    expect(unknownGroup.body.error.code).toBe('user_group_not_found');
    expect((await admin('GET', `/automations/${id}`)).body).toEqual(before);

    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { enabled: false }],
      ['DELETE', undefined],
    ] as const) {
      const missing = await admin(method, '/automations/no-such-automation', body);
      expect([method, missing.status, missing.body.error.code]).toEqual([
        method,
        404,
        'automation_not_found',
      ]);
    }
  });
});

describe('automations fire on every path that changes a membership, with its origin', () => {
  it('user and admin ordered changes carry the op index; a code redemption does not', async () => {
    const id = await automation('Joined', { event: 'added_to', group: 'beta' });
    const left = await automation('Left', { event: 'removed_from', group: 'beta' });
    const redeemed = await api.call('POST', '/users/u_ada/redeem-code', {
      body: { code: 'BETA-2026' },
    });
    expect(redeemed.status).toBe(200);
    const byAdmin = await change('u_grace', '+newsletter,+beta', SECRET_KEY);
    expect(byAdmin.status).toBe(200);
    const byUser = await change('u_ada', '+newsletter,-beta');
    expect(byUser.status).toBe(200);
    expect(await firedBy(id)).toEqual([
      ['u_ada', 'code', 'added_to', undefined],
      ['u_grace', 'admin', 'added_to', 1],
    ]);
    expect(await firedBy(left)).toEqual([['u_ada', 'user', 'removed_from', 1]]);
    const codeRun = (await runs()).find((run) => run.origin === 'code');
    expect(codeRun).not.toHaveProperty('opIndex');
  });

  it('adding and removing members (by ids, by filter, all) fires them as admin', async () => {
    await admin('POST', '/user-groups', { slug: 'panel', name: 'Panel', joinType: null });
    const joined = await automation('Joined panel', { event: 'added_to', group: 'panel' });
    const left = await automation('Left panel', { event: 'removed_from', group: 'panel' });
    const added = await admin('POST', '/user-groups/panel/users', {
      user_ids: ['u_ada', 'u_grace', 'u_alan'],
    });
    expect(added.body.added).toBe(3);
    // Adding them again changes nothing, so nothing fires twice.
    await admin('POST', '/user-groups/panel/users', { user_ids: ['u_ada'] });
    expect(await firedBy(joined)).toEqual([
      ['u_ada', 'admin', 'added_to', undefined],
      ['u_alan', 'admin', 'added_to', undefined],
      ['u_grace', 'admin', 'added_to', undefined],
    ]);

    const byFilter = await admin('DELETE', '/user-groups/panel/users', {
      user_filters: { search: 'Grace' },
    });
    expect(byFilter.body.removed).toBe(1);
    await admin('DELETE', '/user-groups/panel/users', { user_ids: ['u_ada', 'u_nobody'] });
    await admin('DELETE', '/user-groups/panel/users', { user_all: true });
    expect(await firedBy(left)).toEqual([
      ['u_ada', 'admin', 'removed_from', undefined],
      ['u_alan', 'admin', 'removed_from', undefined],
      ['u_grace', 'admin', 'removed_from', undefined],
    ]);
  });

  it('a user upsert fires its listed groups and prune as sync, automatic groups as rule', async () => {
    await admin('POST', '/user-groups', {
      slug: 'gold',
      name: 'Gold',
      type: 'automatic',
      ruleset: {
        operator: 'AND',
        sets: [
          { rules: [{ type: 'attribute', payload: { field: 'tier', op: 'eq', value: 'gold' } }] },
        ],
      },
    });
    const synced = await automation('Synced in', { event: 'added_to', group: 'newsletter' });
    const pruned = await automation('Synced out', { event: 'removed_from', group: 'newsletter' });
    const gold = await automation('Gold', { event: 'added_to', group: 'gold' });
    const created = await admin('PUT', '/users/u_new', {
      groups: ['newsletter'],
      attributes: { tier: 'gold' },
    });
    expect(created.status).toBe(201);
    const rewritten = await admin('PUT', '/users/u_new', {
      groups: ['community'],
      prune_memberships: true,
    });
    expect(rewritten.body.pruned).toEqual(['newsletter']);
    expect(await firedBy(synced)).toEqual([['u_new', 'sync', 'added_to', undefined]]);
    expect(await firedBy(pruned)).toEqual([['u_new', 'sync', 'removed_from', undefined]]);
    expect(await firedBy(gold)).toEqual([['u_new', 'rule', 'added_to', undefined]]);
  });

  it('a rule-set change fires for every member who leaves and every user who comes, conditions read after it', async () => {
    const nycRules = {
      operator: 'AND',
      sets: [{ rules: [{ type: 'branch', payload: { branchIds: ['nyc'] } }] }],
    };
    const created = await admin('POST', '/user-groups', {
      slug: 'city',
      name: 'City',
      type: 'automatic',
      ruleset: nycRules,
    });
    expect(created.body.memberCount).toBeGreaterThan(0);
    const users = (await admin('GET', '/users?page_size=200')).body.data as {
      id: string;
      branchId: string | null;
    }[];
    const nyc = users.filter((u) => u.branchId === 'nyc').map((u) => u.id);
    const london = users.filter((u) => u.branchId === 'london').map((u) => u.id);
    expect(london.length).toBeGreaterThan(2);
    const holdouts = london.slice(0, 2);
    await admin('POST', '/user-groups', { slug: 'holdouts', name: 'Holdouts', joinType: null });
    await admin('POST', '/user-groups/holdouts/users', { user_ids: holdouts });

    const welcome = await automation('Welcome', {
      event: 'added_to',
      group: 'city',
      requireNotIn: ['holdouts'],
    });
    const heldWelcome = await automation('Held welcome', {
      event: 'added_to',
      group: 'City', // a slug names its group in any case
      requireIn: 'holdouts',
    });
    // The group itself in the conditions: a user just removed is not in it any more.
    const goodbye = await automation('Goodbye', {
      event: 'removed_from',
      group: 'city',
      requireNotIn: ['city'],
    });
    const never = await automation('Never', {
      event: 'removed_from',
      group: 'city',
      requireIn: ['city'],
    });
    const off = await automation('Off', { event: 'added_to', group: 'city' }, { enabled: false });

    const moved = await admin('PUT', '/user-groups/city', {
      ruleset: {
        operator: 'AND',
        sets: [{ rules: [{ type: 'branch', payload: { branchIds: ['london'] } }] }],
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.memberCount).toBe(london.length);
    const rows = (ids: string[], event: string) =>
      [...ids].sort().map((id) => [id, 'rule', event, undefined]);
    expect(await firedBy(welcome)).toEqual(rows(london.slice(2), 'added_to'));
    expect(await firedBy(heldWelcome)).toEqual(rows(holdouts, 'added_to'));
    expect(await firedBy(goodbye)).toEqual(rows(nyc, 'removed_from'));
    expect(await firedBy(never)).toEqual([]);
    expect(await firedBy(off)).toEqual([]);
    const cityId = created.body.id as string;
    expect((await runs()).every((run) => run.groupId === cityId)).toBe(true);
  });

  it('deleting a group fires its removed_from automations for every member, as admin', async () => {
    await admin('POST', '/user-groups', { slug: 'panel', name: 'Panel', joinType: null });
    await admin('POST', '/user-groups/panel/users', { user_ids: ['u_ada', 'u_alan'] });
    const left = await automation('Left panel', { event: 'removed_from', group: 'panel' });
    expect((await admin('DELETE', '/user-groups/panel')).status).toBe(204);
    expect(await firedBy(left)).toEqual([
      ['u_ada', 'admin', 'removed_from', undefined],
      ['u_alan', 'admin', 'removed_from', undefined],
    ]);
    // The automation went with its group; its runs stay in the log.
    expect((await admin('GET', `/automations/${left}`)).status).toBe(404);
  });
});

describe('DELETE /v1/users/{userId}', () => {
  it('removes the user and their memberships, firing removed_from as admin', async () => {
    await admin('PUT', '/users/u_leaver', { groups: ['newsletter', 'community'] });
    const left = await automation('Goodbye', { event: 'removed_from', group: 'newsletter' });
    const before = (await admin('GET', '/user-groups/newsletter')).body.memberCount as number;

    const deleted = await admin('DELETE', '/users/u_leaver');
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    const gone = await admin('GET', '/users/u_leaver');
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('user_not_found');
    expect((await admin('GET', '/user-groups/newsletter')).body.memberCount).toBe(before - 1);
    const members = (await admin('GET', '/user-groups/newsletter/users?search_text=u_leaver')).body;
    expect(members.total).toBe(0);
    expect(await firedBy(left)).toEqual([['u_leaver', 'admin', 'removed_from', undefined]]);

    const again = await admin('DELETE', '/users/u_leaver');
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('user_not_found');
  });

  it('needs the secret key', async () => {
    const refused = await api.call('DELETE', '/users/u_ada');
    expect(refused.status).toBe(403);
    expect((await admin('GET', '/users/u_ada')).status).toBe(200);
  });
});
