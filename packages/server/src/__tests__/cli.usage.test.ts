/**
 * The command line as an operator meets it: usage errors (exit 2 with the usage text),
 * `--help`, and the environment variables standing in for flags.
 */
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine, USAGE } from '../cli/options';
import { postgresLabel } from '../db/connect';
import { createTestDatabase } from '../db/testDatabase';
import { killAllStarted, runCli, startCli } from './support/cliProcess';
import { callApi, PUBLISHABLE_KEY } from './support/http';

afterAll(killAllStarted);

/** A port nobody listens on right now. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('groupkit-server usage', () => {
  // Each one a process of its own; none opens a database.
  const mistakes: [string[], string][] = [
    [['frob'], 'Unknown command "frob".'],
    [['start', '--port', 'abc'], '--port: "abc" is not a port number (0-65535).'],
    [['start', '--port', '70000'], '--port: "70000" is not a port number (0-65535).'],
    [['start', '--port', '0x1f'], '--port: "0x1f" is not a port number (0-65535).'],
    [['start', '--scenario', 'nope'], 'Unknown scenario "nope".'],
    [['start', '--reset', '--if-empty'], '--reset and --if-empty contradict each other'],
    [['start', '--no-such-flag'], "Unknown option '--no-such-flag'"],
    [['keys', 'create'], 'keys create needs --project <id>.'],
    [['admins', 'create'], 'admins create needs --email <email> and --role <owner|admin|support>.'],
    [
      ['admins', 'create', '--email', 'nobody', '--role', 'admin'],
      'email: must be an email address.',
    ],
    [
      ['admins', 'create', '--email', 'a@b.test', '--role', 'root'],
      'role: must be support, admin or owner.',
    ],
    [['start', '--console-dir', ''], '--console-dir: give a value.'],
  ];

  // A dozen processes at once: on a busy 2-core machine that takes longer than the default.
  it(
    'exits 2 with the reason and the usage text on a command line it cannot run',
    {
      timeout: 120_000,
    },
    async () => {
      const results = await Promise.all(mistakes.map(([args]) => runCli(args)));
      results.forEach((result, i) => {
        const [args, reason] = mistakes[i] as [string[], string];
        expect({ args, code: result.code, signal: result.signal }).toEqual({
          args,
          code: 2,
          signal: null,
        });
        expect(result.stderr).toMatch(/^groupkit-server: /);
        expect(result.stderr).toContain(reason);
        expect(result.stderr.endsWith(`\n\n${USAGE}\n`)).toBe(true);
        expect(result.stdout).toBe('');
      });
    },
  );

  it('prints the usage on --help and -h and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const help = await runCli([flag]);
      expect(help).toMatchObject({ code: 0, signal: null, stderr: '' });
      expect(help.stdout).toBe(USAGE);
    }
    for (const command of [
      'admins create --email',
      'admins list',
      '--console-dir',
      'GROUPKIT_CONSOLE_DIR',
    ]) {
      expect(USAGE).toContain(command);
    }
  });

  it('reads an empty environment variable as unset, not as port 0, "" or the working directory', () => {
    const line = parseCommandLine(['start'], {
      PORT: '',
      HOST: ' ',
      DATABASE_URL: '',
      GROUPKIT_CORS_ORIGINS: '',
    });
    expect(line).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      database: './.groupkit/data',
      corsOrigins: [],
    });
    expect(() => parseCommandLine(['start', '--database', ''], {})).toThrow('--database');
  });
});

describe('groupkit-server environment', () => {
  it(
    'honours PORT, HOST, DATABASE_URL and GROUPKIT_CORS_ORIGINS',
    { timeout: 120_000 },
    async () => {
      const database = await createTestDatabase();
      try {
        const host = '127.0.0.2';
        const port = await freePort(host);
        const server = await startCli(['--scenario', 'default'], {
          PORT: String(port),
          HOST: host,
          DATABASE_URL: database.url,
          GROUPKIT_CORS_ORIGINS: 'https://one.example, https://two.example',
        });
        expect(server.readyLine).toBe(
          `GroupKit server listening on http://${host}:${port} (database: ${postgresLabel(database.url)})`,
        );
        const preflight = await callApi(server.url, '/v1/session', {
          method: 'OPTIONS',
          headers: {
            origin: 'https://two.example',
            'access-control-request-method': 'GET',
          },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBe('https://two.example');
        const session = await callApi(server.url, '/v1/session?userId=u_ada', {
          key: PUBLISHABLE_KEY,
          headers: { origin: 'https://one.example' },
        });
        expect(session.status).toBe(200);
        expect(session.headers.get('access-control-allow-origin')).toBe('https://one.example');
        const other = await callApi(server.url, '/v1/session?userId=u_ada', {
          key: PUBLISHABLE_KEY,
          headers: { origin: 'https://three.example' },
        });
        expect(other.headers.get('access-control-allow-origin')).toBeNull();

        server.process.child.kill('SIGTERM');
        expect(await server.process.waitForExit()).toEqual({ code: 0, signal: null });
      } finally {
        await database.drop();
      }
    },
  );
});
