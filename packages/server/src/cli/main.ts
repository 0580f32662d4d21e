import { isGroupsEngineError, parseNewOperator } from '@groupkit/mock-api/core';
import pino from 'pino';
import { createProjectKeys } from '../app/createKeys';
import { createOperatorAccount, listOperatorAccounts } from '../app/createOperators';
import { openDatabase } from '../db/connect';
import { migrateDatabase } from '../db/migrate';
import { DatabaseNotEmptyError, seedDatabase } from '../seed/seedDatabase';
import { startServer } from '../startServer';
import { type CommandLine, parseCommandLine, UsageError, USAGE } from './options';

async function withDatabase<T>(
  target: string,
  run: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
) {
  const database = await openDatabase(target);
  try {
    await migrateDatabase(database);
    return await run(database);
  } finally {
    await database.close();
  }
}

async function run(line: CommandLine): Promise<void> {
  switch (line.command) {
    case 'start': {
      const logger = pino({
        level: process.env.LOG_LEVEL ?? 'info',
        base: { service: 'groupkit-server' },
      });
      const server = await startServer({
        ...line,
        logger,
        benchRoutes: process.env.GROUPKIT_BENCH_ROUTES === '1',
      });
      // The one readiness line, plain text, for people and scripts waiting on it.
      process.stdout.write(`${server.readyLine}\n`);
      const stop = (signal: string) => {
        logger.info({ signal }, 'stopping: finishing in-flight requests');
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'stop failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      return;
    }
    case 'migrate':
      await withDatabase(line.database, async (db) => {
        process.stdout.write(`Migrated ${db.label}\n`);
      });
      return;
    case 'seed': {
      const scenario = line.scenario;
      if (!scenario) throw new UsageError('seed needs --scenario <name>.');
      await withDatabase(line.database, async (db) => {
        await seedDatabase(db, { scenario, reset: line.reset });
        process.stdout.write(`Seeded scenario "${scenario}" into ${db.label}\n`);
      });
      return;
    }
    case 'keys create': {
      const project = line.project;
      if (!project) throw new UsageError('keys create needs --project <id>.');
      await withDatabase(line.database, async (db) => {
        const keys = await createProjectKeys(db, project);
        process.stdout.write(
          [
            `${keys.projectCreated ? 'Created project' : 'New keys for project'} "${project}" in ${db.label}.`,
            `Publishable key (browsers): ${keys.publishable}`,
            `Secret key (servers only):  ${keys.secret}`,
            ...(keys.identitySecret
              ? [
                  `Identity-verification secret (servers only): ${keys.identitySecret}`,
                  '  (X-GroupKit-User-Hash = hex(HMAC-SHA256(this secret, userId)))',
                ]
              : []),
            'Store them now: only their hashes are kept, they cannot be shown again.',
            '',
          ].join('\n'),
        );
      });
      return;
    }
    case 'admins create': {
      const { email, role } = line;
      if (!email || !role) {
        throw new UsageError(
          'admins create needs --email <email> and --role <owner|admin|support>.',
        );
      }
      const password = line.passwordStdin ? await passwordFromStdin() : undefined;
      // Checked before the database is opened (PGlite takes seconds to start).
      try {
        parseNewOperator({ email, role, password });
      } catch (error) {
        asCliError(error);
      }
      await withDatabase(line.database, async (db) => {
        const created = await createOperatorAccount(db, {
          email,
          role,
          ...(password === undefined ? {} : { password }),
          ...(line.project === undefined ? {} : { project: line.project }),
        }).catch(asCliError);
        const { operator } = created;
        process.stdout.write(
          [
            `Created operator ${operator.email} (${operator.role}, id ${operator.id}) in project "${created.projectId}" in ${db.label}.`,
            ...(created.password
              ? [
                  `Password: ${created.password}`,
                  'Store it now: only its hash is kept, it cannot be shown again.',
                ]
              : []),
            '',
          ].join('\n'),
        );
      });
      return;
    }
    case 'admins list':
      await withDatabase(line.database, async (db) => {
        const operators = await listOperatorAccounts(db, line.project);
        const table = [
          ['PROJECT', 'EMAIL', 'ROLE', 'ID', 'LAST SIGN-IN'],
          ...operators.map((o) => [o.projectId, o.email, o.role, o.id, o.lastSignInAt ?? 'never']),
        ];
        const widths = table[0]?.map((_, i) =>
          Math.max(...table.map((row) => row[i]?.length ?? 0)),
        );
        const lines = table.map((row) =>
          row
            .map((cell, i) => cell.padEnd(widths?.[i] ?? 0))
            .join('  ')
            .trimEnd(),
        );
        process.stdout.write(
          operators.length ? `${lines.join('\n')}\n` : `No operators in ${db.label}.\n`,
        );
      });
      return;
    default:
      throw new UsageError(`Unknown command "${line.command}".`);
  }
}

/** The password piped to `--password-stdin`, without its final line break. */
async function passwordFromStdin(): Promise<string> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return text.replace(/\r?\n$/, '');
}

/**
 * An engine refusal as the command line says it: bad input is a usage error (exit 2), a
 * conflict (the email is taken) a plain failure (exit 1).
 */
function asCliError(error: unknown): never {
  if (!isGroupsEngineError(error)) throw error;
  const message =
    error.code === 'validation_failed' && error.message.startsWith('password:')
      ? `--password-stdin: ${error.message}`
      : error.message;
  if (error.code === 'validation_failed') throw new UsageError(message);
  throw new TypeError(message);
}

/** The `groupkit-server` command. Exits 2 on a usage error, 1 on any other failure. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    const line = parseCommandLine(argv, process.env);
    if (line.help) {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    await run(line);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`groupkit-server: ${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    const message =
      error instanceof DatabaseNotEmptyError || error instanceof TypeError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`groupkit-server: ${message}\n`);
    process.exit(1);
  }
}
