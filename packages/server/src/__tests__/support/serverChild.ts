/**
 * `groupkit-server start …` as a child process, for jsdom test files. `cliProcess.ts` cannot
 * be loaded there: Vite transforms a jsdom file's modules for the browser and rewrites
 * `new URL('…', import.meta.url)` (how it finds the repository) into a served http URL, and
 * jsdom's TextEncoder breaks loading it through tsx instead. This one finds the repository
 * from its own file path. The same command line, the same readiness line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Five levels up from `packages/server/src/__tests__/support/`. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

const READY = /^GroupKit server listening on (http:\/\/\S+) \(database: (.+)\)$/;

export interface ServerChild {
  child: ChildProcess;
  url: string;
  /** Every stdout line so far (the readiness line among them). */
  readonly stdout: string[];
  stderr(): string;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

/** Starts the server with `start …args` (from the sources, as `npm run server` does). */
export function startServerChild(
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 90_000,
): Promise<ServerChild> {
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    // The machine's settings never leak into the server under test.
    if (value !== undefined && !['PORT', 'HOST', 'DATABASE_URL', 'LOG_LEVEL'].includes(name))
      childEnv[name] = value;
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', 'packages/server/src/cli/run.ts', 'start', ...args],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...childEnv, ...env } },
  );
  const stdout: string[] = [];
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closed;
  };
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      void kill();
      reject(
        new Error(`no readiness line within ${timeoutMs} ms\n${stdout.join('\n')}\n${stderr}`),
      );
    }, timeoutMs);
    void closed.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before it was ready\n${stdout.join('\n')}\n${stderr}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      stdout.push(line);
      const ready = READY.exec(line);
      if (!ready) return;
      clearTimeout(timer);
      resolveStart({ child, url: ready[1] as string, stdout, stderr: () => stderr, kill });
    });
  });
}

/** The readiness line pattern (the same as `cliProcess.READY_LINE`). */
export const SERVER_READY_LINE = READY;
