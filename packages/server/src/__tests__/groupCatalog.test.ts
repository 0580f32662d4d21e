/**
 * A process keeps each project's groups under the project's groups version and reads them
 * again only when the version moved (migration 0012, `state/groupCatalog.ts`). Two apps on
 * one database stand for two processes: whatever one changes about the groups, the other's
 * next answer shows; member counts stay exact while the groups are kept; an end user's
 * write never moves the version (it would queue every writer on the project row).
 */
import type { Session, UserGroup } from '@groupkit/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type GroupKitApp } from '../app/createApp';
import { hashKey } from '../app/keys';
import type { Database } from '../db/connect';
import { databaseTargets } from '../db/__tests__/helpers';
import { seedDatabase } from '../seed/seedDatabase';
import { createGroupCatalog } from '../state/groupCatalog';
import { loadRows } from '../state/loadStatement';
import { PUBLISHABLE_KEY, SECRET_KEY } from './support/http';

describe.each(databaseTargets)('kept groups ($name)', (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  /** The process under test, and another one writing beside it. */
  let reader: GroupKitApp;
  let writer: GroupKitApp;

  beforeAll(async () => {
    ({ database, cleanup } = await target.open());
  }, 60_000);
  beforeEach(async () => {
    await seedDatabase(database, { scenario: 'default', reset: true });
    reader = createApp({ database });
    writer = createApp({ database });
  });
  afterAll(async () => {
    await cleanup?.();
  });

  const call = async (app: GroupKitApp, path: string, key: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${key}`);
    if (init.body) headers.set('content-type', 'application/json');
    const response = await app.fetch(
      new Request(`https://api.groupkit.test/v1${path}`, { ...init, headers }),
    );
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as unknown };
  };
  const admin = (method: string, path: string, body?: unknown) =>
    call(writer, path, SECRET_KEY, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const directory = async () => {
    const { status, body } = await call(reader, '/session?userId=u_ada', PUBLISHABLE_KEY);
    expect(status).toBe(200);
    return (body as Session).userGroups;
  };
  const group = async (slug: string): Promise<UserGroup | undefined> =>
    (await directory()).find((g) => g.slug === slug);
  const version = async () => {
    const { rows } = await database.query<{ v: string }>(
      `select groups_version::text as v from projects where id = 'demo'`,
    );
    return rows[0]?.v;
  };

  it('shows a group renamed, created or deleted by another process at its next session', async () => {
    expect((await group('community'))?.name).toBe('Community forum');
    expect(await admin('PUT', '/user-groups/community', { name: 'Forum' })).toMatchObject({
      status: 200,
    });
    expect((await group('community'))?.name).toBe('Forum');

    const created = await admin('POST', '/user-groups', {
      slug: 'gold',
      name: 'Gold',
      type: 'manual',
      joinType: 'open',
      userViewable: true,
    });
    expect(created.status).toBe(201);
    expect((await group('gold'))?.name).toBe('Gold');

    expect((await admin('DELETE', '/user-groups/gold')).status).toBe(204);
    expect(await group('gold')).toBeUndefined();
  });

  it('serves kept groups while the version stands, and reads them again once it moves', async () => {
    expect((await group('community'))?.name).toBe('Community forum');
    // Behind the trigger's back (as no write path can be): the kept groups still answer.
    await database.query(`alter table user_groups disable trigger user_groups_version_update`);
    try {
      await database.query(
        `update user_groups set data = jsonb_set(data, '{name}', '"Renamed quietly"') where slug = 'community'`,
      );
    } finally {
      await database.query(`alter table user_groups enable trigger user_groups_version_update`);
    }
    expect((await group('community'))?.name).toBe('Community forum');
    await database.query(`update projects set groups_version = gen_random_uuid()`);
    expect((await group('community'))?.name).toBe('Renamed quietly');
  });

  it('keeps member counts exact while the groups are kept: joins, leaves and recalculations', async () => {
    const before = (await group('community'))?.memberCount ?? -1;
    const change = (changes: string) =>
      call(reader, '/users/u_ada/membership-changes', PUBLISHABLE_KEY, {
        method: 'POST',
        body: JSON.stringify({ changes }),
      });
    expect((await change('+community')).status).toBe(200);
    expect((await group('community'))?.memberCount).toBe(before + 1);
    expect((await change('-community')).status).toBe(200);
    expect((await group('community'))?.memberCount).toBe(before);

    const created = await admin('POST', '/user-groups', {
      slug: 'inactive',
      name: 'Inactive users',
      type: 'automatic',
      userViewable: true,
      ruleset: {
        operator: 'AND',
        sets: [{ rules: [{ type: 'status', payload: { status: 'inactive' } }] }],
      },
    });
    expect(created.status).toBe(201);
    const createdCount = (created.body as UserGroup).memberCount;
    expect((await group('inactive'))?.memberCount).toBe(createdCount);
    const recalculated = await admin('PUT', '/user-groups/inactive', {
      ruleset: {
        operator: 'AND',
        sets: [{ rules: [{ type: 'branch', payload: { branchIds: ['nyc'] } }] }],
      },
    });
    expect(recalculated.status).toBe(200);
    const recalculatedCount = (recalculated.body as UserGroup).memberCount;
    expect(recalculatedCount).not.toBe(createdCount);
    expect((await group('inactive'))?.memberCount).toBe(recalculatedCount);
  });

  it("leaves the version alone on an end user's writes, and moves it on an admin's group write", async () => {
    const start = await version();
    for (const changes of ['+community', '-community']) {
      const { status } = await call(reader, '/users/u_ada/membership-changes', PUBLISHABLE_KEY, {
        method: 'POST',
        body: JSON.stringify({ changes }),
      });
      expect(status).toBe(200);
    }
    expect(await version()).toBe(start);
    await admin('PUT', '/user-groups/community', { description: 'Ask and answer.' });
    expect(await version()).not.toBe(start);
  });

  it('the load statement leaves the groups out only at the version named', async () => {
    const current = (await version()) as string;
    const load = (groupsVersion?: string) =>
      loadRows(database.db, 'demo', { key: hashKey(PUBLISHABLE_KEY) }, {}, [], groupsVersion);
    const fresh = await load();
    expect(fresh.owner?.groupsVersion).toBe(current);
    expect(fresh.groups?.map(([g]) => g.slug)).toContain('community');
    expect((await load(current)).groups).toBeNull();
    const stale = await load('00000000-0000-4000-8000-000000000000');
    expect(stale.groups).toEqual(fresh.groups);
  });
});

