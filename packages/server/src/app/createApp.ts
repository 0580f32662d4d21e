import { Scalar } from '@scalar/hono-api-reference';
import {
  type ApiRoute,
  apiRoutes,
  buildOpenApiDocument,
  errorResponse,
  malformedPathResponse,
  noEndpointResponse,
  type PasswordHasher,
} from '@groupkit/mock-api/core';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/connect';
import { bufferBody } from './bufferBody';
import { type AdmissionGate, createAdmissionGate } from './admissionGate';
import { CONSOLE_PATH, createConsoleHandler } from './console';
import { corsPolicy } from './cors';
import { isDatabaseUnavailable } from './databaseErrors';
import { createGroupCatalog } from '../state/groupCatalog';
import { createKeyCache } from './keyCache';
import { scryptPasswords } from './passwords';
import { runApiRequest } from './runApiRequest';

export interface AppOptions {
  /** The opened, migrated database (`openDatabase` + `migrateDatabase`). */
  database: Database;
  /**
   * Origins whose browsers may call the publishable-key routes (`*` for any). Secret-key
   * routes never answer a browser's CORS request.
   * @default []
   */
  corsOrigins?: readonly string[];
  /** The clock. Tests inject one to move through code windows and lockouts. @default () => new Date() */
  now?: () => Date;
  /** Ids for new records. @default crypto.randomUUID */
  ids?: () => string;
  /** JSON logs, one line per request with its id. @default none */
  logger?: Logger;
  /**
   * Also serve `/bench/noop` and `/bench/select` (one primary-key SELECT in a transaction):
   * reference routes through the same stack for `npm run bench:server`.
   * @default false
   */
  benchRoutes?: boolean;
  /**
   * Ms an API request's transaction may take once it has a connection (the pool bounds the
   * wait for one): past it the transaction is rolled back and the request answers 503
   * `database_unavailable`. PostgreSQL only.
   * @default undefined (each statement bounded only by the pool's own limits)
   */
  requestTimeoutMs?: number;
  /**
   * As `requestTimeoutMs`, for secret routes (the secret key's or an operator's) and sign-ins:
   * a rule-set change recalculating 100,000 users or a member export may rightly take longer
   * than an end user should wait.
   * @default requestTimeoutMs
   */
  adminRequestTimeoutMs?: number;
  /**
   * Ms a found API key is reused without its lookup round trip (0: look up every time).
   * Revocation still takes effect at once: see `createKeyCache`.
   * @default 30000
   */
  keyCacheMs?: number;
  /** Seconds a client should wait when the database is unavailable. @default 2 */
  retryAfterSeconds?: number;
  /**
   * Admin requests this app runs at once (the secret key's or a signed-in operator's on
   * secret routes, and sign-ins, which hash a password while holding a connection); more
   * wait (holding no connection) for up to their request timeout, then answer 503 with
   * `Retry-After`. An admin read of a big group holds the group in memory while it runs:
   * this bounds the process's memory under many at once. End-user requests never wait for
   * these places.
   * @default 4
   */
  adminConcurrency?: number;
  /**
   * The gate itself instead of `adminConcurrency` (tests; apps sharing one process's places).
   * @default a gate of `adminConcurrency` places
   */
  adminGate?: AdmissionGate;
  /**
   * Ms `/readyz` waits for the database before answering 503: a pooled connection whose
   * peer went silent would otherwise hold it forever.
   * @default the pool's connection timeout (PostgreSQL), else 5000
   */
  readyTimeoutMs?: number;
  /**
   * Makes and checks operators' password hashes (sign-in, new operators, new passwords).
   * @default scryptPasswords() (N = 2^15, r = 8, p = 1; also reads the seeded PBKDF2 hashes)
   */
  passwords?: PasswordHasher;
  /**
   * A built console (the dashboard: a folder with `index.html`) to serve under `/admin/`,
   * from this same origin, so its session cookie and CSRF token need no CORS.
   * @default undefined (no console)
   */
  consoleDir?: string;
}

/** A request id from the caller when it looks like one, else a new one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** `promise`, or a rejection once `ms` have passed without it settling. */
async function answersWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the path percent-decodes (a router would throw on `%E0%A4%A`). */
function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * The groups API as a Hono app (a standard `fetch` handler): the same route list as the
 * mock, each request one transaction on PostgreSQL or PGlite. Also `/healthz`, `/readyz`,
 * `/openapi.json`, an API reference at `/docs`, and the console at `/admin/` when given
 * one (`consoleDir`).
 * @example
 * const app = createApp({ database: await openDatabase('memory') });
 * serve({ fetch: app.fetch, port: 8787 });
 */
