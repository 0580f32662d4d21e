import pino from 'pino';
import { createProjectKeys } from '../app/createKeys';
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
    default:
      throw new UsageError(`Unknown command "${line.command}".`);
  }
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
