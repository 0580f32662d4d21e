import {
  type ApiRoute,
  bearerKey,
  engineOverState,
  runRoute,
  unknownKey,
} from '@groupkit/mock-api/core';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/connect';
import { persistState } from '../state/persistState';
import { createRequestState, type StateChanges } from '../state/requestState';
import { textList } from '../state/sqlRows';
import { findKeyOwner } from './keys';

/**
 * Row-locks the groups whose member counts a write moves, in id order, before the counts
 * are updated. Writes of different users run side by side (they lock only their own keys),
 * and the count update locks its rows in the order the request touched them: two users'
 * `-pro,+plus` and `+pro,-plus` took Pro and Plus in opposite orders and deadlocked (500),
 * and every other write of those groups queued behind them. One order for all, no cycle.
 */
async function lockCountedGroups(tx: Tx, projectId: string, changes: StateChanges) {
  const groupIds = [...changes.memberships.counts]
    .filter(([, delta]) => delta !== 0)
    .map(([groupId]) => groupId);
  if (groupIds.length < 2) return;
  await tx.execute(
    sql`select 1 from user_groups where project_id = ${projectId} and id = any(${textList(groupIds)})
      order by id for no key update`,
  );
}

export interface RunApiOptions {
  database: Database;
  /** The engine clock (windows, joinedAt, lockouts). */
  now: () => Date;
  /** Ids for new records. */
  ids: () => string;
  /** Ms the request's transaction may take in all (`TransactionOptions.timeoutMs`). */
  timeoutMs?: number | undefined;
}

/**
 * One API request as one transaction: find the key's project (locking it for a write),
 * load what the route reads, run the route's engine operation, write back what changed,
 * commit. Anything but a typed engine error rolls the whole transaction back.
 */
export async function runApiRequest(
  route: ApiRoute,
  request: Request,
  params: Record<string, string>,
  { database, now, ids, timeoutMs }: RunApiOptions,
): Promise<Response> {
  const key = bearerKey(request);
  if (key instanceof Response) return key;
  const writes = route.method !== 'GET';
  return database.transaction(
    async (tx) => {
      const owner = await findKeyOwner(tx, key);
      if (!owner) return unknownKey();
      const requestState = await createRequestState(tx, owner, { now, ids }, { writes });
      const response = await runRoute(route, {
        request,
        params,
        scope: owner.scope,
        caller: owner.keyId,
        engine: engineOverState(requestState.state),
        identitySecret: owner.identitySecret,
        load: requestState.load,
        unexpected: 'throw',
      });
      // A refused request can still change state (a wrong code counts towards the lockout),
      // exactly as it does in memory.
      if (writes && requestState.loaded()) {
        const changes = requestState.changes();
        await lockCountedGroups(tx, owner.id, changes);
        await persistState(tx, owner.id, changes);
      }
      return response;
    },
    writes
      ? { isolationLevel: 'read committed', timeoutMs }
      : { isolationLevel: 'repeatable read', accessMode: 'read only', timeoutMs },
  );
}
