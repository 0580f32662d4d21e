import {
  type Actor,
  type ApiRoute,
  bearerKey,
  DUMMY_PASSWORD_HASH,
  engineOverState,
  errorResponse,
  type PasswordHasher,
  type RouteRequest,
  runRoute,
  sessionTokenOf,
  unknownKey,
} from '@groupkit/mock-api/core';
import type { CommitStatements, Database, Tx } from '../db/connect';
import type { GroupCatalog } from '../state/groupCatalog';
import { persistState } from '../state/persistState';
import { createRequestState, type RequestOwner, StaleKeyOwner } from '../state/requestState';
import type { AdmissionGate } from './admissionGate';
import type { KeyCache } from './keyCache';
import { findKeyOwner, hashKey, type KeyOwner } from './keys';
import {
  findProject,
  findSession,
  firstProjects,
  operatorCaller,
  sessionEnded,
} from './operatorAuth';
import { scryptPasswords } from './passwords';

export interface RunApiOptions {
  database: Database;
  /** The engine clock (windows, joinedAt, lockouts, session expiry). */
  now: () => Date;
  /** Ids for new records. */
  ids: () => string;
  /** Ms the request's transaction may take in all (`TransactionOptions.timeoutMs`). */
  timeoutMs?: number | undefined;
  /** Found keys, to skip the lookup round trip (see `createKeyCache` for why it is safe). */
  keyCache?: KeyCache | undefined;
  /** Projects' groups as last read, to skip reading them again (see `GroupCatalog`). */
  groupCatalog?: GroupCatalog | undefined;
  /**
   * Places for admin requests (see `createAdmissionGate`): a secret-key or signed-in
   * operator's request to a secret route takes one once its credentials are known good,
   * before any connection, and a sign-in takes one (it holds a connection while it hashes);
   * each gives it back when the answer is made.
   */
  adminGate?: AdmissionGate | undefined;
  /** Seconds a refused request should wait (`Retry-After`). @default 2 */
  retryAfterSeconds?: number | undefined;
  /** Operators' password hashes. @default scryptPasswords() */
  passwords?: PasswordHasher | undefined;
}

/** Who a request proves it is, before its project is known. */
type Credentials =
  | { kind: 'key'; keyHash: string }
  | { kind: 'session'; token: string; tokenHash: string }
  /** None (a sign-in): the project the body names, or the only one. */
  | { kind: 'none'; projectId: string };

/** A request's project and who is calling, as `runRoute` takes them. */
interface Caller {
  owner: RequestOwner;
  actor: Actor;
  caller: string;
}

/** One run of a request: its answer, and whether it stands (see `runApiRequest`). */
interface Attempt {
  response: Response;
  /** The key was looked up or re-read in the snapshot the answer was made from. */
  confirmed: boolean;
  owner?: RequestOwner;
}

/** A fresh lookup that keeps meeting a changing key gives up after this many runs. */
const MAX_RUNS = 3;

const defaultPasswords = scryptPasswords();

/** A wrong email or password, or a project that does not exist: one answer for all three. */
const invalidCredentials = () => errorResponse('invalid_credentials', 'Wrong email or password.');

const keyCaller = (owner: KeyOwner): Caller => ({
  owner,
  actor: { type: 'key', keyId: owner.keyId, scope: owner.scope },
  caller: owner.keyId,
});

/** `run` holding a place at the admin gate, or 503 when none came within the timeout. */
async function withAdminPlace(
  options: RunApiOptions,
  run: () => Promise<Response>,
): Promise<Response> {
  if (!options.adminGate) return run();
  const release = await options.adminGate.enter(options.timeoutMs);
  if (!release) {
    return errorResponse(
      'database_unavailable',
      'This server is running as many admin requests as it takes at once; retry after the Retry-After delay.',
      {},
      { 'retry-after': String(options.retryAfterSeconds ?? 2) },
    );
  }
  try {
    return await run();
  } finally {
    release();
  }
}

