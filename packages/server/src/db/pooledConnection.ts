/**
 * Requests on pooled PostgreSQL connections in as few round trips as their statements
 * allow: a transaction's BEGIN travels with its first statement, its writes with its
 * COMMIT, and statements of a bounded variety are prepared once per connection.
 */
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { escapeLiteral } from 'pg';
import type { CommitStatements, Db, QueryRows, TransactionOptions, Tx } from './connect';
import * as schema from './schema';

/**
 * A transaction ran out of its `timeoutMs`. `code` is `ETIMEDOUT`, as for a connection that
 * timed out: the database is unavailable.
 */
export class TransactionTimeoutError extends Error {
  override readonly name = 'TransactionTimeoutError';
  readonly code = 'ETIMEDOUT';
  constructor(ms: number, options?: { cause?: unknown }) {
    super(`the database did not complete the transaction within ${ms} ms`, options);
  }
}

type QueryArgs = [config: pg.QueryConfig, values?: unknown[]];

/**
 * A pooled connection as drizzle sees it: `query` sends a BEGIN still owed first, in the
 * same message as the statement when that is plain text (the simple protocol takes several
 * statements at once; a write's first statement, its locks, is), else just before it.
 */
export class Connection {
  /** The BEGIN (and its `set local`) not yet sent. */
  pending: string | undefined;
  readonly db: Db;
  constructor(readonly client: pg.PoolClient) {
    this.db = drizzleNodePg({ client: this as unknown as pg.PoolClient, schema });
  }

  async query(...[config, values]: QueryArgs): Promise<pg.QueryResult> {
    const begin = this.pending;
    if (begin === undefined) return this.client.query(config, values);
    this.pending = undefined;
    const plain = !config.name && (values ?? config.values ?? []).length === 0;
    if (!plain) {
      await this.client.query(begin);
      return this.client.query(config, values);
    }
    const results = (await this.client.query({
      ...config,
      text: `${begin};\n${config.text}`,
    })) as unknown as pg.QueryResult[];
    return results[results.length - 1] as pg.QueryResult;
  }
}

/** One `Connection` (and drizzle instance) per pooled connection, made on its first request. */
const connectionOf = new WeakMap<pg.PoolClient, Connection>();
const byDb = new WeakMap<Db, Connection>();
const dialect = new PgDialect();
/** Names of prepared statements by text (a bounded variety, see `preparedRows`). */
const statementNames = new Map<string, string>();

/** One name per text: a connection prepares a text once, under this name. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `gk_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Prepared texts of statement shapes, built once (see `preparedShapeRows`). */
const shapes = new Map<string, { name: string; text: string; params: unknown[] }>();

/**
 * A statement's rows through a named prepared statement on PostgreSQL: the connection
 * parses and plans it once, then runs it by name (a load statement of ten sub-selects took
 * longer to plan, ~1 ms, than to run). Its text depends only on `key` (a bounded variety:
 * each connection keeps every statement it prepared): `build` (with `sql.placeholder`s) runs
 * once per key, so a request neither builds nor renders the SQL again (drizzle did that in
 * 7% of a session's CPU), and sends only `values`. Elsewhere (PGlite, one in-process
 * connection) `inline` runs as a plain statement.
 */
export async function preparedShapeRows<Row>(
  tx: Pick<Tx, 'execute'>,
  key: string,
  build: () => SQL,
  inline: () => SQL,
  values: Record<string, unknown>,
): Promise<Row[]> {
  const connection = byDb.get(tx as Db);
  if (!connection) return ((await tx.execute(inline())) as unknown as QueryRows<Row>).rows;
  let shape = shapes.get(key);
  if (shape === undefined) {
    const { sql: text, params } = dialect.sqlToQuery(build());
    shape = { name: statementName(text), text, params };
    shapes.set(key, shape);
  }
  const result = await connection.query({
    name: shape.name,
    text: shape.text,
    values: fillPlaceholders(shape.params, values),
  });
  return result.rows as Row[];
}

/**
 * A statement as text with its parameters written in as literals, for the simple protocol
 * (the only one that takes several statements in one message). Our statements hold `$n`
 * only as parameters; values are text (escaped), numbers, booleans or null.
 */
export function inlined(statement: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return escapeLiteral(typeof value === 'string' ? value : JSON.stringify(value));
  });
}

