/**
 * Test helpers: a fresh, migrated PostgreSQL database per test file (a copy of a migrated
 * template, ~0.3 s), and a dump of every table for "nothing changed" checks.
 */
import { asc, type Column } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from './connect';
import { migrateDatabase, migrationsFolder } from './migrate';
import { tableNames, tablesByName } from './schema';

export const defaultTestDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/test';

/** The server tests use: `GROUPKIT_TEST_DATABASE_URL`, else the machine's service. */
export function testDatabaseUrl(): string {
  return process.env.GROUPKIT_TEST_DATABASE_URL ?? defaultTestDatabaseUrl;
}

export interface TestDatabase {
  /** `postgres://…` of the new database. */
  url: string;
  /** Drops the database (closing any connection still open to it). */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** An empty database (no migrations applied) instead of a copy of the migrated template. */
  empty?: boolean;
}

/** Template and test database names carry these prefixes. */
const TEMPLATE_PREFIX = 'groupkit_tpl_';
const TEST_PREFIX = 'groupkit_t_';
/** Advisory lock key ('gktpl' in ASCII) serialising template creation across processes. */
const TEMPLATE_LOCK_KEY = 0x676b74706cn.toString();

/** Hash of every file in the migrations folder: a new migration means a new template. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else hash.update(`${prefix}${entry.name}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(migrationsFolder, '');
  return hash.digest('hex').slice(0, 16);
}

export function templateDatabaseName(): string {
  return `${TEMPLATE_PREFIX}${migrationsHash()}`;
}

/** `url` with its database replaced. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: testDatabaseUrl(),
    connectionTimeoutMillis: 5000,
    application_name: 'groupkit-tests',
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Once per process: the template exists (created by whichever worker got there first). */
let templateReady: Promise<string> | undefined;

function ensureTemplate(): Promise<string> {
  templateReady ??= createTemplate().catch((error: unknown) => {
    templateReady = undefined;
    throw error;
  });
  return templateReady;
}

async function createTemplate(): Promise<string> {
  const name = templateDatabaseName();
  await withAdmin(async (admin) => {
    // Parallel Vitest workers: one creates the template, the others wait here, then see it.
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      const { rows } = await admin.query<{ datname: string; datistemplate: boolean }>(
        'select datname, datistemplate from pg_database where datname like $1',
        [`${TEMPLATE_PREFIX}%`],
      );
      if (rows.some((row) => row.datname === name && row.datistemplate)) return;
      // Templates of older migrations, or this one half-built by a crashed run.
      for (const row of rows) {
        if (row.datistemplate)
          await admin.query(`alter database ${ident(row.datname)} is_template false`);
        await admin.query(`drop database if exists ${ident(row.datname)} with (force)`);
      }
      await admin.query(`create database ${ident(name)} template template0`);
      const database = await openDatabase(withDatabase(testDatabaseUrl(), name), { poolSize: 1 });
      try {
        await migrateDatabase(database);
      } finally {
        await database.close();
      }
      // Marked only once migrated: an unmarked template is rebuilt on the next run.
      await admin.query(`alter database ${ident(name)} is_template true`);
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
  return name;
}

/**
 * A new PostgreSQL database for one test file: a copy of the migrated template (made once,
 * then reused while the migrations are unchanged), or empty with `{ empty: true }`.
 */
export async function createTestDatabase(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const name = `${TEST_PREFIX}${randomBytes(8).toString('hex')}`;
  const clone = async () => {
    const template = options.empty ? 'template0' : await ensureTemplate();
    await withAdmin(async (admin) => {
      // Shared: clones run side by side, but never while a template is built or dropped.
      await admin.query('select pg_advisory_lock_shared($1)', [TEMPLATE_LOCK_KEY]);
      await admin.query(`create database ${ident(name)} template ${ident(template)}`);
      // The lock goes with the session, when withAdmin ends it.
    });
  };
  try {
    await clone();
  } catch (error) {
    // 3D000: the template was dropped meanwhile (a run on other migrations replaced it).
    if ((error as { code?: string }).code !== '3D000') throw error;
    templateReady = undefined;
    await clone();
  }
  let dropped: Promise<void> | undefined;
  return {
    url: withDatabase(testDatabaseUrl(), name),
    drop: () =>
      (dropped ??= withAdmin(async (admin) => {
        await admin.query(`drop database if exists ${ident(name)} with (force)`);
      })),
  };
}

function primaryKeyColumns(table: (typeof tablesByName)[keyof typeof tablesByName]): Column[] {
  const config = getTableConfig(table);
  const composite = config.primaryKeys[0];
  if (composite) return composite.columns;
  return config.columns.filter((column) => column.primary);
}

/**
 * Every table's rows (as drizzle maps them: camelCase keys, parsed JSON, numbers, Dates),
 * ordered by primary key, keyed by SQL table name.
 */
export async function dumpAllTables(database: Database): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const name of tableNames) {
    const table = tablesByName[name];
    dump[name] = await database.db
      .select()
      .from(table)
      .orderBy(...primaryKeyColumns(table).map((column) => asc(column)));
  }
  return dump;
}
