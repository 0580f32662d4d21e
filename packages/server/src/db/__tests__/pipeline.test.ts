/**
 * Round trips on PostgreSQL: a write sends its locks with its load, and its writes with its
 * COMMIT, as pipelines of prepared statements; a pipeline that fails leaves nothing behind.
 * Counted at the driver: every `pg.Client#query` call is one round trip (a pipeline is one).
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type GroupKitApp } from '../../app/createApp';
import { type RunningServer, startServer } from '../../startServer';
import { type Database, openDatabase, sendWithNext } from '../connect';
import { createTestDatabase, type TestDatabase } from '../testDatabase';

const PK = { authorization: 'Bearer pk_test_groupkit' };

let test: TestDatabase;
let server: RunningServer;
let app: GroupKitApp;

beforeAll(async () => {
  test = await createTestDatabase();
  server = await startServer({ database: test.url, port: 0, scenario: 'default' });
  app = createApp({ database: server.database });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await test?.drop();
});

/** The answer to `path`, and the round trips the server's pool made for it. */
async function roundTrips(path: string, init: RequestInit = {}) {
  const query = vi.spyOn(pg.Client.prototype, 'query');
  try {
    const response = await app.fetch(
      new Request(`http://groupkit.test${path}`, {
        ...init,
        headers: { ...PK, ...init.headers },
      }),
    );
    return { response, trips: query.mock.calls.length };
  } finally {
    query.mockRestore();
  }
}

const change = (changes: string, key: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'idempotency-key': key },
  body: JSON.stringify({ changes }),
});

describe('round trips of a request on PostgreSQL', () => {
  it('answers a session in one round trip', async () => {
    // The first request looks its key up; the cached key costs nothing afterwards.
    await roundTrips('/v1/session?userId=u_ada&groupId=acme');
    const { response, trips } = await roundTrips('/v1/session?userId=u_ada&groupId=acme');
    expect(response.status).toBe(200);
    expect(trips).toBe(1);
  });

  it('makes a membership change in two: locks with the load, writes with the COMMIT', async () => {
    const { response, trips } = await roundTrips(
      '/v1/users/u_ada/membership-changes',
      change('+newsletter', 'pipeline-join'),
    );
    expect(response.status).toBe(200);
    expect(trips).toBe(2);
    const session = await roundTrips('/v1/session?userId=u_ada&groupId=acme');
    const { memberships } = (await session.response.json()) as {
      memberships: { slug: string }[];
    };
    expect(memberships.map((m) => m.slug)).toContain('newsletter');

    // The statements are prepared by now: leaving again is still two trips, and exact.
    const leave = await roundTrips(
      '/v1/users/u_ada/membership-changes',
      change('-newsletter', 'pipeline-leave'),
    );
    expect(leave.trips).toBe(2);
    expect(await leave.response.json()).toMatchObject({
      applied: [{ op: 'remove', group: 'newsletter', result: 'removed' }],
    });
  });

  it('replays a stored answer with its locks and load, then a bare COMMIT', async () => {
    const first = await roundTrips(
      '/v1/users/u_ada/membership-changes',
      change('+newsletter', 'again'),
    );
    const replay = await roundTrips(
      '/v1/users/u_ada/membership-changes',
      change('+newsletter', 'again'),
    );
    expect(replay.response.status).toBe(200);
    expect(await replay.response.json()).toEqual(await first.response.json());
    expect(replay.trips).toBe(2);
  });
});

describe('the columns of a prepared statement', () => {
  it('are asked for once per connection: the same answers after, without a Describe', async () => {
    let database: Database | undefined;
    const describe = vi.spyOn(pg.Connection.prototype, 'describe');
    try {
      // One connection, so the second run meets the statements the first one prepared.
      database = await openDatabase(test.url, { poolSize: 1 });
      // A still clock: the second join's answer is the first's, time included.
      const oneApp = createApp({ database, now: () => new Date('2026-06-01T00:00:00.000Z') });
      const call = async (path: string, init: RequestInit = {}) => {
        const response = await oneApp.fetch(
          new Request(`http://groupkit.test${path}`, {
            ...init,
            headers: { ...PK, ...init.headers },
          }),
        );
        return { status: response.status, body: await response.text() };
      };
      const session = () => call('/v1/session?userId=u_ada&groupId=acme');
      const toggle = async (changes: string, key: string) =>
        JSON.parse((await call('/v1/users/u_ada/membership-changes', change(changes, key))).body);

      const firstSession = await session();
      const joined = await toggle('+community', 'columns-join-1');
      await toggle('-community', 'columns-leave-1');
      expect(describe.mock.calls.length).toBeGreaterThan(0);

      describe.mockClear();
      expect(await session()).toEqual(firstSession);
      // The same statements again: rows parsed as before.
      const again = await toggle('+community', 'columns-join-2');
      expect(again).toEqual(joined);
      await toggle('-community', 'columns-leave-2');
      expect(describe).not.toHaveBeenCalled();
    } finally {
      describe.mockRestore();
      await database?.close();
    }
  });
});

describe('a pipeline that fails', () => {
  let database: Database;
  beforeAll(async () => {
    // One connection: the transaction after the failure must get a working one.
    database = await openDatabase(test.url, { poolSize: 1 });
  });
  afterAll(async () => {
    await database?.close();
  });

  const projectIds = async () =>
    (
      await database.query<{ id: string }>(
        "select id from projects where id like 'pipe_%' order by id",
      )
    ).rows.map((row) => row.id);

  it('rolls back the statements before the failing one, and the pool carries on', async () => {
    const insert = (id: string | null) =>
      sql`insert into projects (id, identity_verification) values (${id}, false)`;
    await expect(
      database.transaction(async (_tx, atCommit) => {
        atCommit.add(insert('pipe_1'));
        // The primary key refuses NULL: the COMMIT behind it never runs.
        atCommit.add(insert(null));
      }),
    ).rejects.toThrow(/null value/);
    expect(await projectIds()).toEqual([]);

    // The same statement text again, on the connection that replaced the failed one: it is
    // prepared there afresh, and commits.
    await database.transaction(async (_tx, atCommit) => {
      atCommit.add(insert('pipe_2'));
    });
    expect(await projectIds()).toEqual(['pipe_2']);
  });

  it('fails the load a lock travels with, and keeps nothing of the transaction', async () => {
    const holder = new pg.Client({ connectionString: test.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(424242)');
      await expect(
        database.transaction(
          async (tx, atCommit) => {
            await sendWithNext(tx, sql`select pg_advisory_xact_lock(424242)`);
            atCommit.add(
              sql`insert into projects (id, identity_verification) values ('pipe_3', false)`,
            );
            await tx.execute(sql`select ${'loaded'}::text as loaded`);
          },
          { timeoutMs: 300 },
        ),
      ).rejects.toThrow();
      await holder.query('commit');
    } finally {
      await holder.end();
    }
    expect(await projectIds()).toEqual(['pipe_2']);
  });
});
