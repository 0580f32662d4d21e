/**
 * A slow database, and a server started with `--request-timeout 1000`: requests answer 503
 * `database_unavailable` (with `Retry-After`) within a bound of that limit instead of piling
 * up; memory stays bounded during a burst; once the database is fast again, requests
 * succeed (the pool did not stay exhausted). Two kinds of slow: statements waiting on a
 * lock the test holds, and every answer of PostgreSQL held back by a proxy.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { seedDatabase } from '../seed/seedDatabase';
import { killAllStarted, startCli, type StartedCli } from './support/cliProcess';
import { errorCode, type Outcome, rssMegabytes, runPool, send } from './support/faultLoad';
import { pollUntil, PUBLISHABLE_KEY, SECRET_KEY } from './support/http';
import { createSlowProxy, type SlowProxy } from './support/slowProxy';

const LIMIT_MS = 1000;
const POOL_SIZE = 10;
/** The bound on any answer while the database is slow. */
const BOUND_MS = 3 * LIMIT_MS;
const RSS_LIMIT_MB = 200;
/** Requests in flight at once during a burst: ten times what the pool holds. */
const BURST_CONCURRENCY = 100;

let testDatabase: TestDatabase | undefined;
let direct: Database | undefined;
let proxy: SlowProxy | undefined;
let server: StartedCli;
/** The test's own connection, straight to PostgreSQL (never through the proxy). */
let locker: pg.Client | undefined;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  // Named apart from the server's connections, which the test counts.
  direct = await openDatabase(testDatabase.url, { poolSize: 2, applicationName: 'groupkit-tests' });
  await seedDatabase(direct, { scenario: 'default' });
  proxy = await createSlowProxy({ host: '127.0.0.1', port: 5432 });
  const proxied = new URL(testDatabase.url);
  proxied.port = String(proxy.port);
  server = await startCli(
    [
      '--database',
      proxied.toString(),
      '--port',
      '0',
      '--request-timeout',
      String(LIMIT_MS),
      '--pool-size',
      String(POOL_SIZE),
    ],
    { LOG_LEVEL: 'warn' },
  );
  locker = new pg.Client({ connectionString: testDatabase.url });
  await locker.connect();
}, 120_000);

afterAll(async () => {
  await killAllStarted();
  await locker?.end().catch(() => undefined);
  await proxy?.close();
  await direct?.close();
  await testDatabase?.drop();
});

/** Whatever a test made slow is fast again, even when it failed. */
afterEach(async () => {
  if (proxy) proxy.delayMs = 0;
  await locker?.query('rollback').catch(() => undefined);
});

const session = () =>
  send(server.url, '/v1/session?userId=u_ada&groupId=acme', { key: PUBLISHABLE_KEY });
const change = (user: string, key: string) =>
  send(server.url, `/v1/users/${user}/membership-changes`, {
    key: SECRET_KEY,
    json: { changes: '+newsletter' },
    headers: { 'idempotency-key': key },
  });

/** 503 `database_unavailable` with `Retry-After`, answered within the bound. */
function expectTimedOut(outcome: Outcome) {
  expect(outcome.ok && outcome.status, JSON.stringify(outcome)).toBe(503);
  expect(errorCode(outcome)).toBe('database_unavailable');
  expect(outcome.ok && outcome.headers.get('retry-after')).toBe('2');
  expect(outcome.answeredAt - outcome.sentAt).toBeLessThan(BOUND_MS);
}

