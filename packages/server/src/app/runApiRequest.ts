import {
  type ApiRoute,
  bearerKey,
  engineOverState,
  errorResponse,
  runRoute,
  unknownKey,
} from '@groupkit/mock-api/core';
import { sql } from 'drizzle-orm';
import type { CommitStatements, Database, Tx } from '../db/connect';
import { persistState } from '../state/persistState';
import { createRequestState, type StateChanges, StaleKeyOwner } from '../state/requestState';
import { textList } from '../state/sqlRows';
import type { AdmissionGate } from './admissionGate';
import type { KeyCache } from './keyCache';
import { findKeyOwner, hashKey, type KeyOwner } from './keys';

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
  /** Found keys, to skip the lookup round trip (see `createKeyCache` for why it is safe). */
  keyCache?: KeyCache | undefined;
  /**
   * Places for secret-key requests (see `createAdmissionGate`): one is taken once the key is
   * known to be a secret key, before any connection, and given back when the answer is made.
   */
  adminGate?: AdmissionGate | undefined;
  /** Seconds a refused request should wait (`Retry-After`). @default 2 */
  retryAfterSeconds?: number | undefined;
}

/** One run of a request: its answer, and whether it stands (see `runApiRequest`). */
interface Attempt {
  response: Response;
  /** The key was looked up or re-read in the snapshot the answer was made from. */
  confirmed: boolean;
  owner?: KeyOwner;
}

/** A fresh lookup that keeps meeting a changing key gives up after this many runs. */
const MAX_RUNS = 3;

/**
 * One API request: find the key's project, load what the route reads, run the route's
 * engine operation, write back what changed. A write is one transaction (locks, load,
 * writes, commit); anything but a typed engine error rolls it back. An end user's read
 * runs outside a transaction: its state is one statement (`loadRows`), one snapshot, so it
 * needs no BEGIN or COMMIT round trips. Admin reads keep a read-only transaction: they may
 * take longer than an end user's statement limit, which only a transaction can raise.
 *
 * With the key's owner from `keyCache`, an answer stands only if the load statement found
 * the same key and project; one made without loading (a refusal before the route loads) is
 * made again from a fresh lookup, so a revoked key never answers from the cache.
 */
export async function runApiRequest(
  route: ApiRoute,
  request: Request,
  params: Record<string, string>,
  options: RunApiOptions,
): Promise<Response> {
  const key = bearerKey(request);
  if (key instanceof Response) return key;
  const keyHash = hashKey(key);
  const { adminGate, database, keyCache, timeoutMs } = options;
  if (!adminGate || route.access !== 'secret')
    return runWithKey(route, request, params, keyHash, options);
  // A place at the gate only for a key known to be secret: made-up keys and publishable ones
  // are answered at once (401, 403) and can never keep an admin waiting.
  const known = keyCache?.get(keyHash) ?? (await database.read((tx) => findKeyOwner(tx, keyHash)));
  if (!known) return unknownKey();
  if (known.scope !== 'secret') return runWithKey(route, request, params, keyHash, options);
  const release = await adminGate.enter(timeoutMs);
  if (!release) {
    return errorResponse(
      'database_unavailable',
      'This server is running as many admin requests as it takes at once; retry after the Retry-After delay.',
      {},
      { 'retry-after': String(options.retryAfterSeconds ?? 2) },
    );
  }
  try {
    return await runWithKey(route, request, params, keyHash, options);
  } finally {
    release();
  }
}

async function runWithKey(
  route: ApiRoute,
  request: Request,
  params: Record<string, string>,
  keyHash: string,
  { database, now, ids, timeoutMs, keyCache }: RunApiOptions,
): Promise<Response> {
  const writes = route.method !== 'GET';

  const attempt = async (
    tx: Tx,
    given: KeyOwner | undefined,
    req: Request,
    atCommit?: CommitStatements,
  ): Promise<Attempt> => {
    const owner = given ?? (await findKeyOwner(tx, keyHash));
    if (!owner) return { response: unknownKey(), confirmed: true };
    const requestState = await createRequestState(
      tx,
      owner,
      { now, ids },
      { writes, inTransaction: writes || route.access !== 'any' },
    );
    const response = await runRoute(route, {
      request: req,
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
    if (writes && requestState.loaded() && atCommit) {
      const changes = requestState.changes();
      await lockCountedGroups(tx, owner.id, changes);
      persistState(atCommit, owner.id, changes);
    }
    return { response, owner, confirmed: given === undefined || requestState.loaded() };
  };

  const run = (given: KeyOwner | undefined, req: Request) => {
    if (writes) {
      return database.transaction((tx, atCommit) => attempt(tx, given, req, atCommit), {
        isolationLevel: 'read committed',
        timeoutMs,
      });
    }
    if (route.access === 'any')
      return database.read((tx) => attempt(tx, given, req), { timeoutMs });
    return database.transaction((tx) => attempt(tx, given, req), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
      timeoutMs,
    });
  };

  let owner = keyCache?.get(keyHash);
  for (let runs = 1; ; runs++) {
    // A run reads the body; a rerun needs its own copy.
    const req = request.body ? request.clone() : request;
    try {
      const result = await run(owner, req);
      if (result.confirmed) {
        if (result.owner && owner === undefined) keyCache?.set(result.owner);
        return result.response;
      }
    } catch (error) {
      if (!(error instanceof StaleKeyOwner) || runs >= MAX_RUNS) throw error;
    }
    keyCache?.delete(keyHash);
    owner = undefined;
  }
}
