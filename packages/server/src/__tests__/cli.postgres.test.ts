/** `groupkit-server start` on PostgreSQL (`--database postgres://…`), as real processes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresLabel } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { killAllStarted, startCli } from './support/cliProcess';
import { callApi, pollUntil, PUBLISHABLE_KEY } from './support/http';
import { checkChangeSurvivesKill } from './support/restarts';
import { createTcpProxy, type TcpProxy } from './support/tcpProxy';

describe('groupkit-server start on PostgreSQL', () => {
  let database: TestDatabase | undefined;
  let proxy: TcpProxy | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await killAllStarted();
    await proxy?.close();
    await database?.drop();
  });

  it(
    'serves the seeded scenario and keeps a change across SIGKILL and restarts',
    { timeout: 120_000 },
    async () => {
      const { url } = database as TestDatabase;
      await checkChangeSurvivesKill(url, postgresLabel(url));
    },
  );

  it(
    'keeps running when its PostgreSQL connection drops in the middle of a request',
    { timeout: 120_000 },
    async () => {
      proxy = await createTcpProxy({ host: '127.0.0.1', port: 5432 });
      const proxied = new URL((database as TestDatabase).url);
      proxied.port = String(proxy.port);
      const server = await startCli([
        '--database',
        proxied.toString(),
        '--port',
        '0',
        '--scenario',
        'default',
        '--reset',
      ]);
      const join = () =>
        callApi(server.url, '/v1/users/u_grace/membership-changes', {
          key: PUBLISHABLE_KEY,
          json: { changes: '+newsletter' },
        });

      // Inside the write transaction, as its writes and COMMIT go out (the membership record
      // is their parameter, in no statement of the load).
      const cut = proxy.cutWhen((data) => data.includes('"userId":"u_grace"'));
      const refused = await join();
      await cut;
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ error: { code: 'database_unavailable' } });
      expect(refused.headers.get('retry-after')).toBe('2');

      await proxy.resume();
      await pollUntil(async () => ((await join()).status === 200 ? true : undefined), {
        what: 'the same change answering 200',
        timeoutMs: 20_000,
      });
      expect(server.process.child.exitCode).toBeNull();
      expect(server.process.stderr()).not.toMatch(/uncaught|Connection terminated/i);
      server.process.child.kill('SIGTERM');
      expect(await server.process.waitForExit()).toEqual({ code: 0, signal: null });
    },
  );
});
