import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createConsoleHandler } from './app/console';
import { createApp } from './app/createApp';
import { type Database, openDatabase } from './db/connect';
import { migrateDatabase } from './db/migrate';
import { DatabaseNotEmptyError, seedDatabase } from './seed/seedDatabase';
import type { ScenarioName } from '@groupkit/mock-api/core';
import { sql } from 'drizzle-orm';
import { rows } from './state/sqlRows';

export interface StartServerOptions {
  /** `postgres://…`, a PGlite directory, or `memory`. */
  database: string;
  /** @default 8787 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Seed this scenario (refused on a database with data, unless `reset` or `ifEmpty`). @default undefined (no seeding) */
  scenario?: ScenarioName;
  /** Delete everything before seeding `scenario`. @default false */
  reset?: boolean;
  /** Seed `scenario` only into an empty database; keep existing data as it is. @default false */
  ifEmpty?: boolean;
  /** @default [] */
  corsOrigins?: readonly string[];
  /**
   * Ms a request may wait on PostgreSQL: for a pooled connection, then for its whole
   * transaction (and each statement server-side, `statement_timeout`). Past either the
   * transaction is rolled back and the request answers 503 `database_unavailable` instead of
   * piling up: at most twice this in all.
   * @default 10000
   */
  requestTimeoutMs?: number;
  /** As `requestTimeoutMs`, for secret-key (admin) routes. @default 60000 */
  adminRequestTimeoutMs?: number;
  /** PostgreSQL connections per process. @default 20 */
  poolSize?: number;
  /** Secret-key requests run at once (see `AppOptions.adminConcurrency`). @default 4 */
  adminConcurrency?: number;
  /** Serve the benchmark's reference routes (see `AppOptions.benchRoutes`). @default false */
  benchRoutes?: boolean;
  /** JSON logs (pino), one line per request. @default none */
  logger?: Logger;
  /** The clock (tests). @default () => new Date() */
  now?: () => Date;
  /** Ms in-flight requests get to finish on `close()` before connections are cut. @default 10000 */
  shutdownGraceMs?: number;
  /** A built console to serve under `/admin/` (see `AppOptions.consoleDir`). @default undefined */
  consoleDir?: string | undefined;
}

export interface RunningServer {
  url: string;
  database: Database;
  /** What the server prints when it is ready. */
  readyLine: string;
  /** Graceful stop: refuse new requests, let in-flight ones finish, close the database. */
  close(): Promise<void>;
}

async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await database.transaction((tx) =>
    rows<{ count: number }>(tx, sql`select count(*)::int as count from projects`),
  );
  return Number(row?.count ?? 0) === 0;
}

/**
 * Opens (and migrates) the database, seeds a scenario when asked, and serves the API.
 * @example
 * const server = await startServer({ database: 'memory', port: 0, scenario: 'default' });
 * console.log(server.readyLine); await server.close();
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  // A console folder without index.html is refused before the database is opened.
  if (options.consoleDir !== undefined) createConsoleHandler(options.consoleDir);
  const timeout = options.requestTimeoutMs ?? 10_000;
  const adminTimeout = Math.max(timeout, options.adminRequestTimeoutMs ?? 60_000);
  const database = await openDatabase(options.database, {
    poolSize: options.poolSize ?? 20,
    connectionTimeoutMillis: timeout,
    // A read outside a transaction (an end user's GET) is bounded by the end-user limit, set
    // at connect; a transaction sets its own route's limit with its BEGIN (admin: longer).
    statementTimeout: timeout,
    transactionStatementTimeout: adminTimeout,
    queryTimeout: adminTimeout + 1000,
  });
  try {
    await migrateDatabase(database);
    if (options.scenario) {
      if (options.ifEmpty && !(await isEmpty(database))) {
        options.logger?.info({ scenario: options.scenario }, 'database holds data: not seeding');
      } else {
        await seedDatabase(database, { scenario: options.scenario, reset: options.reset });
      }
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  let app: ReturnType<typeof createApp>;
  try {
    app = createApp({
      database,
      corsOrigins: options.corsOrigins,
      logger: options.logger,
      now: options.now,
      benchRoutes: options.benchRoutes,
      requestTimeoutMs: timeout,
      adminRequestTimeoutMs: adminTimeout,
      adminConcurrency: options.adminConcurrency,
      ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
    });
  } catch (error) {
    // A console folder without index.html, say: refused before listening.
    await database.close();
    throw error;
  }
  if (options.consoleDir !== undefined) {
    options.logger?.info({ consoleDir: options.consoleDir }, 'serving the console at /admin/');
  }
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, () =>
      resolve(s as Server),
    ) as Server;
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    readyLine: `GroupKit server listening on ${url} (database: ${database.label})`,
    close() {
      closing ??= (async () => {
        app.startClosing();
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive connections with no request in flight would hold `close` open.
        server.closeIdleConnections();
        const grace = setTimeout(
          () => server.closeAllConnections(),
          options.shutdownGraceMs ?? 10_000,
        );
        await drained;
        clearTimeout(grace);
        await database.close();
      })();
      return closing;
    },
  };
}

export { DatabaseNotEmptyError };
