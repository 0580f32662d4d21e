import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';

/** The rows of one statement, whichever the driver. */
export async function rows<Row>(tx: Pick<Tx, 'execute'>, query: SQL): Promise<Row[]> {
  const result = (await tx.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/**
 * A list as one text array made from one JSON parameter, for `column = any(${textList(…)})`:
 * drivers differ on array parameters, and an empty list must still be valid SQL. `= any` of
 * an array (not `in (select …)`) lets the planner use the primary-key index: with `in` it
 * chose a hash join over every user of the project (100,000 rows read for one). A value holding
 * U+0000 is left out: PostgreSQL text and jsonb cannot hold that character (jsonb refuses
 * the whole parameter), so no row can match it, and a lookup of `u_ada\0` finds nothing.
 */
export const textList = (values: readonly string[]) => {
  const storable = values.filter((v) => !v.includes('\u0000'));
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(storable)}::jsonb))`;
};

/** Rows per multi-row statement when writing many (a 100,000-user seed). */
export const CHUNK = 2000;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows of JSON records as a set (`jsonb_array_elements … WITH ORDINALITY`), in array order. */
export const jsonRows = (items: readonly unknown[]) =>
  sql`jsonb_array_elements(${JSON.stringify(items)}::jsonb) with ordinality as r(v, n)`;