/** The server's connections to the test database, as PostgreSQL counts them. */
async function serverConnections(): Promise<number> {
  const { rows } = await (direct as Database).query<{ count: number }>(
    `select count(*)::int as count from pg_stat_activity
      where datname = current_database() and application_name = 'groupkit-server'`,
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * A burst of `count` requests (session reads and membership changes), `concurrency` in
 * flight at once, while the server's RSS and connections are sampled; resolves with the
 * answers and the peaks.
 */
async function burst(count: number, concurrency: number, label: string) {
  const pid = server.process.child.pid as number;
  let peakRss = rssMegabytes(pid);
  let peakConnections = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakRss = Math.max(peakRss, rssMegabytes(pid));
      peakConnections = Math.max(peakConnections, await serverConnections());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  const answers = await runPool(count, concurrency, (i) =>
    i % 2 === 0 ? session() : change(`u_${String((i % 50) + 1).padStart(3, '0')}`, `${label}-${i}`),
  );
  const elapsed = performance.now() - started;
  sampling = false;
  await sampler;
  return { answers, elapsed, peakRss, peakConnections };
}

/** Bounded polling: the server answers 200 again; then a burst all succeeds. */
async function expectRecovered(label: string) {
  await pollUntil(
    async () => {
      const answer = await session();
      return answer.ok && answer.status === 200 ? true : undefined;
    },
    { timeoutMs: 15_000, what: 'GET /v1/session answering 200 again' },
  );
  // As many at once as the pool has connections: every one of them works again.
  const after = await burst(50, POOL_SIZE, `${label}-after`);
  for (const answer of after.answers) expect(answer.ok && answer.status).toBe(200);
  expect(after.peakConnections).toBeLessThanOrEqual(POOL_SIZE);
  const ready = await send(server.url, '/readyz', { key: PUBLISHABLE_KEY });
  expect(ready.ok && ready.status).toBe(200);
}

describe(`a slow database, --request-timeout ${LIMIT_MS}`, () => {
  it('statements waiting on a lock: 503 within the bound, no pile-up, bounded memory, then 200 again', async () => {
    expect((await session()).ok).toBe(true);
    const rssBefore = rssMegabytes(server.process.child.pid as number);
    // Every request reads api_keys first: with the table locked, every statement waits.
    await (locker as pg.Client).query('begin');
    await (locker as pg.Client).query('lock table api_keys in access exclusive mode');

    const one = await session();
    expectTimedOut(one);
    expect(one.answeredAt - one.sentAt).toBeGreaterThanOrEqual(LIMIT_MS - 50);

    const slow = await burst(300, BURST_CONCURRENCY, 'lock');
    for (const answer of slow.answers) expectTimedOut(answer);
    const rssAfter = rssMegabytes(server.process.child.pid as number);
    console.info(
      `lock: 300 requests (${BURST_CONCURRENCY} at once) in ${Math.round(slow.elapsed)} ms, slowest ${Math.round(Math.max(...slow.answers.map((a) => a.answeredAt - a.sentAt)))} ms; RSS ${Math.round(rssBefore)} -> peak ${Math.round(slow.peakRss)} -> ${Math.round(rssAfter)} MB; at most ${slow.peakConnections} connections`,
    );
    // Not piling up: each answer within the bound however many wait, so the burst is over in
    // about (requests / in flight) limits; on the pool's connections plus those cut at the
    // deadline whose statement PostgreSQL has not ended yet (at its statement_timeout).
    expect(slow.elapsed).toBeLessThan((300 / BURST_CONCURRENCY) * BOUND_MS);
    expect(slow.peakConnections).toBeLessThanOrEqual(2 * POOL_SIZE);
    expect(slow.peakRss).toBeLessThan(RSS_LIMIT_MB);
    expect(rssAfter).toBeLessThan(RSS_LIMIT_MB);

    await (locker as pg.Client).query('rollback');
    await expectRecovered('lock');
  }, 60_000);

  it('every answer of PostgreSQL held back: 503 within the bound, then 200 again', async () => {
    expect((await session()).ok).toBe(true);
    const rssBefore = rssMegabytes(server.process.child.pid as number);
    // Each answer later than the limit: an end user's read is one round trip (its key
    // cached, its state one statement), so only an answer that is itself late times it out.
    (proxy as SlowProxy).delayMs = 1200;

    const one = await session();
    expectTimedOut(one);

    const slow = await burst(300, BURST_CONCURRENCY, 'proxy');
    for (const answer of slow.answers) expectTimedOut(answer);
    console.info(
      `proxy: 300 requests (${BURST_CONCURRENCY} at once) in ${Math.round(slow.elapsed)} ms, slowest ${Math.round(Math.max(...slow.answers.map((a) => a.answeredAt - a.sentAt)))} ms; RSS ${Math.round(rssBefore)} -> peak ${Math.round(slow.peakRss)} MB; at most ${slow.peakConnections} connections`,
    );
    expect(slow.elapsed).toBeLessThan((300 / BURST_CONCURRENCY) * BOUND_MS);
    expect(slow.peakConnections).toBeLessThanOrEqual(2 * POOL_SIZE);
    expect(slow.peakRss).toBeLessThan(RSS_LIMIT_MB);

    (proxy as SlowProxy).delayMs = 0;
    await expectRecovered('proxy');
  }, 60_000);
});
