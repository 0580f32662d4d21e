// @vitest-environment jsdom
/**
 * PostgreSQL stopped for 10 s under load, then started again: a cluster of this file's own
 * (initdb/pg_ctl in a temporary directory; the machine's shared service is never touched)
 * and one `groupkit-server` process on it. While the database is down, API requests answer
 * 503 `database_unavailable` with `Retry-After` and `/readyz` 503; once it is back the same
 * process answers 200 again, with no restart. Then the React SDK (public exports only)
 * across an outage: changes made while the database is down land once it is back, each
 * exactly once.
 *
 * jsdom for the SDK part; the server, PostgreSQL and `fetch` are real. In a jsdom file Vite
 * transforms modules for the browser, which breaks `cliProcess.ts` and the database modules
 * (`new URL('…', import.meta.url)` becomes an http URL): the server is started with
 * `serverChild.ts`, migrates and seeds itself (`--scenario default`: `migrateDatabase`,
 * `seedDatabase`), and the test reads the database with `pg` directly.
 */
import { createGroupKitClient } from '@groupkit/client';
import {
  GroupKitProvider,
  useGroupKit,
  useIsMember,
  useJoinGroup,
  useLeaveGroup,
} from '@groupkit/react';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import pg from 'pg';
import { createElement, type ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type Outcome, send } from './support/faultLoad';
import { membershipSlugs, pollUntil, PUBLISHABLE_KEY, SECRET_KEY } from './support/http';
import { SERVER_READY_LINE, type ServerChild, startServerChild } from './support/serverChild';
import { createThrowawayCluster, type ThrowawayCluster } from './support/throwawayPostgres';

const PROJECT = 'demo';
/** How long the database stays down, by this test's clock. */
const OUTAGE_MS = 10_000;

let cluster: ThrowawayCluster | undefined;
let server: ServerChild;

/** Rows from the cluster, on a short-lived connection of the test's own. */
async function query<Row>(text: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: (cluster as ThrowawayCluster).url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await createThrowawayCluster();
  // Migrated and seeded by the server as it starts.
  server = await startServerChild(
    [
      '--database',
      cluster.url,
      '--port',
      '0',
      '--scenario',
      'default',
      '--request-timeout',
      '2000',
      '--pool-size',
      '5',
    ],
    { LOG_LEVEL: 'warn' },
  );
}, 120_000);

afterAll(async () => {
  cleanup();
  await server?.kill();
  await cluster?.destroy();
});

function expectUnavailable(outcome: Outcome) {
  expect(outcome.ok && outcome.status).toBe(503);
  expect(errorCode(outcome)).toBe('database_unavailable');
  expect(outcome.ok && outcome.headers.get('retry-after')).toBe('2');
}

const readyz = () => send(server.url, '/readyz', { key: PUBLISHABLE_KEY, timeoutMs: 10_000 });

/** Stops PostgreSQL and waits (bounded) until the server says so. */
async function stopDatabase(): Promise<number> {
  await (cluster as ThrowawayCluster).stop();
  const stoppedAt = performance.now();
  await pollUntil(
    async () => {
      const ready = await readyz();
      return ready.ok && ready.status === 503 ? true : undefined;
    },
    {
      timeoutMs: 10_000,
      what: '/readyz answering 503 once PostgreSQL is stopped',
    },
  );
  return stoppedAt;
}

/**
 * Keeps PostgreSQL down until `OUTAGE_MS` after `stoppedAt`, checking all along that
 * `/readyz` answers 503 `database_unavailable` with `Retry-After`.
 */
