import {
  type ApiRoute,
  bearerKey,
  engineOverState,
  runRoute,
  unknownKey,
} from '@groupkit/mock-api/core';
import type { Database } from '../db/connect';
import { persistState } from '../state/persistState';
import { createRequestState } from '../state/requestState';
import { findKeyOwner } from './keys';

export interface RunApiOptions {
  database: Database;
  /** The engine clock (windows, joinedAt, lockouts). */
  now: () => Date;
  /** Ids for new records. */
  ids: () => string;
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
  { database, now, ids }: RunApiOptions,
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
        await persistState(tx, owner.id, requestState.changes());
      }
      return response;
    },
    writes
      ? { isolationLevel: 'read committed' }
      : { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
