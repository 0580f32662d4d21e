import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, postgresLabel, type Database } from '../connect';
import {
  apiKeys,
  codeRedemptions,
  codes,
  memberships,
  projects,
  tableNames,
  userGroups,
  users,
} from '../schema';
import { createTestDatabase, dumpAllTables, type TestDatabase } from '../testDatabase';
import { codeRecord, userGroupRecord } from './helpers';

/** The PostgreSQL error a rejected statement carries (drizzle wraps it in `cause`). */
async function pgError(promise: Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
  try {
    await promise;
  } catch (error) {
    const { cause } = error as { cause?: unknown };
    return (cause ?? error) as { code?: string; constraint?: string };
  }
  throw new Error('expected the statement to be rejected');
}

let test: TestDatabase;
let database: Database;

beforeAll(async () => {
  test = await createTestDatabase();
  database = await openDatabase(test.url, { poolSize: 4 });
});
afterAll(async () => {
  await database?.close();
  await test?.drop();
});
beforeEach(async () => {
  await database.query(`truncate ${tableNames.join(', ')}`);
  await database.db.insert(projects).values([{ id: 'prj_a' }, { id: 'prj_b' }]);
});

const group = (projectId: string, id: string, slug: string, legacyId: number) => ({
  projectId,
  id,
  slug,
  legacyId,
  data: userGroupRecord(id, slug, legacyId),
});

describe('constraints', () => {
  it('rejects a second group with the same slug in a project, not in another project', async () => {
    await database.db.insert(userGroups).values(group('prj_a', 'g1', 'beta', 1001));
    const error = await pgError(
      database.db.insert(userGroups).values(group('prj_a', 'g2', 'beta', 1002)),
    );
    expect(error).toMatchObject({ code: '23505', constraint: 'user_groups_project_slug_key' });
    await database.db.insert(userGroups).values(group('prj_b', 'g2', 'beta', 1001));
  });

  it('rejects a second group with the same legacy id in a project', async () => {
    await database.db.insert(userGroups).values(group('prj_a', 'g1', 'beta', 1001));
    const error = await pgError(
      database.db.insert(userGroups).values(group('prj_a', 'g2', 'gamma', 1001)),
    );
    expect(error).toMatchObject({ code: '23505', constraint: 'user_groups_project_legacy_id_key' });
  });

  it('rejects a second redemption of a code by the same user', async () => {
    const redemption = {
      projectId: 'prj_a',
      codeId: 'c1',
      userId: 'u1',
      at: '2026-01-01T00:00:00Z',
    };
    await database.db.insert(codeRedemptions).values(redemption);
    const error = await pgError(database.db.insert(codeRedemptions).values(redemption));
    expect(error).toMatchObject({ code: '23505', constraint: 'code_redemptions_pkey' });
    await database.db.insert(codeRedemptions).values({ ...redemption, userId: 'u2' });
  });

  it('rejects a second code with the same id in a project', async () => {
    await database.db.insert(codes).values({
      projectId: 'prj_a',
      normalized: 'A',
      id: 'c1',
      groupId: 'g1',
      data: codeRecord('c1', 'g1', 'a'),
    });
    const error = await pgError(
      database.db.insert(codes).values({
        projectId: 'prj_a',
        normalized: 'B',
        id: 'c1',
        groupId: 'g1',
        data: codeRecord('c1', 'g1', 'b'),
      }),
    );
    expect(error).toMatchObject({ code: '23505', constraint: 'codes_project_id_key' });
  });

  it('rejects an unknown key kind, a duplicate key hash, and rows of a missing project', async () => {
    const key = {
      projectId: 'prj_a',
      id: 'k1',
      kind: 'secret' as const,
      keyHash: 'h1',
      keyPrefix: 'gk_sec_1',
    };
    await database.db.insert(apiKeys).values(key);
    expect(
      await pgError(
        database.db
          .insert(apiKeys)
          .values({ ...key, id: 'k2', kind: 'admin' as never, keyHash: 'h2' }),
      ),
    ).toMatchObject({ code: '23514', constraint: 'api_keys_kind_check' });
    expect(
      await pgError(database.db.insert(apiKeys).values({ ...key, projectId: 'prj_b', id: 'k2' })),
    ).toMatchObject({ code: '23505', constraint: 'api_keys_key_hash_idx' });
    expect(
      await pgError(
        database.db.insert(apiKeys).values({ ...key, projectId: 'prj_x', keyHash: 'h3' }),
      ),
    ).toMatchObject({ code: '23503' });
  });

  it('deleting a project deletes its rows in every table, and only its rows', async () => {
    for (const projectId of ['prj_a', 'prj_b']) {
      await database.db.insert(userGroups).values(group(projectId, 'g1', 'beta', 1001));
      await database.db.insert(users).values({
        projectId,
        id: 'u1',
        data: { id: 'u1', createdAt: '2026-01-01T00:00:00Z' } as never,
      });
      await database.db.insert(memberships).values({
        projectId,
        userId: 'u1',
        groupId: 'g1',
        data: {
          userId: 'u1',
          groupId: 'g1',
          joinedAt: '2026-01-01T00:00:00Z',
          source: 'self',
          attributes: {},
        },
      });
      await database.db.insert(apiKeys).values({
        projectId,
        id: 'k1',
        kind: 'publishable',
        keyHash: `hash-${projectId}`,
        keyPrefix: 'gk_pub_',
      });
    }
    await database.db.delete(projects).where(eq(projects.id, 'prj_a'));
    const dump = await dumpAllTables(database);
    for (const name of tableNames) {
      for (const row of dump[name] ?? []) {
        expect(
          (row as { projectId?: string; id?: string }).projectId ?? (row as { id: string }).id,
        ).toBe('prj_b');
      }
    }
    expect(dump.user_groups).toHaveLength(1);
    expect(dump.memberships).toHaveLength(1);
    expect(dump.api_keys).toHaveLength(1);
  });
});

