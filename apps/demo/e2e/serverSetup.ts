import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('..', import.meta.url));
const repo = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * `groupkit-server start` as an operator runs it (the CLI from source, as `npm run server`
 * does), resolved once it prints its readiness line.
 */
async function startServerProcess(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', 'packages/server/src/cli/run.ts', 'start', ...args],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`groupkit-server exited with ${code} before it was ready`)),
    );
    lines.on('line', (line) => {
      const match = /^GroupKit server listening on (\S+) /.exec(line);
      if (match) resolve(match[1] as string);
    });
  });
  return {
    url,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Whether this server's CLI serves a console directory at /admin/ (`--console-dir`). Until
 * the server branch that adds it is merged, the console tests do not run on the server.
 */
async function serverServesConsole(): Promise<boolean> {
  const options = await readFile(`${repo}/packages/server/src/cli/options.ts`, 'utf8');
  return options.includes("'console-dir'");
}

/**
 * The demo as a user gets it, pointed at the real server: `@groupkit/server` on a fresh
 * in-memory PGlite seeded with the default scenario, CORS open to the demo's origin only,
 * and the demo built with `VITE_GROUPKIT_BASE_URL` (so no MSW at all) into its own folder;
 * the console built on its own and served at `/admin/` by a second server process with its
 * own database, so the console tests and the journey never see each other's changes.
 */
export default async function setup(project: TestProject) {
  const demoPort = await freePort();
  const demoOrigin = `http://127.0.0.1:${demoPort}`;
  // The console the server serves at /admin/, same origin as the API (no CORS, no key).
  const consoleDir = `${root}/dist-console`;
  const withConsole = await serverServesConsole();
  if (withConsole) {
    await build({ logLevel: 'warn', configFile: `${root}/vite.console.config.ts` });
  }
  const server = await startServerProcess([
    '--database',
    'memory',
    '--port',
    '0',
    '--scenario',
    'default',
    '--cors-origin',
    demoOrigin,
  ]);
  // The console's own server (and database): what its operators change (Alan joins VIP
  // lounge) must not reach the end-user journey, which expects the scenario as seeded.
  const consoleServer = withConsole
    ? await startServerProcess([
        '--console-dir',
        consoleDir,
        '--database',
        'memory',
        '--port',
        '0',
        '--scenario',
        'default',
      ])
    : null;
  const outDir = `${root}/dist-server`;
  const previous = process.env.VITE_GROUPKIT_BASE_URL;
  process.env.VITE_GROUPKIT_BASE_URL = server.url;
  try {
    await build({
      root,
      logLevel: 'warn',
      configFile: `${root}/vite.config.ts`,
      build: { outDir },
    });
  } finally {
    if (previous === undefined) delete process.env.VITE_GROUPKIT_BASE_URL;
    else process.env.VITE_GROUPKIT_BASE_URL = previous;
  }
  const site = await preview({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: demoPort, strictPort: true, open: false },
  });
  project.provide('demoUrl', `${demoOrigin}/`);
  project.provide('consoleUrl', consoleServer ? `${consoleServer.url}/admin/#` : '');
  project.provide('apiUrl', consoleServer?.url ?? server.url);
  project.provide('demoApiUrl', server.url);
  // The demo built for the server, and the console the server serves at /admin/.
  project.provide('builds', ['dist-server', ...(withConsole ? ['dist-console'] : [])]);
  return async () => {
    await site.close();
    await server.close();
    await consoleServer?.close();
  };
}
