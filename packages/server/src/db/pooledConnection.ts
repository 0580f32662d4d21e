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
import { Result } from 'pg';
import type { CommitStatements, Db, QueryRows, TransactionOptions, Tx } from './connect';
import { pglitePreparedRows } from './pglitePrepared';
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

/** One statement of a pipeline: prepared once per connection under `name`, or unnamed. */
interface PipelineStatement {
  text: string;
  values: readonly unknown[];
  name?: string | undefined;
  /** As drizzle passes them: its own parsers (timestamps as text), rows as arrays. */
  types?: pg.CustomTypesConfig | undefined;
  rowMode?: 'array' | undefined;
  /** A transaction's own BEGIN, SET or COMMIT: it has no columns to ask for. */
  control?: true;
}

/** A parameter as the text the extended protocol sends (what `pg` sends for these types). */
function wireValue(value: unknown): string | Buffer | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || Buffer.isBuffer(value)) return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Statements sent in one write and answered in one round trip: Parse (the first time a named
 * statement meets this connection), Bind, Describe (until the connection knows a named
 * statement's columns) and Execute for each, then a single Sync.
 * PostgreSQL runs them in order; the first error skips the rest, and the whole pipeline fails
 * with it. In READ COMMITTED each statement still takes its own snapshot when it starts, so a
 * load sent behind its locks reads what the locks' previous holders committed.
 *
 * `pg` drives it as it drives its own `Query` (a "submittable"): it calls `submit` once the
 * connection is free and hands it every message until ReadyForQuery.
 */
class PipelineQuery {
  callback: ((error: Error | null, results?: pg.QueryResult[]) => void) | undefined;
  private readonly results: pg.QueryResult[];
  /** Per statement: whether it asks for its columns (a Describe), answered before its rows. */
  private readonly describes: boolean[];
  private described = false;
  private index = 0;
  private rowError: Error | undefined;

  /**
   * @param prepared names this connection has prepared
   * @param columns the columns (RowDescription fields) of each named statement, as this
   *   connection's first run of it was told: a prepared statement's columns cannot change
   *   (PostgreSQL refuses to run one whose result would), so it is not asked again
   */
  constructor(
    private readonly statements: readonly PipelineStatement[],
    private readonly prepared: Set<string>,
    private readonly columns: Map<string, unknown[]>,
  ) {
    this.results = statements.map(
      (statement) =>
        new PgResultOf(statement.rowMode, statement.types) as unknown as pg.QueryResult,
    );
    this.describes = statements.map((statement, i) => {
      if (statement.control) return false;
      const known = statement.name === undefined ? undefined : columns.get(statement.name);
      if (known === undefined) return true;
      (this.results[i] as unknown as PgResult).addFields(known);
      return false;
    });
  }

  submit(connection: PgConnection): null {
    // Mapped first: nothing is written unless the whole pipeline can be.
    const values = this.statements.map((statement) => statement.values.map(wireValue));
    connection.stream.cork?.();
    try {
      this.statements.forEach((statement, i) => {
        const name = statement.name ?? '';
        if (name === '' || !this.prepared.has(name)) {
          connection.parse({ text: statement.text, name, types: [] });
          // Counted as prepared now: a pipeline that fails fails its connection (`poisoned`).
          if (name !== '') this.prepared.add(name);
        }
        connection.bind({ portal: '', statement: name, values: values[i] ?? [] });
        if (this.describes[i]) connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '', rows: 0 });
      });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  private get current(): PgResult {
    return this.results[this.index] as unknown as PgResult;
  }

  handleRowDescription(message: { fields: unknown[] }) {
    this.described = true;
    this.current.addFields(message.fields);
    const { name } = this.statements[this.index] ?? {};
    if (name !== undefined) this.columns.set(name, message.fields);
  }

  handleDataRow(message: { fields: unknown[] }) {
    if (this.rowError) return;
    try {
      this.current.addRow(this.current.parseRow(message.fields));
    } catch (error) {
      this.rowError = error as Error;
    }
  }

  handleCommandComplete(message: unknown) {
    const { name } = this.statements[this.index] ?? {};
    // Described, and no columns came (NoData, which the driver does not pass on): none.
    if (name !== undefined && this.describes[this.index] && !this.described) {
      this.columns.set(name, []);
    }
    this.current.addCommandComplete(message);
    this.next();
  }

  handleEmptyQuery() {
    this.next();
  }

  private next() {
    this.index++;
    this.described = false;
  }

  handleError(error: Error) {
    this.callback?.(this.rowError ?? error);
  }

  handleReadyForQuery() {
    if (this.rowError) this.callback?.(this.rowError);
    else this.callback?.(null, this.results);
  }

  handlePortalSuspended() {}

  handleCopyInResponse(connection: PgConnection) {
    connection.sendCopyFail('COPY is not supported in a pipeline');
  }

  handleCopyData() {}
}

/** The parts of `pg`'s protocol connection a pipeline writes with. */
interface PgConnection {
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name: string; types: unknown[] }): void;
  bind(message: { portal: string; statement: string; values: (string | Buffer | null)[] }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(message: { portal: string; rows: number }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

/** The parts of `pg.Result` a pipeline fills. */
interface PgResult {
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): unknown;
  addRow(row: unknown): void;
  addCommandComplete(message: unknown): void;
}

/** `pg.Result`, as the driver builds one per statement (its typings leave the constructor out). */
const PgResultOf = Result as unknown as new (
  rowMode: 'array' | undefined,
  types: pg.CustomTypesConfig | undefined,
) => PgResult;

/** A statement without parameters or name: the simple protocol can send it joined to others. */
const isPlain = (statement: PipelineStatement) =>
  statement.name === undefined && statement.values.length === 0;

/**
 * A pooled connection as drizzle sees it. Statements owed to the transaction (its BEGIN, a
 * write's locks: `pending`) travel with the next statement, in the same round trip: as one
 * text when they and that statement are all plain text (the simple protocol takes several at
 * once), else as one pipeline (`PipelineQuery`).
 */
export class Connection {
  /** Statements not yet sent: each goes before the next statement, in its round trip. */
  pending: PipelineStatement[] = [];
  /** Names this connection has prepared. */
  readonly prepared = new Set<string>();
  /** The columns of each statement prepared here (see `PipelineQuery`). */
  readonly columns = new Map<string, unknown[]>();
  /** A pipeline failed here: what it left prepared is unknown, so the pool must not keep it. */
  poisoned = false;
  readonly db: Db;
  constructor(readonly client: pg.PoolClient) {
    this.db = drizzleNodePg({ client: this as unknown as pg.PoolClient, schema });
  }

  async query(...[config, values]: QueryArgs): Promise<pg.QueryResult> {
    const statement: PipelineStatement = {
      text: config.text,
      values: values ?? config.values ?? [],
      name: config.name,
      types: config.types,
      rowMode: (config as { rowMode?: 'array' }).rowMode,
    };
    const owed = this.pending;
    if (owed.length === 0 && isPlain(statement)) return this.client.query(config, values);
    this.pending = [];
    if (isPlain(statement) && owed.every(isPlain)) {
      const results = (await this.client.query({
        ...config,
        text: [...owed.map((plain) => plain.text), config.text].join(';\n'),
      })) as unknown as pg.QueryResult[];
      return results[results.length - 1] as pg.QueryResult;
    }
    const results = await this.pipeline([...owed, statement]);
    return results[results.length - 1] as pg.QueryResult;
  }

  /** `statements` in one round trip (see `PipelineQuery`), each one's result in order. */
  pipeline(statements: readonly PipelineStatement[]): Promise<pg.QueryResult[]> {
    return new Promise((resolve, reject) => {
      const query = new PipelineQuery(statements, this.prepared, this.columns);
      let settled = false;
      query.callback = (error, results) => {
        if (settled) return;
        settled = true;
        if (error) {
          this.poisoned = true;
          reject(error);
        } else resolve(results as pg.QueryResult[]);
      };
      void this.client.query(query as unknown as pg.QueryConfig);
    });
  }
}

/** One `Connection` (and drizzle instance) per pooled connection, made on its first request. */
const connectionOf = new WeakMap<pg.PoolClient, Connection>();
const byDb = new WeakMap<Db, Connection>();
const dialect = new PgDialect();
/** Names of prepared statements by text (see `statementName`). */
const statementNames = new Map<string, string>();

/**
 * Texts prepared by name at most, per process (and so per connection). The texts our
 * statements have are a bounded variety (a load statement per shape, a write statement per
 * table), but a rule set's condition is written into its statements' text: past this many,
 * a new text runs unnamed (parsed and planned each time) instead of filling every connection
 * with plans used once.
 */
const MAX_STATEMENT_NAMES = 512;

/** One name per text: a connection prepares a text once, under this name. */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= MAX_STATEMENT_NAMES) return undefined;
    name = `gk_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Prepared texts of statement shapes, built once (see `preparedShapeRows`). */
const shapes = new Map<string, { name: string | undefined; text: string; params: unknown[] }>();

/**
 * A statement's rows through a named prepared statement on PostgreSQL: the connection
 * parses and plans it once, then runs it by name (a load statement of ten sub-selects took
 * longer to plan, ~1 ms, than to run). Its text depends only on `key` (a bounded variety:
 * each connection keeps every statement it prepared): `build` (with `sql.placeholder`s) runs
 * once per key, so a request neither builds nor renders the SQL again (drizzle did that in
 * 7% of a session's CPU), and sends only `values`. On PGlite the same text is prepared
 * once per instance and run with `EXECUTE` (`pglitePreparedRows`); elsewhere `inline` runs
 * as a plain statement.
 */
export async function preparedShapeRows<Row>(
  tx: Pick<Tx, 'execute'>,
  key: string,
  build: () => SQL,
  inline: () => SQL,
  values: Record<string, unknown>,
): Promise<Row[]> {
  let shape = shapes.get(key);
  if (shape === undefined) {
    const { sql: text, params } = dialect.sqlToQuery(build());
    shape = { name: statementName(text), text, params };
    shapes.set(key, shape);
  }
  const connection = byDb.get(tx as Db);
  if (!connection) {
    const onPglite =
      shape.name === undefined
        ? undefined
        : await pglitePreparedRows<Row>(
            tx,
            shape.name,
            shape.text,
            fillPlaceholders(shape.params, values),
          );
    return onPglite ?? ((await tx.execute(inline())) as unknown as QueryRows<Row>).rows;
  }
  const result = await connection.query({
    name: shape.name,
    text: shape.text,
    values: fillPlaceholders(shape.params, values),
  });
  return result.rows as Row[];
}

/** The `BEGIN` of a transaction with these options, and its statement limit. */
function beginTexts(
  { isolationLevel, accessMode }: TransactionOptions,
  statementTimeoutMs: number | undefined,
): string[] {
  const begin = ['begin', isolationLevel && `isolation level ${isolationLevel}`, accessMode]
    .filter(Boolean)
    .join(' ');
  return statementTimeoutMs === undefined
    ? [begin]
    : [begin, `set local statement_timeout = ${Math.ceil(statementTimeoutMs)}`];
}

/**
 * Runs `statement` in `tx`'s transaction: on a pooled connection it goes with the next
 * statement, in that statement's round trip (a write's locks go with its load), prepared
 * once per connection like any statement of a bounded text; elsewhere (PGlite) it runs now.
 * Its result is not read, and an error it meets fails the statement it travels with.
 */
export async function sendWithNext(tx: Pick<Tx, 'execute'>, statement: SQL): Promise<void> {
  const connection = byDb.get(tx as Db);
  if (connection) connection.pending.push(pipelineStatement(statement));
  else await runPrepared(tx, statement);
}

/**
 * Runs a statement whose result is not read, off a pooled connection: on PGlite as a
 * statement prepared once per instance under the name a pooled connection gives its text
 * (a write's statements are of a bounded variety, as there), run with `EXECUTE`; as it is
 * when that cannot be (a value no literal can carry, past `MAX_STATEMENT_NAMES` texts, not
 * PGlite).
 */
export async function runPrepared(tx: Pick<Tx, 'execute'>, statement: SQL): Promise<void> {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  const name = statementName(text);
  if (name !== undefined && (await pglitePreparedRows(tx, name, text, params)) !== undefined) {
    return;
  }
  await tx.execute(statement);
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
    connection.pending = [];
    return await fn(connection);
  } catch (error) {
    // Whatever the cut made the driver say ("Client was closed…"), it was the deadline.
    if (timedOut) throw new TransactionTimeoutError(timeoutMs as number, { cause: error });
    failure ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    clearTimeout(deadline);
    client.off('error', onError);
    // A failed pipeline's connection goes too, even when its caller got over the error.
    const connection = connectionOf.get(client);
    client.release(
      failure ??
        (connection?.poisoned ? new Error('a pipeline failed on this connection') : undefined),
    );
  }
}

/**
 * Parameter bytes past which the statements for the commit go in several pipelines: a seed's
 * 100,000 users are tens of MB of JSON, which one write would hold twice over in memory.
 */
const PIPELINE_BYTES = 1024 * 1024;

/** A statement as a pipeline sends it: named when its text may be prepared. */
function pipelineStatement(statement: SQL): PipelineStatement {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  return { text, values: params, name: statementName(text) };
}

const sizeOf = (statement: PipelineStatement) =>
  statement.values.reduce<number>(
    (n, value) => n + (typeof value === 'string' ? value.length : 16),
    statement.text.length,
  );

/**
 * A transaction in as few round trips as its statements allow: BEGIN, with its statement
 * limit, goes with the first statement (`Connection`), and COMMIT with `atCommit`'s
 * statements, as one pipeline of prepared statements (each write statement is parsed and
 * planned once per connection). A transaction that ran no statement and wrote nothing sends
 * nothing at all. A failure needs no ROLLBACK: the connection is closed (above).
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
    const begin = beginTexts(options, options.timeoutMs ?? defaultStatementTimeout);
    connection.pending = begin.map((text) => ({ text, values: [], control: true }));
    const final: SQL[] = [];
    const result = await fn(connection.db, { add: (statement) => final.push(statement) });
    // Nothing sent yet but the BEGIN (and locks no statement read behind): nothing to commit.
    if (final.length === 0 && connection.pending.length > 0) {
      connection.pending = [];
      return result;
    }
    let batch: PipelineStatement[] = connection.pending;
    connection.pending = [];
    let bytes = 0;
    for (const statement of final) {
      const next = pipelineStatement(statement);
      if (batch.length > 0 && bytes + sizeOf(next) > PIPELINE_BYTES) {
        await connection.pipeline(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(next);
      bytes += sizeOf(next);
    }
    await connection.pipeline([...batch, { text: 'commit', values: [], control: true }]);
    return result;
  });
}
