import {
  type EngineState,
  engineOverState,
  type MembershipRecord,
  DEMO_IDENTITY_SECRET,
  type ScenarioName,
  scenarios,
  seedState,
} from '@groupkit/mock-api/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { persistState } from '../state/persistState';
import type { StateChanges } from '../state/requestState';
import { rows, textList } from '../state/sqlRows';

/** The project the scenarios seed: the mock's keys act for it. */
export const DEMO_PROJECT_ID = 'demo';

export interface SeedOptions {
  /** The mock scenario to seed (`default`, `empty`, `manyGroups`, `verified`, `largeOrg`). */
  scenario: ScenarioName;
  /** Delete every project first; without it a database that holds data is refused. @default false */
  reset?: boolean;
  /** The clock the scenario's windows are laid out from. @default new Date() */
  now?: Date;
}

/** Thrown when seeding a database that already holds data without `reset`. */
export class DatabaseNotEmptyError extends Error {
  override readonly name = 'DatabaseNotEmptyError';
}

/** Every record of a whole engine state, as "changes" to an empty project. */
function changesFrom(state: EngineState): StateChanges {
  const none = { upserted: [], deleted: [] };
  // In the order that rebuilds every user's and every group's order when read back by seq.
  const memberships: MembershipRecord[] = engineOverState(state).snapshot().memberships;
  const counts = new Map<string, number>();
  for (const record of memberships) {
    counts.set(record.groupId, (counts.get(record.groupId) ?? 0) + 1);
  }
  return {
    nextLegacyId: state.nextLegacyId,
    // Written with the project row (seedDatabase), as it is created.
    settings: undefined,
    users: { upserted: [...state.users], deleted: [] },
    accountGroups: { upserted: [...state.accountGroups], deleted: [] },
    userGroups: { upserted: [...state.userGroups], deleted: [] },
    codes: { upserted: [...state.codes], deleted: [], before: () => undefined },
    redeemFailures: { upserted: [...state.redeemFailures], deleted: [] },
    automations: { upserted: [...state.automations], deleted: [] },
    conditionsHistory: { upserted: [...state.conditionsHistory], deleted: [] },
    idempotency: none,
    memberships: { upserted: memberships, deleted: [], counts },
    newRuns: [...state.automationRuns],
    recalculated: [],
    operators: { upserted: [...state.operators], deleted: [] },
    operatorSessions: { upserted: [...state.operatorSessions], deleted: [] },
    signInFailures: { upserted: [...state.signInFailures], deleted: [] },
    newAudit: [...state.auditLog],
    // The scenario's keys (the demo's pk_test_groupkit and sk_test_groupkit, as their hashes).
    apiKeys: { upserted: [...state.apiKeys], deleted: [] },
    flows: { upserted: [...state.flows], deleted: [] },
    flowProgress: { upserted: [...state.flowProgress], deleted: [] },
  };
}

/**
 * Seeds one of the mock's scenarios (same ids, users, groups, codes, dashboard operators
 * (owner@, admin@ and support@groupkit.test) and keys `pk_test_groupkit` /
 * `sk_test_groupkit`) into the project `demo`, in one transaction.
 * Written by the same code that writes every request's changes.
 */
export async function seedDatabase(database: Database, options: SeedOptions): Promise<void> {
  const scenario = scenarios[options.scenario];
  if (!scenario) {
    throw new TypeError(
      `Unknown scenario "${options.scenario}". Use one of: ${Object.keys(scenarios).join(', ')}.`,
    );
  }
  const at = options.now ?? new Date();
  const state = seedState({ scenario: options.scenario, now: () => at });
  await database.transaction(async (tx, atCommit) => {
    const [{ count } = { count: 0 }] = await rows<{ count: number }>(
      tx,
      sql`select count(*)::int as count from projects`,
    );
    if (Number(count) > 0) {
      if (!options.reset) {
        throw new DatabaseNotEmptyError(
          `The database already holds ${count} project(s); seeding would mix data. Pass --reset to delete everything first, or start without --scenario.`,
        );
      }
      await tx.execute(sql`delete from projects`);
    }
    await tx.execute(
      sql`insert into projects (id, identity_verification, client_writable_properties, identity_secret, next_legacy_id)
        values (${DEMO_PROJECT_ID}, ${state.identityVerification}, ${textList(state.clientWritableProperties)}, ${DEMO_IDENTITY_SECRET}, ${state.nextLegacyId})`,
    );
    persistState(atCommit, DEMO_PROJECT_ID, changesFrom(state));
  });
  // A bulk load leaves the planner without statistics until autovacuum comes by: it then
  // takes a 13,333-member group for one row (nested loops over every member).
  if (state.users.size >= BULK_USERS) await database.db.execute(sql`analyze`);
}

/** Seeds with this many users (`largeOrg`) are analyzed right away. */
const BULK_USERS = 10_000;
