/**
 * The load statement reads one user, or one account group, with its own text (`id = $1`, the
 * row in a list of one, not an aggregate), as an end user's every request does. Whatever the
 * id, it must read exactly what the list text reads for the same id: the user, their
 * memberships in order, their failed code attempts, the account group; nothing for an id no
 * row has, an id holding U+0000 (which PostgreSQL text cannot hold) included. On PGlite
 * (prepared with quoted literals) and PostgreSQL (bound parameters).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../app/keys';
import type { Database } from '../../db/connect';
import { databaseTargets } from '../../db/__tests__/helpers';
import { seedDatabase } from '../../seed/seedDatabase';
import { PUBLISHABLE_KEY } from '../../__tests__/support/http';
import { loadRows } from '../loadStatement';

/** Ids of rows the test makes, beside the seed's: each made to trip a way of writing an id. */
const ODD_IDS = ["u_o'brien", 'u_back\\slash', 'u_"quoted"', 'u_$1', 'u_--comment', 'u_É😀'];
/** An id in the list text only, never a row: it turns a one-id load into a many-id one. */
const ABSENT = 'u_absent_from_every_table';

const idArb = fc.oneof(
  fc.constantFrom('u_ada', 'u_grace', 'u_alan', 'acme', ...ODD_IDS),
  fc.constantFrom('u_ada\u0000', '\u0000', '', 'U_ADA', 'u_ada '),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

describe.each(databaseTargets)('the load statement for one id ($name)', (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await target.open());
    await seedDatabase(database, { scenario: 'default', reset: true });
    // Rows under odd ids, as a request would store them (data as the engine writes it).
    for (const [i, id] of ODD_IDS.entries()) {
      await database.query(
        `insert into users (project_id, id, data) values ('demo', $1, $2)
         on conflict do nothing`,
        [id, JSON.stringify({ id, firstname: `Odd ${i}`, attributes: {} })],
      );
      await database.query(
        `insert into account_groups (project_id, id, data) values ('demo', $1, $2)
         on conflict do nothing`,
        [id, JSON.stringify({ id, name: `Odd ${i}`, properties: {} })],
      );
      await database.query(
        `insert into redeem_failures (project_id, user_id, times) values ('demo', $1, $2)`,
        [id, JSON.stringify([1_000 + i, 2_000 + i])],
      );
    }
    await database.query(
      `insert into redeem_failures (project_id, user_id, times) values ('demo', 'u_ada', '[5, 6]')`,
    );
  }, 60_000);
  afterAll(async () => {
    await cleanup?.();
  });

  const load = (users: string[], accountGroups: string[]) =>
    loadRows(database.db, 'demo', { key: hashKey(PUBLISHABLE_KEY) }, { users, accountGroups }, []);

  it("reads a user's record, memberships, failed attempts and account group", async () => {
    const rows = await load(['u_ada'], ['acme']);
    expect(rows.users.map((u) => u.id)).toEqual(['u_ada']);
    expect(rows.memberships.length).toBeGreaterThan(0);
    expect(rows.memberships.every((m) => m.userId === 'u_ada')).toBe(true);
    expect(rows.failures).toEqual([['u_ada', [5, 6]]]);
    expect(rows.accountGroups.map((g) => g.id)).toEqual(['acme']);
    const none = await load(['u_nobody'], ['nobody']);
    expect([none.users, none.memberships, none.failures, none.accountGroups]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });

  it('reads for any one id exactly what the list text reads for it', async () => {
    await fc.assert(
      fc.asyncProperty(idArb, idArb, async (user, group) => {
        const one = await load([user], [group]);
        const many = await load([user, ABSENT], [group, ABSENT]);
        expect(one.owner).toEqual(many.owner);
        expect(one.users).toEqual(many.users);
        expect(one.memberships).toEqual(many.memberships);
        expect(one.failures).toEqual(many.failures);
        expect(one.accountGroups).toEqual(many.accountGroups);
      }),
      { numRuns: 60, seed: 20261204 },
    );
    // The odd ids were found, not merely equally missed.
    const odd = await load([ODD_IDS[0] as string], [ODD_IDS[0] as string]);
    expect(odd.users).toHaveLength(1);
    expect(odd.failures).toEqual([[ODD_IDS[0], [1_000, 2_000]]]);
    expect(odd.accountGroups).toHaveLength(1);
  });
});
