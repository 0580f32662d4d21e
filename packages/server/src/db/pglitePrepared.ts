/**
 * Prepared statements on PGlite. Its driver sends every statement unnamed, so a load
 * statement of ten sub-selects was parsed and planned at every request, which on PGlite (in
 * WebAssembly) cost most of the request: a four-sub-select statement took 652 µs unnamed and
 * 204 µs as `EXECUTE` of a statement prepared once. A PGlite instance is one session, so a
 * statement `PREPARE`d once serves every later request, inside a transaction or not (a
 * prepared statement outlives the transaction it was made in, even rolled back).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db, QueryRows, Tx } from './connect';

/** Statements prepared on one PGlite instance (or being), by name. */
export type PglitePrepared = Map<string, Promise<void>>;

/** Each PGlite database's drizzle instance, and its transactions, to their instance's statements. */
const preparedOf = new WeakMap<object, PglitePrepared>();

/** Marks `tx` (PGlite's drizzle database or one of its transactions) as running on `prepared`'s instance. */
export function registerPglite(tx: object, prepared: PglitePrepared): void {
  preparedOf.set(tx, prepared);
}

/** A value as a SQL literal, or undefined when it cannot be one (a parameter must carry it). */
function literal(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // PostgreSQL text cannot hold U+0000: such a value goes as a parameter, which fails as before.
  if (typeof value === 'string' && !value.includes('\u0000')) {
    // `standard_conforming_strings` is on (PGlite's default): only quotes need doubling.
    return `'${value.replaceAll("'", "''")}'`;
  }
  return undefined;
}

/** `name` prepared on the instance once: a concurrent first use waits for the same PREPARE. */
async function ensurePrepared(
  prepared: PglitePrepared,
  name: string,
  prepare: () => Promise<unknown>,
) {
  for (;;) {
    const pending = prepared.get(name);
    if (pending === undefined) {
      const made = prepare().then(() => undefined);
      prepared.set(name, made);
      try {
        await made;
        return;
      } catch (error) {
        prepared.delete(name);
        throw error;
      }
    }
    try {
      await pending;
      return;
    } catch {
      // Another request's PREPARE failed (its transaction had failed): prepare it here.
      if (prepared.get(name) === pending) prepared.delete(name);
    }
  }
}

/**
 * The rows of the statement `text` (placeholders `$1`…) with `values`, through a statement
 * prepared under `name` when `tx` runs on PGlite; undefined when it does not, or when a value
 * cannot be written as a literal (the caller runs the statement as it would otherwise).
 */
export async function pglitePreparedRows<Row>(
  tx: Pick<Tx, 'execute'>,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<Row[] | undefined> {
  const prepared = preparedOf.get(tx as Db);
  if (prepared === undefined) return undefined;
  const literals = values.map(literal);
  if (literals.some((value) => value === undefined)) return undefined;
  // Quoted: statement names hold base64url (`-`, mixed case).
  const quoted = `"${name}"`;
  await ensurePrepared(prepared, name, () => tx.execute(sql.raw(`prepare ${quoted} as ${text}`)));
  const execute: SQL = sql.raw(
    literals.length === 0 ? `execute ${quoted}` : `execute ${quoted}(${literals.join(', ')})`,
  );
  return ((await tx.execute(execute)) as unknown as QueryRows<Row>).rows;
}
