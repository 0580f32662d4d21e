import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../connect';
import { migrateDatabase } from '../migrate';
import { projects, tableNames } from '../schema';
import { createTestDatabase, dumpAllTables, type TestDatabase } from '../testDatabase';
import { appliedMigrations, journalEntries, publicTables } from './helpers';

async function expectMigrated(database: Database) {
  expect(await publicTables(database)).toEqual([...tableNames].sort());
  expect(await appliedMigrations(database)).toBe(journalEntries());
}

async function expectIdempotent(database: Database) {
  await database.db.insert(projects).values({ id: 'prj_1' });
  const before = await dumpAllTables(database);
  await migrateDatabase(database);
  await migrateDatabase(database);
  await expectMigrated(database);
  expect(await dumpAllTables(database)).toEqual(before);
}

describe('migrations on PGlite in memory', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase('memory');
  });
  afterAll(() => database?.close());

  it('creates every table, and applying again changes nothing', async () => {
    expect(database.kind).toBe('pglite');
    expect(database.label).toBe('PGlite in memory');
    expect(await publicTables(database)).toEqual([]);
    await migrateDatabase(database);
    await expectMigrated(database);
    await expectIdempotent(database);
  });

  it('queues concurrent migrators on one instance', async () => {
    await Promise.all([migrateDatabase(database), migrateDatabase(database)]);
    await expectMigrated(database);
  });
});

describe('migrations on PostgreSQL', () => {
  const created: TestDatabase[] = [];
  const opened: Database[] = [];
  const freshDatabase = async () => {
    const test = await createTestDatabase({ empty: true });
    created.push(test);
    return test.url;
  };
  const open = async (url: string) => {
    const database = await openDatabase(url, { poolSize: 2 });
    opened.push(database);
    return database;
  };
  afterAll(async () => {
    for (const database of opened) await database.close();
    for (const test of created) await test.drop();
  });

  it('creates every table in a fresh database, and applying again changes nothing', async () => {
    const database = await open(await freshDatabase());
    expect(database.kind).toBe('postgres');
    expect(await publicTables(database)).toEqual([]);
    await migrateDatabase(database);
    await expectMigrated(database);
    await expectIdempotent(database);
  });

  it('lets two migrators (two pools, as two processes would) race on one fresh database', async () => {
    const url = await freshDatabase();
    const [first, second] = [await open(url), await open(url)];
    await Promise.all([migrateDatabase(first), migrateDatabase(second)]);
    await expectMigrated(first);
    await expectMigrated(second);
    // Both connections went back to their pools without holding the lock.
    const { rows } = await first.query<{ n: number }>(
      "select count(*)::int as n from pg_locks where locktype = 'advisory'",
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});
