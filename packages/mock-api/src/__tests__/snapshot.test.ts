import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupsEngine, type GroupsEngine } from '../engine/createGroupsEngine';
import { createMockServer } from '../node';
import { MEMBER_SORTS } from '../engine/members';
import { REDEEM_MAX_FAILURES } from '../engine/codes';

const NOW = new Date('2026-11-23T12:00:00Z');
const MINUTE = 60 * 1000;

/** The answer of `read`, or the code of the error it threw: both must match after a restore. */
function answer<T>(read: () => T): T | { error: string } {
  try {
    return read();
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

/** Every read the engine offers, over every user, group and code it holds. */
function readEverything(engine: GroupsEngine) {
  const groups = engine.listUserGroups({ page_size: 200 }).data;
  const userIds = [
    ...new Set([
      ...groups.flatMap((g) =>
        engine.listUserGroupMembers(g.id, { page_size: 200 }).data.map((m) => m.id),
      ),
      'u_ada',
      'u_grace',
      'u_alan',
      'u_edsger',
      'u_001',
    ]),
  ].sort();
  return {
    groupLists: [
      engine.listUserGroups(),
      engine.listUserGroups({ sort_attr: 'name', sort_dir: 'desc' }),
      engine.listUserGroups({ sort_attr: 'slug', page: 2, page_size: 3 }),
      engine.listUserGroups({ search_text: 'users' }),
    ],
    directory: engine.listViewableUserGroups(),
    directoryWithScheduled: engine.listViewableUserGroups({ includeScheduled: true }),
    groups: groups.map((g) => ({
      byId: engine.getUserGroup(g.id),
      bySlug: engine.getUserGroup(g.slug),
      viewable: answer(() => engine.getViewableUserGroup(g.slug)),
      legacy: engine.getUserGroupLegacyId(g.slug),
      byLegacy: engine.getUserGroupByLegacyId(g.legacyId),
      history: engine.listConditionsHistory(g.id),
      codes: engine.listCodes(g.id),
      members: MEMBER_SORTS.flatMap((sort_attr) =>
        (['asc', 'desc'] as const).map((sort_dir) =>
          engine.listUserGroupMembers(g.id, { sort_attr, sort_dir, page_size: 200 }),
        ),
      ),
      firstPage: engine.listUserGroupMembers(g.id, { page_size: 5, search_text: 'a' }),
      csv: engine.exportUserGroupMembers(g.id),
      csvSemicolon: engine.exportUserGroupMembers(g.id, { delimiter: ';', email: 'false' }),
    })),
    users: userIds.map((id) => ({
      memberships: answer(() => engine.listMemberships(id)),
      session: answer(() => engine.getSession(id, 'acme')),
      runs: answer(() => engine.listAutomationRuns(id)),
    })),
    accountGroups: ['acme', 'globex', 'initech'].map((id) =>
      answer(() => engine.getAccountGroup(id)),
    ),
    automations: engine.listAutomations(),
    runs: engine.listAutomationRuns(),
    project: engine.getProject(),
  };
}

/** The next writes, whose answers depend on hidden state: ids, lockouts, idempotency records. */
function writeNext(engine: GroupsEngine) {
  return {
    group: engine.createUserGroup({ slug: 'after-restore', name: 'After restore' }),
    codes: engine.createCodes('beta', { mode: 'unique', count: 3, prefix: 'NEXT-' }),
    lockedOut: answer(() => engine.redeemCode({ userId: 'u_001', code: 'BETA-2026' })),
    oneMoreMiss: answer(() => engine.redeemCode({ userId: 'u_alan', code: 'NOPE-0000' })),
    replay: engine.idempotent(
      { apiKey: 'pk_test_groupkit', userId: 'u_grace', key: 'k-1', body: { changes: '+beta' } },
      () => engine.changeMemberships({ userId: 'u_grace', changes: '-plus', actor: 'admin' }),
    ),
    reusedKey: answer(() =>
      engine.idempotent(
        { apiKey: 'pk_test_groupkit', userId: 'u_grace', key: 'k-1', body: { changes: '-beta' } },
        () => null,
      ),
    ),
    ruleChange: engine.updateUserGroup('uk-or-inactive', {
      ruleset: {
        operator: 'AND',
        sets: [{ rules: [{ type: 'status', payload: { status: 'active' } }] }],
      },
    }),
    afterRuleChange: engine.listConditionsHistory('uk-or-inactive'),
  };
}

/** A variety of writes touching every part of the state. */
function writeAVariety(engine: GroupsEngine, setClock: (at: Date) => void) {
  engine.createUserGroup({ slug: 'gold', name: 'Gold', joinType: 'open', userViewable: true });
  engine.createUserGroup({
    slug: 'uk-or-inactive',
    name: 'UK or inactive',
    type: 'automatic',
    ruleset: {
      operator: 'OR',
      sets: [
        { rules: [{ type: 'attribute', payload: { field: 'country', op: 'eq', value: 'UK' } }] },
      ],
    },
  });
  engine.updateUserGroup('uk-or-inactive', {
    ruleset: {
      operator: 'OR',
      sets: [
        { rules: [{ type: 'attribute', payload: { field: 'country', op: 'eq', value: 'UK' } }] },
        { rules: [{ type: 'status', payload: { status: 'inactive' } }] },
      ],
    },
  });
  engine.updateUserGroup('newsletter', { name: 'Newsletter', slug: 'news', order: 9 });
  engine.deleteUserGroup('staff');
  engine.addUserGroupMembers('gold', { user_ids: ['u_grace', 'u_ada'], branch_ids: ['berlin'] });
  engine.addUserGroupMembers('customer', { group_ids: ['gold'] });
  engine.removeUserGroupMembers('gold', { user_filters: { search: 'knuth' } });
  engine.createCodes('beta', { mode: 'shared', code: 'SPRING-2027', maxRedemptions: 2 });
  engine.createCodes('vip', { mode: 'unique', count: 4, prefix: 'GOLD-' });
  engine.redeemCode({ userId: 'u_grace', code: 'beta-2026 ' });
  engine.redeemCode({ userId: 'u_alan', code: 'VIP-0003' });
  setClock(new Date(NOW.getTime() + 1 * MINUTE));
  for (const code of ['WRONG-1', 'WRONG-2']) {
    answer(() => engine.redeemCode({ userId: 'u_alan', code }));
  }
  for (let i = 0; i < REDEEM_MAX_FAILURES; i++) {
    answer(() => engine.redeemCode({ userId: 'u_001', code: `MISS-${i}000` }));
  }
  engine.createAutomation({
    name: 'Gold welcome',
    trigger: { event: 'added_to', group: 'gold', requireNotIn: ['pro'] },
    action: { type: 'workflow', template: 'gold-onboarding' },
  });
  setClock(new Date(NOW.getTime() + 2 * MINUTE));
  engine.changeMemberships({ userId: 'u_ada', changes: '-pro,+plus', actor: 'admin' });
  engine.idempotent(
    { apiKey: 'pk_test_groupkit', userId: 'u_grace', key: 'k-1', body: { changes: '+beta' } },
    () => engine.changeMemberships({ userId: 'u_grace', changes: '+gold', actor: 'user' }),
  );
  engine.changeMemberships({
    userId: 'u_alan',
    changes: '+gold,+news',
    dryRun: true,
    actor: 'user',
  });
  engine.upsertUser('u_edsger', {
    firstname: 'Edsger',
    lastname: 'Dijkstra',
    attributes: { country: 'UK', tags: ['goto', 'harmful'] },
    groups: ['gold', 'customer'],
  });
  engine.upsertUser('u_grace', {
    attributes: { country: 'UK' },
    groups: ['gold'],
    prune_memberships: true,
  });
  engine.upsertUser('u_ada', { status: 'inactive', attributes: { plan: null } });
  engine.identifyGroup({ identifier: 'globex', properties: { name: 'Globex', seats: 3 } });
  engine.identifyGroup({ identifier: 'acme', properties: { plan: 'Enterprise', region: null } });
  engine.updateProject({ clientWritableProperties: ['onboarding', 'theme'] });
}

function variedEngine() {
  let clock = NOW;
  const engine = createGroupsEngine({ now: () => clock });
  writeAVariety(engine, (at) => (clock = at));
  return { engine, now: () => clock };
}

describe('engine snapshot', () => {
  it('round-trips through JSON into an engine whose every read answers identically', () => {
    const { engine, now } = variedEngine();
    const stored = JSON.stringify(engine.snapshot());
    const restored = createGroupsEngine({ now, snapshot: JSON.parse(stored) });

    expect(readEverything(restored)).toEqual(readEverything(engine));
    expect(restored.snapshot()).toEqual(engine.snapshot());
    expect(restored.identityVerification).toBe(engine.identityVerification);
  });

  it('carries on as the original would: same ids, codes, lockouts and idempotency replays', () => {
    const { engine, now } = variedEngine();
    const restored = createGroupsEngine({ now, snapshot: engine.snapshot() });

    const next = writeNext(restored);
    expect(next).toEqual(writeNext(engine));
    expect(next.lockedOut).toEqual({ error: 'too_many_attempts' });
    expect(next.reusedKey).toEqual({ error: 'idempotency_key_reused' });
    expect(next.replay.replayed).toBe(true);
    expect(readEverything(restored)).toEqual(readEverything(engine));
  });

  it('keeps the order of each user’s and each group’s memberships, not just the set', () => {
    const { engine, now } = variedEngine();
    // Same name, same instant: only the order they were added in tells Ada's two apart.
    engine.createUserGroup({ slug: 'twin-a', name: 'Twin' });
    engine.createUserGroup({ slug: 'twin-b', name: 'Twin' });
    engine.addUserGroupMembers('twin-b', { user_ids: ['u_ada', 'u_alan'] });
    engine.addUserGroupMembers('twin-a', { user_ids: ['u_alan', 'u_ada'] });
    const twins = (e: GroupsEngine) =>
      e
        .listMemberships('u_ada')
        .filter((m) => m.name === 'Twin')
        .map((m) => m.slug);
    expect(twins(engine)).toEqual(['twin-b', 'twin-a']);

    const snapshot = engine.snapshot();
    const restored = createGroupsEngine({ now, snapshot });
    expect(twins(restored)).toEqual(['twin-b', 'twin-a']);
    // Re-adding in snapshot order rebuilds both indexes, so a second snapshot is identical.
    expect(restored.snapshot().memberships).toEqual(snapshot.memberships);
  });

  it('is a copy: writes after a snapshot, or to a restored engine, touch neither', () => {
    const { engine, now } = variedEngine();
    const snapshot = engine.snapshot();
    const before = JSON.stringify(snapshot);
    engine.addUserGroupMembers('gold', { user_ids: ['u_alan'] });
    const a = createGroupsEngine({ now, snapshot });
    const b = createGroupsEngine({ now, snapshot });
    a.upsertUser('u_alan', { attributes: { country: 'FR' } });
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(b.listMemberships('u_alan')).not.toEqual(a.listMemberships('u_alan'));
  });

  it('restores the verified scenario’s identity verification, and ignores `scenario`', () => {
    const verified = createGroupsEngine({ scenario: 'verified', now: () => NOW });
    const restored = createGroupsEngine({ scenario: 'empty', snapshot: verified.snapshot() });
    expect(restored.identityVerification).toBe(true);
    expect(restored.listUserGroups().total).toBe(verified.listUserGroups().total);
  });

  it('refuses what is not a snapshot, or a snapshot of another version, saying what to do', () => {
    const bad = (snapshot: unknown) => () =>
      createGroupsEngine({ snapshot: snapshot as ReturnType<GroupsEngine['snapshot']> });
    expect(bad({ users: [] })).toThrowError(
      /not an engine snapshot; pass what engine.snapshot\(\)/,
    );
    expect(bad({ ...createGroupsEngine().snapshot(), version: 99 })).toThrowError(
      /version 99 cannot be restored .* start from a scenario instead/,
    );
  });
});

describe('afterWrite (the hook persist saves in)', () => {
  const BASE = 'https://api.groupkit.test';
  const saved: { method: string; snapshot: string }[] = [];
  const { engine, server } = createMockServer({
    baseUrl: BASE,
    now: () => NOW,
    afterWrite: (request) =>
      saved.push({ method: request.method, snapshot: JSON.stringify(engine.snapshot()) }),
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${BASE}/v1${path}`, {
      method,
      headers: { authorization: 'Bearer sk_test_groupkit', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('runs after each write, once its change is made, and never after a read', async () => {
    expect((await send('GET', '/user-groups')).status).toBe(200);
    expect(saved).toEqual([]);
    const created = await send('POST', '/user-groups', { slug: 'gold', name: 'Gold' });
    expect(created.status).toBe(201);
    const refused = await send('POST', '/user-groups', { slug: 'gold', name: 'Gold again' });
    expect(refused.status).toBe(409);
    expect(saved.map((s) => s.method)).toEqual(['POST', 'POST']);

    const [first] = saved;
    const restored = createGroupsEngine({
      now: () => NOW,
      snapshot: JSON.parse(first?.snapshot ?? ''),
    });
    expect(restored.getUserGroup('gold')).toEqual(await created.json());
  });
});
