import type { UserGroupRecord } from '@groupkit/mock-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, openDatabase } from '../connect';
import { migrateDatabase, migrationsFolder } from '../migrate';
import { createTestDatabase } from '../testDatabase';
import type { StoredCodeRecord } from '../schema';

/** Tables in the `public` schema, sorted. */
export async function publicTables(database: Database): Promise<string[]> {
  const { rows } = await database.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  return rows.map((row) => row.table_name);
}

/** Rows in drizzle's migrations journal table. */
export async function appliedMigrations(database: Database): Promise<number> {
  const { rows } = await database.query<{ n: number }>(
    'select count(*)::int as n from drizzle.__drizzle_migrations',
  );
  return rows[0]?.n ?? 0;
}

/** Entries in drizzle-kit's journal: the migrations there are to apply. */
export function journalEntries(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  return (journal as { entries: unknown[] }).entries.length;
}

const at = '2026-01-01T00:00:00.000Z';

/** A user group record as the engine stores it. */
export function userGroupRecord(id: string, slug: string, legacyId: number): UserGroupRecord {
  return {
    id,
    legacyId,
    slug,
    name: slug,
    description: '',
    type: 'manual',
    joinType: 'open',
    userViewable: true,
    startsAt: null,
    stopsAt: null,
    order: 0,
    ruleset: null,
    createdAt: at,
    updatedAt: at,
  };
}

export function codeRecord(id: string, groupId: string, code: string): StoredCodeRecord {
  return {
    id,
    groupId,
    code,
    normalized: code.trim().toUpperCase(),
    mode: 'shared',
    maxRedemptions: null,
    startsAt: null,
    stopsAt: null,
    createdAt: at,
  };
}

/** A database a SQL test runs on, opened migrated and empty; `cleanup` closes (and drops) it. */
export interface DatabaseTarget {
  name: 'PGlite' | 'PostgreSQL';
  open(): Promise<{ database: Database; cleanup(): Promise<void> }>;
}

/**
 * Both databases the server runs on, for `describe.each`: PGlite in memory, and a fresh
 * database of its own on the PostgreSQL service (dropped afterwards).
 */
export const databaseTargets: readonly DatabaseTarget[] = [
  {
    name: 'PGlite',
    open: async () => {
      const database = await openDatabase('memory');
      await migrateDatabase(database);
      return { database, cleanup: () => database.close() };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const test = await createTestDatabase();
      const database = await openDatabase(test.url, { poolSize: 2 });
      return {
        database,
        cleanup: async () => {
          await database.close();
          await test.drop();
        },
      };
    },
  },
];
