/**
 * Opens the database: PostgreSQL through a `pg` pool, or embedded PGlite (in memory or in a
 * directory). Both come back as one `Database`, with a drizzle instance over the same schema.
 */
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { type PglitePrepared, registerPglite } from './pglitePrepared';
import { onPooledClient, pooledTransaction, runPrepared } from './pooledConnection';
import * as schema from './schema';

export {
  preparedShapeRows,
  runPrepared,
  sendWithNext,
  TransactionTimeoutError,
} from './pooledConnection';

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

/**
 * What a transaction's callback gets: the drizzle database bound to the transaction's
 * connection (PostgreSQL), or drizzle's own transaction (PGlite, a subtype). Statements only:
 * the transaction itself is begun and ended by `Database.transaction`.
 */
export type Tx = Db;

/**
 * Statements a transaction sends with its COMMIT, in order, in the same round trip
 * (PostgreSQL): a write's whole diff goes in one trip instead of one per statement, and
 * the row locks those statements take (a popular group's member-count row) are held for
 * the commit alone, instead of every writer of that group queueing behind a client round
 * trip more. A failing statement fails the COMMIT with it: the transaction rolls back.
 */
export interface CommitStatements {
  add(statement: SQL): void;
}

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

export interface ReadOptions {
  /**
   * PostgreSQL: ms the read may take once it has a connection; past it the connection is
   * cut (`TransactionTimeoutError`). The server side is bounded by the pool's
   * `statementTimeout`, which a read cannot raise (it sends no SET).
   * @default undefined (no limit)
   */
  timeoutMs?: number;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL: most connections in the pool. @default 10 */
  poolSize?: number;
  /** PostgreSQL: ms to wait for a connection before failing. @default 5000 */
  connectionTimeoutMillis?: number;
  /**
   * PostgreSQL: the server aborts any statement running longer (ms), for statements outside
   * a transaction (`read`, `query`). Set at connect, so it costs no round trip per request.
   * @default undefined (no limit)
   */
  statementTimeout?: number;
  /**
   * PostgreSQL: the statement limit inside a transaction that has no `timeoutMs` of its own
   * (seeding, key creation): `SET LOCAL` with its BEGIN. A transaction with `timeoutMs` gets
   * that instead.
   * @default statementTimeout
   */
  transactionStatementTimeout?: number;
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
  transaction<T>(
    fn: (tx: Tx, atCommit: CommitStatements) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  /**
   * Statements on one connection outside any transaction: each is its own snapshot, so a
   * read that needs one consistent view must be one statement. Saves the BEGIN and COMMIT
   * round trips of a read-only transaction.
   */
  read<T>(fn: (tx: Tx) => Promise<T>, options?: ReadOptions): Promise<T>;
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
    transaction: (fn, transactionOptions = {}) =>
      pooledTransaction(
        pool,
        fn,
        transactionOptions,
        options.transactionStatementTimeout ?? options.statementTimeout,
      ),
    read: (fn, readOptions = {}) =>
      onPooledClient(pool, readOptions.timeoutMs, (connection) => fn(connection.db)),
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
  const prepared: PglitePrepared = new Map();
  registerPglite(db, prepared);
  return {
    kind: 'pglite',
    label,
    client,
    db,
    // One connection, one statement at a time: no round trips to save. Statements for the
    // commit run last in the transaction, each prepared once per instance (`runPrepared`).
    transaction: (fn, transactionOptions) =>
      db.transaction(async (tx) => {
        registerPglite(tx, prepared);
        const final: SQL[] = [];
        const result = await fn(tx, { add: (statement) => final.push(statement) });
        for (const statement of final) await runPrepared(tx, statement);
        return result;
      }, transactionOptions),
    read: (fn) => fn(db),
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
