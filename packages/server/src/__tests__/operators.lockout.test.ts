/**
 * The sign-in lockout (5 failures for one email within 15 minutes) is the database's: it
 * holds across server processes, and failures sent at once to two apps are each counted
 * once, one after the other (the email's lock), never past the limit.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app/createApp';
import { type Database, openDatabase } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { seedDatabase } from '../seed/seedDatabase';
import { killAllStarted, startCli } from './support/cliProcess';
import { DEMO_PASSWORD, trySignIn } from './support/operators';

let test: TestDatabase;
let database: Database;

beforeAll(async () => {
  test = await createTestDatabase();
  database = await openDatabase(test.url, { poolSize: 2 });
}, 60_000);
beforeEach(async () => {
  await seedDatabase(database, { scenario: 'default', reset: true });
});
afterAll(async () => {
  await killAllStarted();
  await database?.close();
  await test?.drop();
});

const failures = async (email: string) => {
  const { rows } = await database.query<{ times: number[] }>(
    'select times from sign_in_failures where email = $1',
    [email],
  );
  return rows[0]?.times.length ?? 0;
};

describe('the sign-in lockout', () => {
  it('holds across two server processes on one database', { timeout: 120_000 }, async () => {
    const [one, two] = await Promise.all([
      startCli(['--database', test.url, '--port', '0']),
      startCli(['--database', test.url, '--port', '0']),
    ]);
    const servers = [one, two].map((server) => ({
      fetch: (r: Request) => fetch(r),
      url: server.url,
    }));
    const attempt = (i: number, password: string) => {
      const server = servers[i % 2] as (typeof servers)[number];
      return trySignIn(server, { email: 'admin@groupkit.test', password }, server.url);
    };

    for (let i = 0; i < 5; i++) {
      const { response, body } = await attempt(i, `wrong password ${i}`);
      expect({ i, status: response.status, code: body.error?.code }).toEqual({
        i,
        status: 401,
        code: 'invalid_credentials',
      });
    }
    expect(await failures('admin@groupkit.test')).toBe(5);
    // Locked on both, even for the right password; the failures are not counted again.
    for (const i of [5, 6]) {
      const { response, body } = await attempt(i, DEMO_PASSWORD);
      expect(response.status).toBe(429);
      expect(body.error?.code).toBe('too_many_attempts');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800);
    }
    expect(await failures('admin@groupkit.test')).toBe(5);
    // Another email is not locked.
    const owner = await trySignIn(
      servers[1] as (typeof servers)[number],
      { email: 'owner@groupkit.test', password: DEMO_PASSWORD },
      two.url,
    );
    expect(owner.response.status).toBe(201);

    for (const server of [one, two]) {
      server.process.child.kill('SIGTERM');
      expect(await server.process.waitForExit()).toEqual({ code: 0, signal: null });
    }
  });

  it('counts failures sent at once to two apps one by one, and no more than the limit', async () => {
    const other = await openDatabase(test.url, { poolSize: 4 });
    try {
      const clock = Date.parse('2026-06-01T09:00:00.000Z');
      const apps = [database, other].map((db) =>
        createApp({ database: db, now: () => new Date(clock) }),
      );
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          trySignIn(apps[i % 2] as (typeof apps)[number], {
            email: 'support@groupkit.test',
            password: `wrong ${i}`,
          }),
        ),
      );
      const statuses = answers.map((a) => a.response.status).sort();
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      expect(await failures('support@groupkit.test')).toBe(5);
    } finally {
      await other.close();
    }
  });
});
