/**
 * PostgreSQL going away under a running app, and coming back: through a TCP proxy in this
 * process (the shared PostgreSQL service is never touched). While it is cut off, API
 * requests answer 503 `database_unavailable` with `Retry-After`, `/readyz` 503 and
 * `/healthz` 200, and nothing is half-written; once it is back, the same app answers 200.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GroupKitApp } from '../app/createApp';
import { type Database, openDatabase } from '../db/connect';
import { createTestDatabase, dumpAllTables, type TestDatabase } from '../db/testDatabase';
import { seedDatabase } from '../seed/seedDatabase';
import { pollUntil, PUBLISHABLE_KEY } from './support/http';
import { createTcpProxy, type TcpProxy } from './support/tcpProxy';

const CONNECTION_TIMEOUT_MS = 1000;
const POOL_SIZE = 2;

let testDatabase: TestDatabase | undefined;
/** Straight to PostgreSQL, never through the proxy: what is really stored. */
let direct: Database | undefined;
let proxy: TcpProxy | undefined;
/** The app's database, through the proxy. */
let database: Database | undefined;
let app: GroupKitApp;
const poolErrors: Error[] = [];

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  direct = await openDatabase(testDatabase.url, { poolSize: 1 });
  await seedDatabase(direct, { scenario: 'default' });
  proxy = await createTcpProxy({ host: '127.0.0.1', port: 5432 });
  const proxied = new URL(testDatabase.url);
  proxied.port = String(proxy.port);
  database = await openDatabase(proxied.toString(), {
    poolSize: POOL_SIZE,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    onPoolError: (error) => poolErrors.push(error),
  });
  app = createApp({ database });
}, 60_000);

afterAll(async () => {
  await proxy?.cut();
  await database?.close();
  await direct?.close();
  await testDatabase?.drop();
});

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (path.startsWith('/v1/')) headers.set('authorization', `Bearer ${PUBLISHABLE_KEY}`);
  if (init.body) headers.set('content-type', 'application/json');
  return app.fetch(new Request(`https://api.groupkit.test${path}`, { ...init, headers }));
}

const session = () => call('/v1/session?userId=u_ada&groupId=acme');
const join = (userId: string, slug: string) =>
  call(`/v1/users/${userId}/membership-changes`, {
    method: 'POST',
    body: JSON.stringify({ changes: `+${slug}` }),
  });

/** `promise`, bounded: a hang fails the test (naming `what`), it does not stall it. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A request that must answer within 10 s. */
const answered = (request: Promise<Response>) => within(request, 10_000, 'an answer');

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('2');
  expect(response.headers.get('x-request-id')).toBeTruthy();
  expect(await response.json()).toEqual({
    error: {
      code: 'database_unavailable',
      message: expect.stringContaining('Retry-After'),
      details: {},
    },
  });
}

/** Bounded polling, without restarting anything: the app answers 200 again. */
async function expectRecovered() {
  await pollUntil(async () => ((await session()).status === 200 ? true : undefined), {
    timeoutMs: 15_000,
    what: 'GET /v1/session answering 200 again',
  });
  expect((await call('/readyz')).status).toBe(200);
}

describe('PostgreSQL cut off and back', () => {
  it('answers 503 with Retry-After while cut off, writes nothing, and recovers by itself', async () => {
    expect((await session()).status).toBe(200);
    expect((await join('u_ada', 'community')).status).toBe(200);
    expect((await call('/readyz')).status).toBe(200);
    const before = await dumpAllTables(direct as Database);

    await (proxy as TcpProxy).cut();
    await expectUnavailable(await answered(session()));
    await expectUnavailable(await answered(join('u_alan', 'newsletter')));
    await expectUnavailable(await answered(call('/readyz')));
    const health = await call('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await dumpAllTables(direct as Database)).toEqual(before);

    await (proxy as TcpProxy).resume();
    await expectRecovered();
    const joined = await join('u_alan', 'newsletter');
    expect(joined.status).toBe(200);
    expect(await joined.json()).toMatchObject({
      applied: [{ op: 'add', group: 'newsletter', result: 'added' }],
    });
  });

  it('rolls back a write whose connection dies half-way through: 503, nothing stored', async () => {
    const before = await dumpAllTables(direct as Database);
    // The transaction has begun, taken its locks and loaded; its writes and COMMIT travel in
    // one message (a pipeline), which this cut stops on its way: the write's membership
    // record is a parameter there (as JSON), and nowhere in the load.
    const cut = (proxy as TcpProxy).cutWhen((data) => data.includes('"userId":"u_grace"'));
    await expectUnavailable(await answered(join('u_grace', 'newsletter')));
    await within(cut, 5000, 'the cut');
    expect(await dumpAllTables(direct as Database)).toEqual(before);

    await (proxy as TcpProxy).resume();
    await expectRecovered();
    // Not applied before: it is added now, once.
    const joined = await join('u_grace', 'newsletter');
    expect(joined.status).toBe(200);
    expect(await joined.json()).toMatchObject({
      applied: [{ op: 'add', group: 'newsletter', result: 'added' }],
    });
  });

  it('gives the pool its connection back when the connection dies as a transaction begins', async () => {
    // More times than the pool has connections: a leaked one each time would leave none.
    for (let i = 0; i <= POOL_SIZE; i += 1) {
      const cut = (proxy as TcpProxy).cutWhen((data) => data.includes('begin'));
      // A write: an end user's read runs outside a transaction (no BEGIN to cut).
      await expectUnavailable(await answered(join('u_ada', 'community')));
      await within(cut, 5000, `the cut at BEGIN (round ${i + 1})`);
      await (proxy as TcpProxy).resume();
    }
    await expectRecovered();
    expect(database?.kind === 'postgres' && database.pool.totalCount).toBeLessThanOrEqual(
      POOL_SIZE,
    );
  });

  it('answers /readyz 503 within the connection timeout when the database goes silent', async () => {
    // A pooled connection is open and idle: the ping goes to it, and nothing comes back.
    expect((await session()).status).toBe(200);
    (proxy as TcpProxy).stall();
    const started = performance.now();
    await expectUnavailable(await answered(call('/readyz')));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(CONNECTION_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(CONNECTION_TIMEOUT_MS + 4000);
    expect((await call('/healthz')).status).toBe(200);

    await (proxy as TcpProxy).cut();
    await (proxy as TcpProxy).resume();
    await expectRecovered();
  });
});
