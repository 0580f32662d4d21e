/**
 * A list sent as one parameter (`textList`) reaches PostgreSQL as the same strings in the same
 * order, whatever they hold: quotes, backslashes, braces, commas, spaces, the word NULL, any
 * Unicode. Only values holding U+0000, which PostgreSQL text cannot hold, are left out (the
 * whole parameter would be refused). On PGlite and PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connect';
import { databaseTargets } from '../../db/__tests__/helpers';
import { rows, textList } from '../sqlRows';

const PIECES = [
  '"',
  '\\',
  '{',
  '}',
  ',',
  ' ',
  'NULL',
  'null',
  "'",
  'a',
  'É',
  '\u0301',
  '😀',
  '\t',
  '\n',
];
const valueArb = fc.oneof(
  { arbitrary: fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 6 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 2 },
  { arbitrary: fc.constantFrom('u_ada\u0000', '\u0000'), weight: 1 },
);

describe.each(databaseTargets)('text lists ($name)', (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ database, cleanup } = await target.open());
  }, 60_000);
  afterAll(async () => {
    await cleanup?.();
  });

  const roundTrip = async (values: string[]) => {
    const [row] = await rows<{ values: string[] }>(
      database.db,
      sql`select coalesce(json_agg(v order by n), '[]'::json) as values
        from unnest(${textList(values)}) with ordinality as t(v, n)`,
    );
    return row?.values;
  };

  it('arrives as the same strings in the same order, without those holding U+0000', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(valueArb, { maxLength: 6 }), async (values) => {
        expect(await roundTrip(values)).toEqual(values.filter((v) => !v.includes('\u0000')));
      }),
      { numRuns: 150, seed: 20261204 },
    );
  });

  it('finds rows by any of the values', async () => {
    const [row] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from (values ('a"b'), ('c\\d'), ('NULL')) as t(v)
        where v = any(${textList(['a"b', 'c\\d', 'NULL', 'x', 'y\u0000'])})`,
    );
    expect(row?.n).toBe(3);
  });
});
