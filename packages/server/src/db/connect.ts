/**
 * Opens the database: PostgreSQL through a `pg` pool, or embedded PGlite (in memory or in a
 * directory). Both come back as one `Database`, with a drizzle instance over the same schema.
 */
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;

/**
 * What both drivers' raw results (`db.execute`, writes without `returning`) have in common:
 * `rows` (node-postgres adds `rowCount`, PGlite `affectedRows`).
 */
export interface QueryResultHKT extends PgQueryResultHKT {
  type: QueryRows<this['row']>;
}

export interface QueryRows<Row> {
  rows: Row[];
}

/** The drizzle instance, whichever the driver. */
export type Db = PgDatabase<QueryResultHKT, Schema>;

/** A drizzle transaction, whichever the driver. */
export type Tx = PgTransaction<QueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface TransactionOptions {
  isolationLevel?: 'read committed' | 'repeatable read' | 'serializable';
  accessMode?: 'read only' | 'read write';
  /**
   * PostgreSQL: ms the whole transaction may take once it has a connection (the wait for
   * one is bounded by `connectionTimeoutMillis`), to the answer to its COMMIT. Past it the
   * transaction fails with a `TransactionTimeoutError` and its connection is cut: PostgreSQL
   * rolls it back, the pool opens another. Bounds a transaction on a database that is slow at
   * every statement, which per-statement limits (`statementTimeout`, `queryTimeout`) do not.
   * Ignored by PGlite.
   * @default undefined (no limit)
   */
  timeoutMs?: number;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL: most connections in the pool. @default 10 */
  poolSize?: number;
  /** PostgreSQL: ms to wait for a connection before failing. @default 5000 */
  connectionTimeoutMillis?: number;
  /** PostgreSQL: the server aborts any statement running longer (ms). @default undefined (no limit) */
  statementTimeout?: number;
  /**
   * PostgreSQL: ms the client waits for any one query's answer before failing it (a
   * database gone silent, not just slow). @default undefined (no limit)
   */
  queryTimeout?: number;
  /** PostgreSQL: `application_name`, seen in `pg_stat_activity`. @default 'groupkit-server' */
  applicationName?: string;
  /**
   * PostgreSQL: an idle pooled connection failed (server restart, network). The pool drops
   * it and opens another when needed.
   * @default logs the error to stderr
   */
  onPoolError?: (error: Error) => void;
}

interface DatabaseBase {
  /** For the ready line: never contains a password. */
  label: string;
  db: Db;
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Raw SQL on the pool (PostgreSQL) or the instance (PGlite). One statement. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sqlText: string,
    params?: unknown[],
  ): Promise<{ rows: Row[] }>;
  /** Resolves when the database answers `select 1`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface PostgresDatabase extends DatabaseBase {
  kind: 'postgres';
  pool: pg.Pool;
}

export interface PgliteDatabase extends DatabaseBase {
  kind: 'pglite';
  client: PGlite;
}

export type Database = PostgresDatabase | PgliteDatabase;

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export function isMemoryTarget(target: string): boolean {
  return target === 'memory' || target === 'memory://';
}

/**
 * `postgres://…` or `postgresql://…`: PostgreSQL. `memory`: PGlite in memory. Anything
 * else: a directory for PGlite's files (created if missing).
 */
export async function openDatabase(
  target: string,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  if (isPostgresUrl(target)) return openPostgres(target, options);
  return openPglite(target);
}

/** `PostgreSQL at host:port/database`, without user or password. */
export function postgresLabel(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'PostgreSQL';
  }
  const host =
    parsed.hostname || parsed.searchParams.get('host') || process.env.PGHOST || 'localhost';
  const port = parsed.port || parsed.searchParams.get('port') || process.env.PGPORT || '5432';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)';
  return `PostgreSQL at ${decodeURIComponent(host)}:${port}/${database}`;
}

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

/** One drizzle instance per pooled connection, made on its first request. */
const drizzleOf = new WeakMap<pg.PoolClient, Db>();

/**
 * A transaction on a pooled PostgreSQL connection, with the connection handled here,
 * because drizzle's own `transaction` over a pool gets two failures wrong:
 * - it sends BEGIN outside its try/finally: a connection that died during BEGIN was never
 *   released, and a few of those left the pool with no connection at all (every request
 *   503 until a restart);
 * - pg emits `error` on a checked-out connection that drops, and the pool only listens
 *   while it is idle: an uncaught exception, and the server process died.
 * A transaction that threw gives its connection back with the error: the pool closes it.
 */
async function pooledTransaction<T>(
  pool: pg.Pool,
  fn: (tx: Tx) => Promise<T>,
  { timeoutMs, ...options }: TransactionOptions = {},
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
    let db = drizzleOf.get(client);
    if (!db) {
      db = drizzleNodePg({ client, schema });
      drizzleOf.set(client, db);
    }
    return await db.transaction(async (tx) => {
      // The server side of the same bound: a statement still waiting (on a lock) when the
      // connection is cut ends at this limit instead of the pool-wide one, so cut requests
      // do not leave backends piling up behind a lock.
      if (timeoutMs !== undefined) {
        await tx.execute(sql.raw(`set local statement_timeout = ${Math.ceil(timeoutMs)}`));
      }
      return fn(tx);
    }, options);
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

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<PostgresDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
    application_name: options.applicationName ?? 'groupkit-server',
    ...(options.statementTimeout !== undefined && {
      statement_timeout: options.statementTimeout,
    }),
    ...(options.queryTimeout !== undefined && { query_timeout: options.queryTimeout }),
  });
  // Without a listener, an idle connection's error would crash the process.
  pool.on(
    'error',
    options.onPoolError ??
      ((error) => console.error(`groupkit: idle PostgreSQL connection failed: ${error.message}`)),
  );
  const db: Db = drizzleNodePg({ client: pool, schema });
  return {
    kind: 'postgres',
    label: postgresLabel(url),
    pool,
    db,
    transaction: (fn, transactionOptions) => pooledTransaction(pool, fn, transactionOptions),
    query: async <Row extends Record<string, unknown>>(sqlText: string, params?: unknown[]) => {
      const result = await pool.query<Row>(sqlText, params);
      return { rows: result.rows };
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      // pg throws when a pool is ended twice.
      if (!pool.ending) await pool.end();
    },
  };
}

async function openPglite(target: string): Promise<PgliteDatabase> {
  let client: PGlite;
  let label: string;
  if (isMemoryTarget(target)) {
    client = await PGlite.create();
    label = 'PGlite in memory';
  } else {
    const dataDir = resolve(target);
    await mkdir(dataDir, { recursive: true });
    client = await PGlite.create(dataDir);
    label = `PGlite at ${target}`;
  }
  const db: Db = drizzlePglite({ client, schema });
  return {
    kind: 'pglite',
    label,
    client,
    db,
    transaction: (fn, transactionOptions) => db.transaction(fn, transactionOptions),
    query: async <Row extends Record<string, unknown>>(sqlText: string, params?: unknown[]) => {
      const result = await client.query<Row>(sqlText, params);
      return { rows: result.rows };
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}