/** The statements as texts (`inlined`), or undefined as soon as they pass `limit` characters. */
function inlinedWithin(statements: readonly SQL[], limit: number): string[] | undefined {
  const texts: string[] = [];
  let size = 0;
  for (const statement of statements) {
    const text = inlined(statement);
    size += text.length;
    if (size > limit) return undefined;
    texts.push(text);
  }
  return texts;
}

/** The `BEGIN` of a transaction with these options, and its statement limit, as one text. */
function beginText(
  { isolationLevel, accessMode }: TransactionOptions,
  statementTimeoutMs: number | undefined,
): string {
  const begin = ['begin', isolationLevel && `isolation level ${isolationLevel}`, accessMode]
    .filter(Boolean)
    .join(' ');
  return statementTimeoutMs === undefined
    ? begin
    : `${begin}; set local statement_timeout = ${Math.ceil(statementTimeoutMs)}`;
}

/**
 * Runs `fn` on a pooled PostgreSQL connection, with the connection handled here, because
 * drizzle's own `transaction` over a pool gets two failures wrong:
 * - it sends BEGIN outside its try/finally: a connection that died during BEGIN was never
 *   released, and a few of those left the pool with no connection at all (every request
 *   503 until a restart);
 * - pg emits `error` on a checked-out connection that drops, and the pool only listens
 *   while it is idle: an uncaught exception, and the server process died.
 * A run that threw gives its connection back with the error: the pool closes it (and
 * PostgreSQL rolls back whatever transaction it had open).
 */
export async function onPooledClient<T>(
  pool: pg.Pool,
  timeoutMs: number | undefined,
  fn: (connection: Connection) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  // The query in flight fails on its own; this only keeps the event from being thrown.
  const onError = (error: Error) => (failure ??= error);
  client.on('error', onError);
  // Out of time: cut the connection. The statement in flight fails at once, PostgreSQL rolls
  // the transaction back when its connection goes (a statement waiting on a lock ends at its
  // statement_timeout), and the pool replaces it.
  let timedOut = false;
  const deadline =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          failure ??= new TransactionTimeoutError(timeoutMs);
          void client.end().catch(() => undefined);
        }, timeoutMs);
  try {
    let connection = connectionOf.get(client);
    if (!connection) {
      connection = new Connection(client);
      connectionOf.set(client, connection);
      byDb.set(connection.db, connection);
    }
    connection.pending = undefined;
    return await fn(connection);
  } catch (error) {
    // Whatever the cut made the driver say ("Client was closed…"), it was the deadline.
    if (timedOut) throw new TransactionTimeoutError(timeoutMs as number, { cause: error });
    failure ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    clearTimeout(deadline);
    client.off('error', onError);
    client.release(failure);
  }
}

/**
 * Text past which statements for the commit run one by one, parameterised, before it: a
 * seed's 100,000 users as one text of literals would be tens of MB to escape and parse.
 */
const COMMIT_TEXT_LIMIT = 256 * 1024;

/**
 * A transaction in as few round trips as its statements allow: BEGIN, with its statement
 * limit, goes with the first statement (`Connection`), and COMMIT with `atCommit`'s
 * statements. A transaction that ran no statement and wrote nothing sends nothing at all.
 * A failure needs no ROLLBACK: the connection is closed (above).
 */
export function pooledTransaction<T>(
  pool: pg.Pool,
  fn: (tx: Tx, atCommit: CommitStatements) => Promise<T>,
  options: TransactionOptions,
  defaultStatementTimeout: number | undefined,
): Promise<T> {
  return onPooledClient(pool, options.timeoutMs, async (connection) => {
    // The server side of the deadline: a statement still waiting (on a lock) when the
    // connection is cut ends at this limit instead of a longer pool-wide one, so cut
    // requests do not leave backends piling up behind a lock.
    connection.pending = beginText(options, options.timeoutMs ?? defaultStatementTimeout);
    const final: SQL[] = [];
    const result = await fn(connection.db, { add: (statement) => final.push(statement) });
    if (final.length === 0 && connection.pending !== undefined) {
      connection.pending = undefined;
      return result;
    }
    const texts = inlinedWithin(final, COMMIT_TEXT_LIMIT);
    if (texts) {
      await connection.query({ text: [...texts, 'commit'].join(';\n') });
    } else {
      for (const statement of final) await connection.db.execute(statement);
      await connection.query({ text: 'commit' });
    }
    return result;
  });
}
