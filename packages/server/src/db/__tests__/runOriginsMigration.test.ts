import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../connect';
import { migrateDatabase, migrationsFolder } from '../migrate';

/** The statements of one migration file, as drizzle's migrator splits them. */
const statementsOf = (file: string) =>
  readFileSync(join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint');

const run = (id: string, origin: string, opIndex?: number) => ({
  id,
  automationId: 'a1',
  name: 'Welcome',
  userId: 'u_ada',
  groupId: 'g1',
  event: 'added_to',
  origin,
  at: '2026-11-01T00:00:00.000Z',
  ...(opIndex === undefined ? {} : { opIndex }),
});

describe('migration 0003: automation runs logged under the old origin names', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase('memory');
    await migrateDatabase(database);
    await database.query(`insert into projects (id) values ('p')`);
  });
  afterAll(() => database?.close());

  it('renames membership_change to user and redeem_code to code (without an opIndex); admin stays', async () => {
    const old = [
      run('r1', 'membership_change', 1),
      run('r2', 'redeem_code', 0),
      run('r3', 'admin', 2),
    ];
    for (const data of old) {
      await database.query(
        `insert into automation_runs (project_id, id, user_id, data) values ('p', $1, 'u_ada', $2::jsonb)`,
        [data.id, JSON.stringify(data)],
      );
    }
    // Replayed as the migrator would have run it on a database that had these rows.
    for (const statement of statementsOf('0003_automation_run_origins.sql')) {
      await database.query(statement);
    }
    const { rows } = await database.query<{ data: Record<string, unknown> }>(
      `select data from automation_runs order by seq`,
    );
    expect(rows.map((r) => r.data)).toEqual([
      run('r1', 'user', 1),
      run('r2', 'code'),
      run('r3', 'admin', 2),
    ]);
  });
});