async function holdDown(stoppedAt: number): Promise<void> {
  let checks = 0;
  while (performance.now() - stoppedAt < OUTAGE_MS) {
    expectUnavailable(await readyz());
    checks += 1;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(checks).toBeGreaterThan(10);
}

/** Starts PostgreSQL again; resolves with the moment the start began (down until then). */
async function startDatabase(): Promise<number> {
  const starting = performance.now();
  await (cluster as ThrowawayCluster).start();
  return starting;
}

/** Bounded polling, with no restart of anything: the server answers 200 again. */
async function waitForRecovery(): Promise<void> {
  await pollUntil(
    async () => {
      const session = await send(server.url, '/v1/session?userId=u_ada&groupId=acme', {
        key: PUBLISHABLE_KEY,
      });
      return session.ok && session.status === 200 ? true : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100, what: 'GET /v1/session answering 200 again' },
  );
  const ready = await readyz();
  expect(ready.ok && ready.status).toBe(200);
  expect(ready.ok && ready.body).toEqual({ status: 'ready', database: 'postgres' });
}

/** The server process is the one started in beforeAll, still running, started once. */
function expectSameProcess() {
  expect(server.child.exitCode).toBeNull();
  expect(server.child.signalCode).toBeNull();
  expect(server.stdout.filter((line) => SERVER_READY_LINE.test(line))).toHaveLength(1);
}

interface LoadRecord {
  kind: 'read' | 'write';
  user?: string;
  changes?: string;
  key?: string;
  outcome: Outcome;
}

/**
 * A small steady load until `stop()`: two workers, each a session read then a membership
 * change of a user of its own (newsletter on and off, each change with its own key), paced.
 */
function startLoad(url: string) {
  const records: LoadRecord[] = [];
  let stopped = false;
  const worker = async (w: number) => {
    const users = [`u_00${w + 1}`, `u_00${w + 3}`];
    // Bounded: 50 ms pacing for at most ~2 minutes.
    for (let n = 0; !stopped && n < 2400; n++) {
      const read = await send(url, '/v1/session?userId=u_ada&groupId=acme', {
        key: PUBLISHABLE_KEY,
        timeoutMs: 10_000,
      });
      records.push({ kind: 'read', outcome: read });
      const user = users[n % 2] as string;
      const changes = Math.floor(n / 2) % 2 === 0 ? '+newsletter' : '-newsletter';
      const key = `outage-${w}-${n}`;
      const write = await send(url, `/v1/users/${user}/membership-changes`, {
        key: SECRET_KEY,
        json: { changes },
        headers: { 'idempotency-key': key },
        timeoutMs: 10_000,
      });
      records.push({ kind: 'write', user, changes, key, outcome: write });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const done = Promise.all([worker(0), worker(1)]);
  return {
    records,
    /** Resolves once `count` answers with `status` to requests sent from now on have arrived (bounded). */
    async seen(status: number, count: number) {
      const since = performance.now();
      await pollUntil(
        async () =>
          records.filter(
            (r) => r.outcome.sentAt > since && r.outcome.ok && r.outcome.status === status,
          ).length >= count
            ? true
            : undefined,
        { timeoutMs: 20_000, intervalMs: 50, what: `${count} more answers ${status}` },
      );
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}

describe('PostgreSQL stopped for 10 s under load', () => {
  it('answers 503 database_unavailable with Retry-After while down and recovers without a restart', async () => {
    const load = startLoad(server.url);
    try {
      await load.seen(200, 10);
      const stoppedAt = await stopDatabase();
      const downConfirmed = performance.now();
      await holdDown(stoppedAt);
      const startingAt = await startDatabase();
      await waitForRecovery();
      const recoveredAt = performance.now();
      await load.seen(200, 10);
      await load.stop();
      console.info(
        `outage: down ${Math.round(startingAt - stoppedAt)} ms; recovered ${Math.round(recoveredAt - startingAt)} ms after its start began; ${load.records.length} load requests`,
      );

      // Every answer of the whole run: 200, or 503 database_unavailable with Retry-After. No
      // 500, no hang, no connection refused.
      for (const record of load.records) {
        if (record.outcome.ok && record.outcome.status === 200) continue;
        expectUnavailable(record.outcome);
      }
      // While down: every request sent after the server said so, answered before the start,
      // was refused that way, and there were plenty.
      const duringOutage = load.records.filter(
        (r) => r.outcome.sentAt > downConfirmed && r.outcome.answeredAt < startingAt,
      );
      expect(duringOutage.length).toBeGreaterThan(50);
      for (const record of duringOutage) expectUnavailable(record.outcome);
      // And promptly: a 503, not a wait for a timeout.
      const slowest = Math.max(...duringOutage.map((r) => r.outcome.answeredAt - r.outcome.sentAt));
      expect(slowest).toBeLessThan(2000);
      // After recovery, everything answers 200.
      const afterRecovery = load.records.filter((r) => r.outcome.sentAt > recoveredAt);
      expect(afterRecovery.length).toBeGreaterThanOrEqual(10);
      for (const record of afterRecovery)
        expect(record.outcome.ok && record.outcome.status).toBe(200);
      expectSameProcess();

      // The changes refused during the outage, retried with their keys, apply exactly once.
      const writes = load.records.filter((r) => r.kind === 'write');
      const refused = writes.filter((r) => !(r.outcome.ok && r.outcome.status === 200));
      expect(refused.length).toBeGreaterThan(10);
      for (const record of refused) {
        const retry = await send(server.url, `/v1/users/${record.user}/membership-changes`, {
          key: SECRET_KEY,
          json: { changes: record.changes },
          headers: { 'idempotency-key': record.key as string },
        });
        expect(retry.ok && retry.status).toBe(200);
        record.outcome = retry;
      }
      const stored = await query<{ slot: string; response: { applied: { result: string }[] } }>(
        `select slot, response from idempotency_keys where project_id = $1 and slot like 'sk_test:%:outage-%'`,
        [PROJECT],
      );
      expect(stored.map((row) => row.slot).sort()).toEqual(
        writes.map((r) => `sk_test:${r.user}:${r.key}`).sort(),
      );
      const storedBySlot = new Map(stored.map((row) => [row.slot, row.response]));
      for (const record of writes) {
        expect(record.outcome.ok && record.outcome.body).toEqual(
          storedBySlot.get(`sk_test:${record.user}:${record.key}`),
        );
      }
      // Per user: joins minus leaves that took effect = whether the user is a member now.
      for (const user of new Set(writes.map((r) => r.user as string))) {
        const results = stored
          .filter((row) => row.slot.startsWith(`sk_test:${user}:`))
          .map((row) => row.response.applied[0]?.result);
        const net =
          results.filter((r) => r === 'added').length -
          results.filter((r) => r === 'removed').length;
        const member = (await membershipSlugs(server.url, user)).includes('newsletter');
        expect([user, net]).toEqual([user, member ? 1 : 0]);
      }
    } finally {
      await load.stop();
    }
  }, 90_000);
});

interface FetchRecord {
  method: string;
  path: string;
  key: string | null;
  /** `in flight` until the response arrives; `failed` when fetch itself threw. */
  status: number | 'in flight' | 'failed';
}

function useOutageProbe() {
  return {
    kit: useGroupKit(),
    newsletter: useIsMember('newsletter'),
    community: useIsMember('community'),
    joinNewsletter: useJoinGroup('newsletter'),
    leaveNewsletter: useLeaveGroup('newsletter'),
    joinCommunity: useJoinGroup('community'),
  };
}

describe('the React SDK across an outage', () => {
  it('lands every change made while the database was down, each exactly once', async () => {
    // Everything the SDK sends, and what came back.
    const sent: FetchRecord[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers = new Headers(init?.headers);
      const record: FetchRecord = {
        method: init?.method ?? 'GET',
        path: url.pathname,
        key: headers.get('idempotency-key'),
        status: 'in flight',
      };
      sent.push(record);
      try {
        const response = await fetch(input, init);
        record.status = response.status;
        return response;
      } catch (error) {
        record.status = 'failed';
        throw error;
      }
    };
    // Enough retries to outlast the outage: the default (3, at the server's Retry-After of
    // 2 s) gives up after about 6 s and reports the change as failed (rolled back).
    const client = createGroupKitClient({
      apiKey: PUBLISHABLE_KEY,
      baseUrl: server.url,
      fetch: recordingFetch,
      retry: { retries: 15, maxDelayMs: 5000 },
    });
    const errors: unknown[] = [];
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(
        GroupKitProvider,
        {
          apiKey: PUBLISHABLE_KEY,
          client,
          userId: 'u_grace',
          persist: false,
          onError: (error) => void errors.push(error),
        },
        children,
      );
    const view = renderHook(useOutageProbe, { wrapper });
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'), { timeout: 15_000 });
    expect(view.result.current).toMatchObject({ newsletter: false, community: false });
    const keysBefore = await query(
      `select slot from idempotency_keys where project_id = $1 and slot like 'pk_test:u_grace:%'`,
      [PROJECT],
    );
    expect(keysBefore).toEqual([]);

    const stoppedAt = await stopDatabase();
    const outcomes: Promise<{ ok: boolean }>[] = [];
    act(() => {
      outcomes.push(view.result.current.joinNewsletter.join());
      outcomes.push(view.result.current.joinCommunity.join());
    });
    // The SDK is retrying against the outage: more changes, made while it does.
    const posts = () => sent.filter((r) => r.method === 'POST');
    await pollUntil(
      async () => (posts().filter((r) => r.status === 503).length >= 2 ? true : undefined),
      {
        timeoutMs: 10_000,
        what: 'the SDK retrying its first change against the outage',
      },
    );
    act(() => {
      outcomes.push(view.result.current.leaveNewsletter.leave());
      outcomes.push(view.result.current.joinNewsletter.join());
    });
    // Shown at once, saved later.
    expect(view.result.current).toMatchObject({ newsletter: true, community: true });
    expect(view.result.current.kit.isSaving).toBe(true);

    await holdDown(stoppedAt);
    // Nothing got through while the database was down (a retry may still be on its way).
    expect(posts().filter((r) => r.status !== 503 && r.status !== 'in flight')).toEqual([]);
    await startDatabase();
    await waitFor(() => expect(view.result.current.kit.isSaving).toBe(false), { timeout: 40_000 });
    const settled = await Promise.all(outcomes);
    expect(settled.map((o) => o.ok)).toEqual([true, true, true, true]);
    expect(errors).toEqual([]);
    expect(view.result.current).toMatchObject({ newsletter: true, community: true });
    expectSameProcess();

    // On the server: the four changes, in order, each applied once.
    const slugs = await membershipSlugs(server.url, 'u_grace');
    expect(slugs).toEqual(expect.arrayContaining(['newsletter', 'community']));
    const keys = [...new Set(posts().map((r) => r.key))];
    expect(keys).toHaveLength(4);
    expect(keys.every((key) => typeof key === 'string' && key.length > 0)).toBe(true);
    for (const key of keys) {
      const statuses = posts()
        .filter((r) => r.key === key)
        .map((r) => r.status);
      // Refused while down (as often as the SDK tried), then applied once.
      expect(statuses.filter((s) => s !== 503)).toEqual([200]);
      expect(statuses.at(-1)).toBe(200);
    }
    const stored = await query<{
      slot: string;
      response: { applied: { op: string; group: string; result: string }[] };
    }>(
      `select slot, response from idempotency_keys where project_id = $1 and slot like 'pk_test:u_grace:%'`,
      [PROJECT],
    );
    const bySlot = new Map(stored.map((row) => [row.slot, row.response.applied]));
    expect(stored).toHaveLength(4);
    expect(keys.map((key) => bySlot.get(`pk_test:u_grace:${key}`))).toEqual([
      [{ op: 'add', group: 'newsletter', result: 'added' }],
      [{ op: 'add', group: 'community', result: 'added' }],
      [{ op: 'remove', group: 'newsletter', result: 'removed' }],
      [{ op: 'add', group: 'newsletter', result: 'added' }],
    ]);
    view.unmount();
  }, 90_000);
});
