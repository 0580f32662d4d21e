/**
 * A PostgreSQL cluster of a test's own (initdb into a temporary directory, started with
 * pg_ctl on a free loopback port), to stop and start at will: the machine's shared service
 * is never touched. Run as root, the PostgreSQL commands run as the `postgres` user (the
 * server refuses to run as root).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `/usr/lib/postgresql/<newest>/bin`, where initdb and pg_ctl live on Debian. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error(`no PostgreSQL server binaries (initdb) under ${root}`);
  return join(root, versions[0], 'bin');
}

/** A port nobody listens on right now (the kernel's pick). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export interface ThrowawayCluster {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  url: string;
  /** The cluster's directory (data, log, socket). */
  dir: string;
  /** `pg_ctl start -w`: resolves once it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m fast -w`: sessions are terminated, then it is down. */
  stop(): Promise<void>;
  /** The server log so far. */
  log(): Promise<string>;
  /** Stops it (immediate) if running and removes its directory. Safe to call twice. */
  destroy(): Promise<void>;
}

/** initdb + start, on a free port. Call `destroy()` in `afterAll`, even on failure. */
export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'groupkit-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'log');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await postgresIds();
    await chown(dir, uid, gid);
  }
  /** Runs a PostgreSQL program, as `postgres` when this process is root. */
  const pg = (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { timeout: 60_000 })
      : run(join(bin, program), args, { timeout: 60_000 });

  let port = 0;
  let running = false;
  let destroyed: Promise<void> | undefined;
  const pgCtl = (...args: string[]) => pg('pg_ctl', ['-D', data, ...args]);
  const start = async () => {
    await pgCtl(
      '-o',
      // Loopback only; its socket in its own directory; no fsync (thrown away anyway).
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
      '-l',
      logFile,
      '-w',
      '-t',
      '30',
      'start',
    );
    running = true;
  };
  const cluster: ThrowawayCluster = {
    get port() {
      return port;
    },
    get url() {
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    },
    dir,
    start,
    async stop() {
      await pgCtl('-m', 'fast', '-w', '-t', '30', 'stop');
      running = false;
    },
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    destroy() {
      destroyed ??= (async () => {
        if (running) await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
        running = false;
        await rm(dir, { recursive: true, force: true });
      })();
      return destroyed;
    },
  };

  try {
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    // Another process may take the free port before PostgreSQL does: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    const log = await cluster.log();
    await cluster.destroy();
    throw new Error(`throwaway PostgreSQL did not start: ${String(error)}\n${log}`, {
      cause: error,
    });
  }
  return cluster;
}
