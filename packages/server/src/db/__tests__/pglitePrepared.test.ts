/**
 * On PGlite a load statement is prepared once per instance and run with `EXECUTE` and its
 * values as literals: the rows are the plain statement's whatever the values hold, a first
 * use by several requests at once prepares once, and a statement prepared in a transaction
 * that failed or rolled back still serves the next request.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, openDatabase } from '../connect';
import { pglitePreparedRows } from '../pglitePrepared';

let database: Database;
beforeAll(async () => {
  database = await openDatabase('memory');
});
afterAll(async () => {
  await database?.close();
});

const TEXT = `select $1::text as a, $2::text as b, length($1::text) as n, $3::jsonb as j`;
let names = 0;
const fresh = () => `gk_test_${++names}`;
const prepared = async () =>
  (await database.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements'))
    .rows[0]?.n;

it('answers as the plain statement does, whatever the values hold', async () => {
  const name = fresh();
  const valueArb = fc.string({
    unit: fc.constantFrom("'", "''", '\\', '"', '$1', ')', ';', '--', 'é', '😀', 'a', ' '),
    maxLength: 8,
  });
  await fc.assert(
    fc.asyncProperty(valueArb, valueArb, async (a, b) => {
      const values = [a, b, JSON.stringify([a, b])];
      const rows = await pglitePreparedRows(database.db, name, TEXT, values);
      const plain = await database.query(TEXT, values);
      expect(rows).toEqual(plain.rows);
    }),
    { numRuns: 100, seed: 1204 },
  );
});

it('leaves a value holding U+0000 to the caller (no literal can carry it)', async () => {
  expect(await pglitePreparedRows(database.db, fresh(), TEXT, ['a\u0000', 'b', '[]'])).toBe(
    undefined,
  );
});

it('prepares once when several requests use a statement first at once', async () => {
  const name = fresh();
  const before = await prepared();
  const answers = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      pglitePreparedRows<{ a: string }>(database.db, name, TEXT, [`x${i}`, 'y', '[]']),
    ),
  );
  expect(answers.map((rows) => rows?.[0]?.a)).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
  expect(await prepared()).toBe((before ?? 0) + 1);
});

it('keeps a statement prepared in a transaction that rolled back, and recovers from a failed one', async () => {
  const kept = fresh();
  await expect(
    database.transaction(async (tx) => {
      await pglitePreparedRows(tx, kept, TEXT, ['a', 'b', '[]']);
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  expect(await pglitePreparedRows(database.db, kept, TEXT, ['c', 'd', '[]'])).toMatchObject([
    { a: 'c', b: 'd' },
  ]);

  // A PREPARE in a transaction already failed fails with it, and is not taken as made.
  const later = fresh();
  await expect(
    database.transaction(async (tx) => {
      await tx.execute(sql`select 1 / 0`).catch(() => undefined);
      await pglitePreparedRows(tx, later, TEXT, ['a', 'b', '[]']);
    }),
  ).rejects.toThrow();
  expect(await pglitePreparedRows(database.db, later, TEXT, ['e', 'f', '[]'])).toMatchObject([
    { a: 'e', b: 'f' },
  ]);
});

it('is not used off PGlite: a database it does not know gets undefined', async () => {
  const other = await openDatabase('memory');
  try {
    // Another drizzle instance over the same kind of driver, never registered.
    const { drizzle } = await import('drizzle-orm/pglite');
    const stranger = drizzle({ client: (other as Extract<Database, { kind: 'pglite' }>).client });
    expect(await pglitePreparedRows(stranger, fresh(), TEXT, ['a', 'b', '[]'])).toBe(undefined);
  } finally {
    await other.close();
  }
});

it("runs a transaction's commit statements prepared once, writing every value as given", async () => {
  await database.query('create table if not exists written (k text primary key, v jsonb, n int)');
  const write = (k: string, v: unknown, n: number) =>
    database.transaction(async (_tx, atCommit) => {
      atCommit.add(
        sql`insert into written (k, v, n) values (${k}, ${JSON.stringify(v)}::jsonb, ${n})
          on conflict (k) do update set v = excluded.v, n = written.n + excluded.n`,
      );
      atCommit.add(sql`update written set n = n + ${1} where k = ${k}`);
    });
  const start = (await prepared()) ?? 0;
  await write('first', { a: 1 }, 1);
  const before = await prepared();
  expect(before).toBe(start + 2);
  const odd = ["it's", 'back\\slash', '$1', '--', '😀'];
  for (const k of odd) await write(k, { k, quote: "'" }, 2);
  await write('first', [], 5);
  // Two texts, prepared at the first write: none more since.
  expect(await prepared()).toBe(before);
  // A value no literal carries runs unprepared, and fails as it always did: nothing written.
  await expect(write('a\u0000b', {}, 1)).rejects.toThrow();
  const rows = (
    await database.query<{ k: string; v: unknown; n: number }>('select k, v, n from written')
  ).rows;
  expect(new Map(rows.map((r) => [r.k, [r.v, r.n]]))).toEqual(
    new Map<string, [unknown, number]>([
      ['first', [[], 8]],
      ...odd.map((k): [string, [unknown, number]] => [k, [{ k, quote: "'" }, 3]]),
    ]),
  );
});
