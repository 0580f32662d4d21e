import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../connect';
import { projects, tableNames } from '../schema';
import {
  createTestDatabase,
  dumpAllTables,
  templateDatabaseName,
  testDatabaseUrl,
  type TestDatabase,
} from '../testDatabase';
import { appliedMigrations, journalEntries, publicTables } from './helpers';

const created: TestDatabase[] = [];
const opened: Database[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
  for (const test of created) await test.drop();
});

async function databaseExists(name: string): Promise<boolean> {
  const admin = await openDatabase(testDatabaseUrl(), { poolSize: 1 });
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await admin.close();
  }
}

describe('createTestDatabase', () => {
  it('gives migrated databases that are independent of each other', async () => {
    const [one, two] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    created.push(one, two);
    expect(one.url).not.toBe(two.url);
    const a = await openDatabase(one.url, { poolSize: 1 });
    const b = await openDatabase(two.url, { poolSize: 1 });
    opened.push(a, b);

    for (const database of [a, b]) {
      expect(await publicTables(database)).toEqual([...tableNames].sort());
      expect(await appliedMigrations(database)).toBe(journalEntries());
    }
    await a.db.insert(projects).values({ id: 'prj_only_in_one' });
    expect((await a.db.select().from(projects)).map((row) => row.id)).toEqual(['prj_only_in_one']);
    expect(await b.db.select().from(projects)).toEqual([]);
    expect(await databaseExists(templateDatabaseName())).toBe(true);
  });

  it('drop() removes the database, even with connections still open', async () => {
    const test = await createTestDatabase();
    const name = new URL(test.url).pathname.slice(1);
    expect(await databaseExists(name)).toBe(true);
    const open = await openDatabase(test.url, { poolSize: 1, onPoolError: () => undefined });
    await open.ping();
    await test.drop();
    await test.drop(); // twice is fine
    expect(await databaseExists(name)).toBe(false);
    await open.close();
  });
});

describe('dumpAllTables', () => {
  it('lists every table, rows ordered by primary key', async () => {
    const test = await createTestDatabase();
    created.push(test);
    const database = await openDatabase(test.url, { poolSize: 1 });
    opened.push(database);
    await database.db.insert(projects).values([{ id: 'prj_b' }, { id: 'prj_a' }]);
    const dump = await dumpAllTables(database);
    expect(Object.keys(dump)).toEqual(tableNames);
    expect(dump.projects).toEqual([
      expect.objectContaining({ id: 'prj_a', nextLegacyId: 1001, identityVerification: false }),
      expect.objectContaining({ id: 'prj_b' }),
    ]);
    expect(dump.user_groups).toEqual([]);
  });
});
