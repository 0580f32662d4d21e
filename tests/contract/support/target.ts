/**
 * The targets of the contract suite: one set of test files, run once per target by the
 * `contract:*` Vitest projects (`GROUPKIT_CONTRACT_TARGET`). Every request goes through the
 * target's real HTTP stack: the mock's MSW handlers, or the server's Hono app over PGlite
 * or a real PostgreSQL server, each request one transaction.
 */
import {
  createGroupsEngine,
  createSequentialIds,
  type ScenarioName,
} from '@groupkit/mock-api/core';
import { createHandlers } from '@groupkit/mock-api';
import { getResponse } from 'msw';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../../packages/server/src/db/connect';
import { migrateDatabase } from '../../../packages/server/src/db/migrate';
import { createTestDatabase, dumpAllTables } from '../../../packages/server/src/db/testDatabase';
import { createApp } from '../../../packages/server/src/app/createApp';
import { seedDatabase } from '../../../packages/server/src/seed/seedDatabase';

export type TargetName = 'mock' | 'pglite' | 'postgres';

/** The target this run tests. */
export const TARGET = (process.env.GROUPKIT_CONTRACT_TARGET ?? 'mock') as TargetName;

export interface WorldOptions {
  /** @default 'default' */
  scenario?: ScenarioName;
  /** The clock of the engine (and of the seed's windows). @default () => new Date() */
  now?: () => Date;
}

/** One running API with its own data, as a client sees it. */
export interface World {
  /** A request under `/v1` (`path` starts with `/`), answered by the target. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Everything the target holds, for "nothing changed" checks (see `Dump`). */
  dump(): Promise<Dump>;
}

/**
 * The whole state of a target: the engine's full snapshot (mock) or every row of every
 * table (server), with one part split out: failed code attempts per user, which a refused
 * redemption adds to on purpose (the brute-force lockout), so a check can say exactly that.
 */
export interface Dump {
  state: unknown;
  /** userId → failed code attempts still counting towards the lockout. */
  failedAttempts: Record<string, number>;
}

/** The origin requests are addressed to (never on the network: each target answers in process). */
export const ORIGIN = 'https://api.groupkit.test';

function toRequest(path: string, init?: RequestInit): Request {
  return new Request(`${ORIGIN}/v1${path}`, init);
}

function mockWorld(options: WorldOptions): World {
  const ids = createSequentialIds();
  const engine = createGroupsEngine({ scenario: options.scenario, now: options.now, ids });
  const handlers = createHandlers(engine, { baseUrl: ORIGIN });
  return {
    async fetch(path, init) {
      const response = await getResponse(handlers, toRequest(path, init));
      if (!response) throw new Error(`mock: no handler answered ${path}`);
      return response;
    },
    async dump() {
      // Ids a refused request took show up too: `idsTaken` is part of the snapshot.
      const { redeemFailures, ...state } = engine.snapshot();
      return {
        state,
        failedAttempts: Object.fromEntries(
          redeemFailures.map(([user, times]) => [user, times.length]),
        ),
      };
    },
  };
}

/**
 * The worlds of one test file. The server targets keep one database per file (PGlite in
 * memory, or a PostgreSQL database copied from a migrated template) and reseed it for every
 * world, so files run in parallel and nothing one test wrote reaches the next.
 */
export function worldsOfFile() {
  let database: Database | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (TARGET === 'mock') return;
    if (TARGET === 'pglite') {
      database = await openDatabase('memory');
    } else {
      const created = await createTestDatabase();
      dropDatabase = created.drop;
      database = await openDatabase(created.url, { poolSize: 4 });
    }
    await migrateDatabase(database);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await dropDatabase?.();
  });

  /** A fresh API over `scenario` (the previous world of this file is gone). */
  async function openWorld(options: WorldOptions = {}): Promise<World> {
    if (TARGET === 'mock') return mockWorld(options);
    const db = database as Database;
    const now = options.now ?? (() => new Date());
    await seedDatabase(db, { scenario: options.scenario ?? 'default', reset: true, now: now() });
    const app = createApp({ database: db, now });
    return {
      fetch: async (path, init) => app.fetch(toRequest(path, init)),
      async dump() {
        const { redeem_failures: failures = [], ...state } = await dumpAllTables(db);
        return {
          state,
          failedAttempts: Object.fromEntries(
            (failures as { userId: string; times: number[] }[]).map((row) => [
              row.userId,
              row.times.length,
            ]),
          ),
        };
      },
    };
  }

  return { openWorld };
}
