/**
 * `@groupkit/server`: the GroupKit groups API on PostgreSQL (embedded PGlite by default).
 * Run it with `groupkit-server start`, or embed it: every piece is a plain function.
 */
export type { AppOptions, GroupKitApp } from './app/createApp';
export { createApp } from './app/createApp';
export { createProjectKeys } from './app/createKeys';
export type { NewOperatorInput } from './app/createOperators';
export { createOperatorAccount, listOperatorAccounts } from './app/createOperators';
export type { ScryptCost } from './app/passwords';
export { scryptPasswords } from './app/passwords';
export { hashKey } from './app/keys';
export type { Database, OpenDatabaseOptions } from './db/connect';
export { openDatabase } from './db/connect';
export { migrateDatabase } from './db/migrate';
export type { SeedOptions } from './seed/seedDatabase';
export { DatabaseNotEmptyError, DEMO_PROJECT_ID, seedDatabase } from './seed/seedDatabase';
export type { RunningServer, StartServerOptions } from './startServer';
export { startServer } from './startServer';
export { main } from './cli/main';