describe('identities and order', () => {
  it('numbers rows in insertion order, and never takes a seq from the caller', async () => {
    await database.db.insert(userGroups).values(group('prj_a', 'g_z', 'z', 1001));
    await database.db.insert(userGroups).values(group('prj_a', 'g_a', 'a', 1002));
    const rows = await database.db
      .select({ id: userGroups.id, seq: userGroups.seq })
      .from(userGroups)
      .orderBy(userGroups.seq);
    expect(rows.map((row) => row.id)).toEqual(['g_z', 'g_a']);
    const [first, second] = rows.map((row) => row.seq);
    expect(typeof first).toBe('number');
    expect(first).toBeLessThan(second ?? 0);
    const error = await pgError(
      database.query(
        "insert into user_groups (project_id, id, slug, legacy_id, data, seq) values ('prj_a', 'g_b', 'b', 1003, '{}', 99)",
      ),
    );
    expect(error.code).toBe('428C9'); // generated always
  });
});

describe('the Database handle on PostgreSQL', () => {
  it('runs raw SQL with parameters, and pings', async () => {
    const { rows } = await database.query<{ sum: number }>(
      'select $1::int + $2::int as sum',
      [2, 3],
    );
    expect(rows).toEqual([{ sum: 5 }]);
    await expect(database.ping()).resolves.toBeUndefined();
  });

  it('commits a transaction, rolls back a failed one, and honours its options', async () => {
    await database.transaction(async (tx) => {
      await tx.insert(userGroups).values(group('prj_a', 'g1', 'beta', 1001));
    });
    await expect(
      database.transaction(async (tx) => {
        await tx.insert(userGroups).values(group('prj_a', 'g2', 'gamma', 1002));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await database.db.select().from(userGroups)).map((row) => row.id)).toEqual(['g1']);

    const level = await database.transaction(
      async (tx) => {
        const result = await tx.execute<{ level: string }>(
          sql`select current_setting('transaction_isolation') as level`,
        );
        return result.rows[0]?.level;
      },
      { isolationLevel: 'serializable' },
    );
    expect(level).toBe('serializable');
    const readOnly = await pgError(
      database.transaction(
        (tx) => tx.insert(userGroups).values(group('prj_a', 'g3', 'delta', 1003)),
        { accessMode: 'read only' },
      ),
    );
    expect(readOnly.code).toBe('25006');
  });

  it('labels the database without its password', async () => {
    expect(postgresLabel('postgres://admin:s3cret@db.example.com:6543/groups')).toBe(
      'PostgreSQL at db.example.com:6543/groups',
    );
    expect(postgresLabel('postgresql://admin:s3cret@db.example.com/groups?sslmode=require')).toBe(
      'PostgreSQL at db.example.com:5432/groups',
    );
    expect(database.label).toMatch(/^PostgreSQL at .+:\d+\/groupkit_t_[0-9a-f]+$/);
    expect(database.label).not.toContain('postgres@');
  });

  it('closes twice without throwing', async () => {
    const other = await openDatabase(test.url, { poolSize: 1 });
    await other.ping();
    await other.close();
    await other.close();
  });
});