export function createApp(options: AppOptions) {
  const { database, logger } = options;
  const now = options.now ?? (() => new Date());
  const ids = options.ids ?? randomUUID;
  const retryAfter = String(options.retryAfterSeconds ?? 2);
  const adminGate = options.adminGate ?? createAdmissionGate(options.adminConcurrency ?? 4);
  const cors = corsPolicy(options.corsOrigins ?? []);
  const lifecycle = { closing: false };
  const readyTimeoutMs =
    options.readyTimeoutMs ??
    ((database.kind === 'postgres' && database.pool.options.connectionTimeoutMillis) || 5000);
  const app = new Hono();
  const keyCache =
    options.keyCacheMs === 0 ? undefined : createKeyCache({ ttlMs: options.keyCacheMs });
  const passwords = options.passwords ?? scryptPasswords();
  const groupCatalog = createGroupCatalog();
  const serveConsole =
    options.consoleDir === undefined ? undefined : createConsoleHandler(options.consoleDir);

  const unavailable = () =>
    errorResponse(
      'database_unavailable',
      'The database is unavailable; retry after the Retry-After delay.',
      {},
      { 'retry-after': retryAfter },
    );

  // Request id and one log line per request (never the Authorization header).
  app.use('*', async (c, next) => {
    const requestId = requestIdOf(c.req.raw);
    const started = performance.now();
    await next();
    c.res.headers.set('x-request-id', requestId);
    // Stopping: a request that was in flight gets its answer, then its connection ends (a
    // kept-alive one would hold the stop back until the keep-alive timeout).
    if (lifecycle.closing) c.res.headers.set('connection', 'close');
    // Checked first: the line's fields (a URL parse) cost every request even when not logged.
    if (logger?.isLevelEnabled('info')) {
      logger.info(
        {
          requestId,
          method: c.req.method,
          path: new URL(c.req.url).pathname,
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request',
      );
    }
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await answersWithin(database.ping(), readyTimeoutMs);
      return c.json({ status: 'ready', database: database.kind });
    } catch {
      return unavailable();
    }
  });
  if (options.benchRoutes) {
    app.get('/bench/noop', (c) => c.json({ ok: true }));
    app.get('/bench/select', async (c) => {
      const { rows } = await database.query(
        "select data from users where project_id = 'demo' and id = 'u_ada'",
      );
      return c.json(rows[0] ?? null);
    });
  }
  app.get('/openapi.json', (c) => c.json(buildOpenApiDocument()));
  if (serveConsole) {
    app.all(CONSOLE_PATH, (c) => serveConsole(c.req.raw));
    app.all(`${CONSOLE_PATH}/*`, (c) => serveConsole(c.req.raw));
  }
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'GroupKit API reference' }));

  // Answers given before a route is known carry CORS headers for an allowed origin: without
  // them a browser hides the status, and the SDK would take "stopping, retry after 1 s" or
  // "no such endpoint" for a network failure. They hold nothing a stranger may not see.
  app.use('/v1/*', async (c, next) => {
    const origin = c.req.header('origin') ?? null;
    // A preflight touches no database: answered even while stopping, so the browser can
    // then read the 503 of the request itself.
    if (lifecycle.closing && c.req.method !== 'OPTIONS') {
      const response = cors.decorate(unavailable(), origin);
      response.headers.set('connection', 'close');
      return response;
    }
    const { pathname } = new URL(c.req.url);
    if (!decodes(pathname)) return cors.decorate(malformedPathResponse(pathname), origin);
    await next();
  });

  const handle =
    (route: ApiRoute) =>
    async (c: { req: { raw: Request; param: () => Record<string, string> } }) => {
      const origin = c.req.raw.headers.get('origin');
      const decorate = (response: Response) =>
        route.access === 'any' ? cors.decorate(response, origin) : response;
      try {
        const request = await bufferBody(c.req.raw);
        return decorate(
          await runApiRequest(route, request, c.req.param(), {
            database,
            now,
            ids,
            keyCache,
            groupCatalog,
            adminGate,
            passwords,
            retryAfterSeconds: options.retryAfterSeconds,
            // Sign-in is the dashboard's too: it waits for an admin place (runApiRequest).
            timeoutMs:
              route.access === 'secret' || route.access === 'public'
                ? (options.adminRequestTimeoutMs ?? options.requestTimeoutMs)
                : options.requestTimeoutMs,
          }),
        );
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          logger?.warn({ err: error }, 'database unavailable');
          return decorate(unavailable());
        }
        logger?.error({ err: error }, 'request failed');
        return decorate(
          errorResponse('internal_error', 'The server failed; the request changed nothing.'),
        );
      }
    };

  // Preflights: one per path, allowing only the publishable-key methods of that path.
  const publicMethods = new Map<string, string[]>();
  for (const route of apiRoutes) {
    if (route.access !== 'any') continue;
    publicMethods.set(route.path, [...(publicMethods.get(route.path) ?? []), route.method]);
  }
  for (const [path, methods] of publicMethods) {
    app.options(`/v1${path}`, (c) =>
      cors.preflight(
        c.req.header('origin') ?? null,
        methods,
        c.req.header('access-control-request-method') ?? null,
      ),
    );
  }
  for (const route of apiRoutes) app.on(route.method, `/v1${route.path}`, handle(route));
  app.all('/v1/*', (c) => {
    const response = noEndpointResponse(c.req.method, new URL(c.req.url).pathname);
    // A preflight of a secret-key path stays undecorated: browsers must not send those at all.
    return c.req.method === 'OPTIONS'
      ? response
      : cors.decorate(response, c.req.header('origin') ?? null);
  });

  return Object.assign(app, {
    /** Refuse new API requests (503) while in-flight ones finish: the first step of a graceful stop. */
    startClosing() {
      lifecycle.closing = true;
    },
  });
}

export type GroupKitApp = ReturnType<typeof createApp>;