/** The JSON body's fields (the route reads it again); `{}` when it is not a JSON object. */
async function peekBody(request: RouteRequest): Promise<Record<string, unknown>> {
  try {
    const body: unknown = JSON.parse(await request.text());
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * The project a sign-in is for: the body's `project` (a project id), else the server's only
 * project. Several and none named: 400 naming the field. A project that does not exist is
 * answered as a wrong password, after as long: a sign-in does not tell which projects exist.
 */
async function signInProject(
  request: RouteRequest,
  { database, passwords = defaultPasswords }: RunApiOptions,
): Promise<string | Response> {
  const body = await peekBody(request);
  const named = body.project;
  if (named !== undefined && typeof named !== 'string') {
    return errorResponse('validation_failed', 'project: must be a project id (a string).', {
      field: 'project',
    });
  }
  if (named === undefined) {
    const ids = await database.read((tx) => firstProjects(tx));
    if (ids.length > 1) {
      return errorResponse(
        'validation_failed',
        'project: this server holds several projects; name the one to sign in to as "project".',
        { field: 'project' },
      );
    }
    if (ids[0] !== undefined) return ids[0];
  } else if (
    !named.includes('\u0000') &&
    (await database.read((tx) => findProject(tx, named))) !== null
  ) {
    return named;
  }
  await passwords.verify(
    DUMMY_PASSWORD_HASH,
    typeof body.password === 'string' ? body.password : '',
  );
  return invalidCredentials();
}

/**
 * One API request: find who is calling and their project, load what the route reads, run
 * the route's engine operation, write back what changed. A write is one transaction (locks,
 * load, writes, commit); anything but a typed engine error rolls it back. An end user's read
 * runs outside a transaction: its state is one statement (`loadRows`), one snapshot, so it
 * needs no BEGIN or COMMIT round trips. Admin reads keep a read-only transaction: they may
 * take longer than an end user's statement limit, which only a transaction can raise.
 *
 * Who is calling, as the mock's host decides it: a bearer key wins; else the
 * `groupkit_session` cookie, whose session is looked up in the request's own transaction
 * (and read again by its load statement); else nobody, which only a sign-in accepts.
 *
 * With the key's owner from `keyCache`, an answer stands only if the load statement found
 * the same key and project; one made without loading (a refusal before the route loads) is
 * made again from a fresh lookup, so a revoked key never answers from the cache.
 */
export async function runApiRequest(
  route: ApiRoute,
  request: RouteRequest,
  params: Record<string, string>,
  options: RunApiOptions,
): Promise<Response> {
  const { adminGate, database, keyCache, now } = options;
  const hasKey = request.headers.has('authorization');
  // Sign-in takes no credentials and looks at none (`security: []`): a stale key or cookie
  // the browser still sends must not stand in the way of signing in.
  if (route.access === 'public') {
    return withAdminPlace(options, async () => {
      const projectId = await signInProject(request, options);
      if (projectId instanceof Response) return projectId;
      return runAs(route, request, params, { kind: 'none', projectId }, options);
    });
  }
  const token = hasKey ? null : sessionTokenOf(request);
  if (token !== null) {
    const credentials = { kind: 'session', token, tokenHash: hashKey(token) } as const;
    if (!adminGate || route.access !== 'secret') {
      return runAs(route, request, params, credentials, options);
    }
    // As for keys: a cookie that signs no one in is answered at once, never queued.
    const live = await database.read((tx) => findSession(tx, credentials.tokenHash, now()));
    if (!live) return sessionEnded();
    return withAdminPlace(options, () => runAs(route, request, params, credentials, options));
  }
  const key = bearerKey(request);
  if (key instanceof Response) return key;
  const credentials = { kind: 'key', keyHash: hashKey(key) } as const;
  if (!adminGate || route.access !== 'secret') {
    return runAs(route, request, params, credentials, options);
  }
  // A place at the gate only for a key known to be secret: made-up keys and publishable ones
  // are answered at once (401, 403) and can never keep an admin waiting.
  const known =
    keyCache?.get(credentials.keyHash) ??
    (await database.read((tx) => findKeyOwner(tx, credentials.keyHash)));
  if (!known) return unknownKey();
  if (known.scope !== 'secret') return runAs(route, request, params, credentials, options);
  return withAdminPlace(options, () => runAs(route, request, params, credentials, options));
}

async function runAs(
  route: ApiRoute,
  request: RouteRequest,
  params: Record<string, string>,
  credentials: Credentials,
  {
    database,
    now,
    ids,
    timeoutMs,
    keyCache,
    groupCatalog,
    passwords = defaultPasswords,
  }: RunApiOptions,
): Promise<Response> {
  const writes = route.method !== 'GET';
  const byKey = credentials.kind === 'key';

  /** Who is calling, looked up in the request's transaction; the refusal when no one. */
  const authenticate = async (tx: Tx): Promise<Caller | Response> => {
    if (credentials.kind === 'key') {
      const owner = await findKeyOwner(tx, credentials.keyHash);
      return owner ? keyCaller(owner) : unknownKey();
    }
    if (credentials.kind === 'session') {
      const found = await operatorCaller(tx, credentials.token, credentials.tokenHash, now());
      if (!found) return sessionEnded();
      return { ...found, caller: `operator:${found.actor.operator.id}` };
    }
    const project = await findProject(tx, credentials.projectId);
    if (!project) return invalidCredentials();
    return {
      owner: { ...project, keyHash: null, scope: 'secret', keyId: '' },
      actor: { type: 'none' },
      caller: '',
    };
  };

  const attempt = async (
    tx: Tx,
    given: KeyOwner | undefined,
    req: RouteRequest,
    atCommit?: CommitStatements,
  ): Promise<Attempt> => {
    const found = given ? keyCaller(given) : await authenticate(tx);
    if (found instanceof Response) return { response: found, confirmed: true };
    const { owner } = found;
    const requestState = await createRequestState(
      tx,
      owner,
      { now, ids },
      // An operator's request is always a transaction: its session is read in it.
      {
        writes,
        inTransaction: writes || !byKey || route.access !== 'any',
        catalog: groupCatalog,
      },
    );
    const response = await runRoute(route, {
      request: req,
      params,
      scope: owner.scope,
      caller: found.caller,
      actor: found.actor,
      engine: engineOverState(requestState.state),
      passwords,
      identitySecret: owner.identitySecret,
      load: requestState.load,
      unexpected: 'throw',
    });
    // A refused request can still change state (a wrong code counts towards the lockout),
    // exactly as it does in memory.
    if (writes && requestState.loaded() && atCommit) {
      const changes = requestState.changes();
      persistState(atCommit, owner.id, changes);
    }
    return { response, owner, confirmed: given === undefined || requestState.loaded() };
  };

  const run = (given: KeyOwner | undefined, req: RouteRequest) => {
    if (writes) {
      return database.transaction((tx, atCommit) => attempt(tx, given, req, atCommit), {
        isolationLevel: 'read committed',
        timeoutMs,
      });
    }
    if (byKey && route.access === 'any')
      return database.read((tx) => attempt(tx, given, req), { timeoutMs });
    return database.transaction((tx) => attempt(tx, given, req), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
      timeoutMs,
    });
  };

  const keyHash = credentials.kind === 'key' ? credentials.keyHash : undefined;
  let owner = keyHash === undefined ? undefined : keyCache?.get(keyHash);
  for (let runs = 1; ; runs++) {
    try {
      // A rerun reads the same body: `bufferBody` read it into memory.
      const result = await run(owner, request);
      if (result.confirmed) {
        const found = result.owner;
        if (found?.keyHash && owner === undefined) keyCache?.set(found as KeyOwner);
        return result.response;
      }
    } catch (error) {
      if (!(error instanceof StaleKeyOwner) || runs >= MAX_RUNS) throw error;
    }
    if (keyHash !== undefined) keyCache?.delete(keyHash);
    owner = undefined;
  }
}
