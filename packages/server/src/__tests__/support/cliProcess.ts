/**
 * `groupkit-server` as a real child process, run from the sources exactly as `npm run server`
 * does (`node --import tsx --conditions=source packages/server/src/cli/run.ts …` from the
 * repository root). Every wait is for an event (a line, an exit) and bounded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root (five levels up from `packages/server/src/__tests__/support/`). */
export const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/** The one line the server prints when it is ready, with its URL and database label. */
export const READY_LINE = /^GroupKit server listening on (http:\/\/\S+) \(database: (.+)\)$/;

/** Environment variables the CLI reads: cleared so the machine's environment never leaks in. */
const CLI_ENV = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'GROUPKIT_CORS_ORIGINS',
  'GROUPKIT_CONSOLE_DIR',
  'LOG_LEVEL',
];

/** Long enough for a PGlite start (3-5 s, more on a busy 2-core machine) plus tsx. */
export const PROCESS_WAIT_MS = 90_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliProcess {
  child: ChildProcess;
  /** Every stdout line so far. */
  readonly stdout: string[];
  /** Everything on stderr so far. */
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern` (seen already or to come). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** The exit, bounded: rejects when the process is still running after `timeoutMs`. */
  waitForExit(timeoutMs?: number): Promise<Exit>;
}

const running = new Set<ChildProcess>();

/**
 * Spawns the CLI with `args`; `env` entries are added (undefined removes one). `input` is
 * written to its stdin, which is then closed (without it, stdin is not connected).
 */
export function spawnCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): CliProcess {
  const childEnv = Object.fromEntries(
    Object.entries({ ...process.env, ...env }).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && (!CLI_ENV.includes(entry[0]) || entry[0] in env),
    ),
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', 'packages/server/src/cli/run.ts', ...args],
    {
      cwd: repoRoot,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: childEnv,
    },
  );
  running.add(child);
  if (input !== undefined) child.stdin?.end(input);
  const stdout: string[] = [];
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lineListeners = new Set<(line: string) => void>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    stdout.push(line);
    for (const listener of lineListeners) listener(line);
  });
  const exited = new Promise<Exit>((resolve) => {
    // `close`: the process has exited and its output is read to the end.
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const describe = () =>
    `\n--- stdout ---\n${stdout.join('\n')}\n--- stderr ---\n${stderr}\n--- args: ${args.join(' ')}`;

  return {
    child,
    stdout,
    stderr: () => stderr,
    exited,
    waitForLine(pattern, timeoutMs = PROCESS_WAIT_MS) {
      const seen = stdout.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          lineListeners.delete(onLine);
        };
        const onLine = (line: string) => {
          if (!pattern.test(line)) return;
          done();
          resolve(line);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms${describe()}`));
        }, timeoutMs);
        lineListeners.add(onLine);
        void exited.then((exit) => {
          if (!lineListeners.has(onLine)) return;
          done();
          reject(
            new Error(
              `exited (${exit.code ?? exit.signal}) before printing ${pattern}${describe()}`,
            ),
          );
        });
      });
    },
    waitForExit(timeoutMs = PROCESS_WAIT_MS) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`still running after ${timeoutMs} ms${describe()}`)),
          timeoutMs,
        );
      });
      return Promise.race([exited, late]).finally(() => clearTimeout(timer));
    },
  };
}

/** A started server: the process, its URL and the database label of its readiness line. */
export interface StartedCli {
  process: CliProcess;
  url: string;
  databaseLabel: string;
  readyLine: string;
}

/** `groupkit-server start …`, resolved once the readiness line is printed. */
export async function startCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<StartedCli> {
  const started = spawnCli(['start', ...args], env);
  const readyLine = await started.waitForLine(READY_LINE);
  const [, url, databaseLabel] = READY_LINE.exec(readyLine) as RegExpExecArray;
  return {
    process: started,
    url: url as string,
    databaseLabel: databaseLabel as string,
    readyLine,
  };
}

/** Runs the CLI to its end (`input`: see `spawnCli`). */
export async function runCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): Promise<Exit & { stdout: string; stderr: string }> {
  const cli = spawnCli(args, env, input);
  const exit = await cli.waitForExit();
  return { ...exit, stdout: cli.stdout.join('\n'), stderr: cli.stderr() };
}

/** SIGKILLs the process (no cleanup of any kind runs) and waits for it to be gone. */
export async function killHard(cli: CliProcess): Promise<Exit> {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
  return cli.waitForExit(10_000);
}

/** Kills (SIGKILL) every CLI process this file started that is still running: for `afterAll`. */
export async function killAllStarted(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
