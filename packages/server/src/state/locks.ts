import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { sendWithNext, type Tx } from '../db/connect';

/**
 * A lock key as PostgreSQL's 64-bit advisory-lock number, hashed here rather than in SQL: a
 * key may hold any text (a guessed code with U+0000), which no SQL text parameter can carry.
 */
export function lockNumber(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

/** The advisory-lock number of a code's redeemers (`LoadSpec.serializeOnCappedCode`). */
export const codeLockNumber = (projectId: string, normalized: string) =>
  lockNumber(`${projectId}:code:${normalized}`);

/**
 * Takes a write's locks for the rest of its transaction (PostgreSQL advisory locks, so they
 * hold across server processes and vanish at commit or rollback). A write that names its
 * keys holds its project shared and each key alone; a write that names none holds its
 * project alone. Keys are taken in one sorted order, so two writes never deadlock.
 *
 * One statement: `UNION ALL` runs its branches in order and `unnest` yields the array in
 * order, so the project lock comes first and the keys follow sorted. The numbers are its
 * parameters (the keys as one comma-separated text), so its text is one of two, prepared
 * once per connection. It costs no round trip of its own: it goes with the load statement
 * that follows (`sendWithNext`), which PostgreSQL runs once the locks are held, with a
 * snapshot of its own (READ COMMITTED).
 */
export async function lockForWrite(
  tx: Pick<Tx, 'execute'>,
  projectId: string,
  keys: readonly string[] | undefined,
  cappedCode?: string,
) {
  const project = lockNumber(`project:${projectId}`);
  if (!keys || keys.length === 0) {
    await sendWithNext(tx, sql`select pg_advisory_xact_lock(${project}::bigint)`);
    return;
  }
  const sorted = [...new Set(keys.map((k) => lockNumber(`${projectId}:${k}`)))].sort();
  await sendWithNext(
    tx,
    sql`select count(*) from (
      select pg_advisory_xact_lock_shared(${project}::bigint) as locked
      union all
      select pg_advisory_xact_lock(k)
        from unnest(string_to_array(${sorted.join(',')}, ',')::bigint[]) as t(k)
    ) as taken`,
  );
  if (cappedCode !== undefined) await lockCappedCode(tx, projectId, cappedCode);
}

/**
 * A capped code's lock (`LoadSpec.serializeOnCappedCode`), taken after the write's other
 * locks, in a statement of its own: its snapshot starts once the project is held shared, so
 * no admin write can change the code's cap between this read and the COMMIT (admin writes
 * hold the project alone), and the cap it reads is the one the engine checks. Taken last by
 * every writer that takes it, and no writer waits for another lock while holding it, so it
 * adds no deadlock to the sorted keys'. A code that does not exist, or has no cap, locks
 * nothing. Sent with the load, as the other locks are: no round trip of its own.
 */
async function lockCappedCode(tx: Pick<Tx, 'execute'>, projectId: string, normalized: string) {
  await sendWithNext(
    tx,
    sql`select count(pg_advisory_xact_lock(${codeLockNumber(projectId, normalized)}::bigint))
      from codes where project_id = ${projectId} and normalized = ${normalized}
        and jsonb_typeof(data->'maxRedemptions') = 'number'`,
  );
}
