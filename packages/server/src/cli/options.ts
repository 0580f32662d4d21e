import type { ScenarioName } from '@groupkit/mock-api/core';
import { scenarios } from '@groupkit/mock-api/core';
import { parseArgs } from 'node:util';

/** Where the embedded database lives unless told otherwise (relative to the working directory). */
export const DEFAULT_DATA_DIR = './.groupkit/data';

export interface StartOptions {
  port: number;
  host: string;
  /** `postgres://…`, a PGlite directory, or `memory`. */
  database: string;
  scenario: ScenarioName | undefined;
  /** Delete everything before seeding `scenario`. */
  reset: boolean;
  /** Seed `scenario` only into an empty database; keep an existing one as it is. */
  ifEmpty: boolean;
  corsOrigins: string[];
  /** Ms a request may wait for the database in all (a connection, then each statement). */
  requestTimeoutMs: number;
  /** The same for secret-key (admin) routes. */
  adminRequestTimeoutMs: number;
  /** PostgreSQL connections per process. */
  poolSize: number;
  /** Secret-key requests run at once per process (more wait their turn). */
  adminConcurrency: number;
  /** A built console to serve under `/admin/` (none when undefined). */
  consoleDir: string | undefined;
}

/** A command line the CLI cannot run; the message says what to type instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage:
  groupkit-server start [--port 8787] [--host 127.0.0.1] [--database <postgres://…|DIR|memory>]
                        [--scenario <name> [--reset | --if-empty]] [--cors-origin <origin>]…
                        [--request-timeout <ms, 10000>] [--admin-request-timeout <ms, 60000>]
                        [--pool-size <n, 20>] [--admin-concurrency <n, 4>]
                        [--console-dir <DIR with the built console, served at /admin/>]
  groupkit-server migrate [--database …]
  groupkit-server seed --scenario <name> [--reset] [--database …]
  groupkit-server keys create --project <id> [--database …]
  groupkit-server admins create --email <email> --role <owner|admin|support> [--project <id>]
                                [--password-stdin] [--database …]
  groupkit-server admins list [--project <id>] [--database …]

admins create prints a generated password once; with --password-stdin it reads the
password (12 to 200 characters) from standard input instead. --project may be left out
when the database holds one project.

Environment: PORT, HOST, DATABASE_URL, GROUPKIT_CORS_ORIGINS (comma separated), LOG_LEVEL,
GROUPKIT_REQUEST_TIMEOUT_MS, GROUPKIT_ADMIN_REQUEST_TIMEOUT_MS, GROUPKIT_POOL_SIZE,
GROUPKIT_ADMIN_CONCURRENCY, GROUPKIT_CONSOLE_DIR.
Scenarios: ${Object.keys(scenarios).join(', ')}.
Default database: embedded PostgreSQL (PGlite) in ${DEFAULT_DATA_DIR}.`;

function positiveOf(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${flag}: "${value}" is not a positive whole number.`);
  }
  return Number(value);
}

function scenarioOf(value: string | undefined): ScenarioName | undefined {
  if (value === undefined) return undefined;
  if (!(value in scenarios)) {
    throw new UsageError(
      `Unknown scenario "${value}". Use one of: ${Object.keys(scenarios).join(', ')}.`,
    );
  }
  return value as ScenarioName;
}

function portOf(value: string): number {
  // Digits only: `Number` would also take '', ' ', '0x1f' and '1e3'.
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: "${value}" is not a port number (0-65535).`);
  }
  return port;
}

/**
 * The command and its options, from flags first, then the environment, then defaults.
 * @example parseCommandLine(['start', '--port', '9000'], process.env)
 */
export function parseCommandLine(argv: readonly string[], env: Record<string, string | undefined>) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        database: { type: 'string' },
        scenario: { type: 'string' },
        reset: { type: 'boolean', default: false },
        'if-empty': { type: 'boolean', default: false },
        'cors-origin': { type: 'string', multiple: true },
        'request-timeout': { type: 'string' },
        'pool-size': { type: 'string' },
        'admin-concurrency': { type: 'string' },
        'admin-request-timeout': { type: 'string' },
        'console-dir': { type: 'string' },
        project: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  // An empty variable (`DATABASE_URL=` in a .env file) means "not set", not "" (which would
  // be port 0, every interface, or PGlite files in the working directory itself).
  const fromEnv = (name: string) => env[name]?.trim() || undefined;
  const command = positionals.join(' ') || 'start';
  if (values.reset && values['if-empty']) {
    throw new UsageError('--reset and --if-empty contradict each other: pass one.');
  }
  const corsOrigins = values['cors-origin'] ?? (env.GROUPKIT_CORS_ORIGINS ?? '').split(',');
  for (const flag of ['host', 'database', 'console-dir'] as const) {
    if (values[flag]?.trim() === '') throw new UsageError(`--${flag}: give a value.`);
  }
  const start: StartOptions = {
    port: portOf(values.port ?? fromEnv('PORT') ?? '8787'),
    host: values.host ?? fromEnv('HOST') ?? '127.0.0.1',
    database: values.database ?? fromEnv('DATABASE_URL') ?? DEFAULT_DATA_DIR,
    scenario: scenarioOf(values.scenario),
    reset: values.reset,
    ifEmpty: values['if-empty'],
    corsOrigins: corsOrigins.map((o) => o.trim()).filter(Boolean),
    requestTimeoutMs: positiveOf(
      '--request-timeout',
      values['request-timeout'] ?? fromEnv('GROUPKIT_REQUEST_TIMEOUT_MS') ?? '10000',
    ),
    adminRequestTimeoutMs: positiveOf(
      '--admin-request-timeout',
      values['admin-request-timeout'] ?? fromEnv('GROUPKIT_ADMIN_REQUEST_TIMEOUT_MS') ?? '60000',
    ),
    poolSize: positiveOf(
      '--pool-size',
      values['pool-size'] ?? fromEnv('GROUPKIT_POOL_SIZE') ?? '20',
    ),
    adminConcurrency: positiveOf(
      '--admin-concurrency',
      values['admin-concurrency'] ?? fromEnv('GROUPKIT_ADMIN_CONCURRENCY') ?? '4',
    ),
    consoleDir: values['console-dir'] ?? fromEnv('GROUPKIT_CONSOLE_DIR'),
  };
  return {
    command,
    help: values.help,
    project: values.project,
    email: values.email,
    role: values.role,
    passwordStdin: values['password-stdin'],
    ...start,
  };
}

export type CommandLine = ReturnType<typeof parseCommandLine>;
