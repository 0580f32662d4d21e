/**
 * A rule-set change recalculating an automatic group over 100,000 users while those users'
 * attributes are being updated through another server process: afterwards the group's
 * members are exactly a from-scratch evaluation of its rule set (the engine's own
 * `matchesRuleSet`) over the users as they ended up.
 */
import { matchesRuleSet, type RuleSet, type UserRecord } from '@groupkit/mock-api/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/connect';
import { migrateDatabase } from '../db/migrate';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { seedDatabase } from '../seed/seedDatabase';
import { killAllStarted, startCli, type StartedCli } from './support/cliProcess';
import { callApi, SECRET_KEY } from './support/http';

let testDatabase: TestDatabase;
let db: Database;
let servers: StartedCli[] = [];
/** The URL of server process `n`. */
const urlOf = (n: number) => (servers[n] as StartedCli).url;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  db = await openDatabase(testDatabase.url);
  await migrateDatabase(db);
  await seedDatabase(db, { scenario: 'largeOrg' });
  servers = await Promise.all([
    startCli(['--database', testDatabase.url, '--port', '0'], { LOG_LEVEL: 'warn' }),
    startCli(['--database', testDatabase.url, '--port', '0'], { LOG_LEVEL: 'warn' }),
  ]);
}, 180_000);
afterAll(async () => {
  await killAllStarted();
  await db?.close();
  await testDatabase?.drop();
});

it('recalculates uk-users for 100,000 users while 300 users move country: members equal a fresh evaluation', async () => {
  const ruleset: RuleSet = {
    operator: 'OR',
    sets: [
      {
        id: 'set_de',
        rules: [
          {
            id: 'rule_de',
            type: 'attribute',
            payload: { field: 'country', op: 'eq', value: 'DE' },
          },
        ],
      },
      {
        id: 'set_fr_pro',
        rules: [
          {
            id: 'rule_fr',
            type: 'attribute',
            payload: { field: 'country', op: 'eq', value: 'FR' },
          },
          { id: 'rule_pro', type: 'attribute', payload: { field: 'plan', op: 'eq', value: 'pro' } },
        ],
      },
    ],
  };
  // Users spread over the whole range, each moved to DE or FR or away, during the recalculation.
  const moves = Array.from({ length: 300 }, (_, i) => ({
    id: `u_${String(1 + i * 331).padStart(5, '0')}`,
    country: ['DE', 'FR', 'JP'][i % 3] as string,
  }));
  const [recalculation, ...updates] = await Promise.all([
    callApi(urlOf(0), '/v1/user-groups/uk-users', {
      method: 'PUT',
      key: SECRET_KEY,
      json: { ruleset },
    }),
    ...moves.map((move, i) =>
      callApi(urlOf(1 - (i % 2)), `/v1/users/${move.id}`, {
        method: 'PUT',
        key: SECRET_KEY,
        json: { attributes: { country: move.country } },
      }),
    ),
  ]);
  expect(recalculation.status).toBe(200);
  expect(updates.map((u) => u.status)).toEqual(moves.map(() => 200));

  const { rows: users } = await db.query<{ data: UserRecord }>(
    "select data from users where project_id = 'demo'",
  );
  expect(users).toHaveLength(100_000);
  const group = (recalculation.body as { id: string; ruleset: RuleSet }).ruleset;
  const expected = users
    .map((u) => u.data)
    .filter((user) => matchesRuleSet(group, user))
    .map((user) => user.id)
    .sort();
  const { rows: members } = await db.query<{ user_id: string }>(
    `select m.user_id from memberships m join user_groups g on g.project_id = m.project_id and g.id = m.group_id
     where m.project_id = 'demo' and g.slug = 'uk-users' order by m.user_id`,
  );
  expect(members.map((m) => m.user_id).sort()).toEqual(expected);
  // The moved users are among the checked ones, both ways.
  expect(expected).toContain((moves.find((m) => m.country === 'DE') as { id: string }).id);
  expect(expected).not.toContain((moves.find((m) => m.country === 'JP') as { id: string }).id);
  // The count the API answers (the group's row and its shards) is the members'.
  const read = await callApi(urlOf(0), '/v1/user-groups/uk-users', { key: SECRET_KEY });
  expect((read.body as { memberCount: number }).memberCount).toBe(expected.length);
}, 120_000);
