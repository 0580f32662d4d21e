/**
 * Applies the drizzle-kit migrations in `packages/server/drizzle` with drizzle's own
 * migrators. Idempotent: applied migrations are recorded in `drizzle.__drizzle_migrations`.
 */
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './connect';

/**
 * The migrations folder: `../../drizzle` from this file in the sources (`src/db/`); the
 * second candidate covers a flat bundle in `dist/`.
 */
export const migrationsFolder: string = (() => {
  const fromSources = fileURLToPath(new URL('../../drizzle', import.meta.url));
  const fromBundle = fileURLToPath(new URL('../drizzle', import.meta.url));
  const present = (dir: string) => existsSync(join(dir, 'meta', '_journal.json'));
  return !present(fromSources) && present(fromBundle) ? fromBundle : fromSources;
})();

/** Session-level advisory lock key taken around PostgreSQL migrations ('groupkit' in ASCII). */
export const MIGRATION_LOCK_KEY = 0x67726f75706b6974n;

/** In-process queue per database: two migrators on one PGlite instance would interleave. */
const running = new WeakMap<Database, Promise<unknown>>();

/**
 * Brings the database to the latest schema. Safe to call on every start, and from several
 * processes at once against one PostgreSQL database (they take turns on an advisory lock).
 */
export function migrateDatabase(database: Database): Promise<void> {
  const previous = running.get(database) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => migrateNow(database));
  running.set(database, next);
  return next;
}

async function migrateNow(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(drizzlePglite({ client: database.client }), { migrationsFolder });
    return;
  }
  // One dedicated connection holds the lock and runs the migrator, so the lock really
  // covers it (a session-level lock belongs to the connection that took it).
  const client = await database.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } catch (error) {
    // Don't return a connection in an unknown state (open transaction, lock held) to the
    // pool: destroying it also ends its session, which releases the lock.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken ?? false);
  }
}