describe('a group catalog', () => {
  const record = (id: string) => ({
    id,
    legacyId: 1,
    slug: id,
    name: id,
    description: '',
    type: 'manual' as const,
    joinType: 'open' as const,
    userViewable: true,
    startsAt: null,
    stopsAt: null,
    order: 0,
    ruleset: { operator: 'AND' as const, sets: [{ id: 's1', rules: [] }] },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });

  it('keeps records frozen throughout, with their JSON as read', () => {
    const kept = createGroupCatalog().keep('p', 'v1', [[record('a'), 3]]);
    const [only] = kept.groups;
    expect(only?.storedCount).toBe(3);
    expect(only?.json).toBe(JSON.stringify(record('a')));
    expect(Object.isFrozen(only?.record)).toBe(true);
    expect(Object.isFrozen(only?.record.ruleset?.sets[0]?.rules)).toBe(true);
    const shared = only?.record as { name: string };
    expect(() => {
      shared.name = 'changed';
    }).toThrow(TypeError);
  });

  it("keeps each group's id by slug and legacy id in maps that refuse any change", () => {
    const kept = createGroupCatalog().keep('p', 'v1', [
      [{ ...record('a'), legacyId: 7 }, 0],
      [{ ...record('b'), legacyId: 8 }, 0],
    ]);
    expect([...kept.slugs]).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
    expect(kept.legacyIds.get(8)).toBe('b');
    expect(() => kept.slugs.set('c', 'c')).toThrow(TypeError);
    expect(() => kept.slugs.delete('a')).toThrow(TypeError);
    expect(() => kept.legacyIds.clear()).toThrow(TypeError);
    expect(kept.slugs.size).toBe(2);
    // A write's copy is its own to change.
    const copy = new Map(kept.slugs);
    copy.set('c', 'c');
    expect([copy.size, kept.slugs.has('c')]).toEqual([3, false]);
  });

  it('keeps the groups by id in table order, with their stored counts, in maps that refuse any change', () => {
    const kept = createGroupCatalog().keep('p', 'v1', [
      [record('b'), 4],
      [record('a'), 9],
    ]);
    expect([...kept.records.keys()]).toEqual(['b', 'a']);
    expect(kept.records.get('a')).toBe(kept.groups[1]?.record);
    expect([...kept.storedCounts]).toEqual([
      ['b', 4],
      ['a', 9],
    ]);
    expect(() => kept.records.set('c', record('c'))).toThrow(TypeError);
    expect(() => kept.records.delete('a')).toThrow(TypeError);
    expect(() => kept.storedCounts.set('a', 10)).toThrow(TypeError);
  });

  it('holds one entry per project and drops the least recently used past its size', () => {
    const catalog = createGroupCatalog({ maxProjects: 2 });
    catalog.keep('a', 'v1', []);
    catalog.keep('b', 'v1', []);
    catalog.keep('a', 'v2', []);
    expect(catalog.get('a')?.version).toBe('v2');
    catalog.get('b');
    catalog.keep('c', 'v1', []);
    expect(catalog.get('a')).toBeUndefined();
    expect(catalog.get('b')?.version).toBe('v1');
    expect(catalog.get('c')?.version).toBe('v1');
  });
});
