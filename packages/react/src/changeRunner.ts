import {
  type ChangeOp,
  type ChangesInput,
  type ClientCore,
  changeMemberships as postChanges,
  identifyGroup as postIdentify,
  redeemCode as postRedeem,
  GroupKitApiError,
  GroupKitChangeError,
  GroupKitError,
  type Membership,
  type MembershipChangeResult,
  parseChangesSafe,
  type Properties,
  type RedeemCodeResult,
  type AccountGroup,
  type UserGroup,
  isGroupKitApiError,
  isGroupKitNetworkError,
  newIdempotencyKey,
} from '@groupkit/client';
import type { QueryClient } from '@tanstack/react-query';
import { resolveGroup } from './groupRef';
import { groupKitKeys } from './queryKeys';
import {
  type GroupKitStore,
  type GroupKitStoreState,
  type PendingChange,
  type PendingOp,
  resumer,
} from './store';

/** What a failed call was doing, for `onError`. */
export interface GroupKitErrorContext {
  /**
   * `load`: a read (session, memberships, directory, group, a flow); the others: the user's
   * writes (`flow`: progress in a server-defined onboarding flow).
   */
  action: 'load' | 'change' | 'redeem' | 'identify' | 'flow';
  /** The ops of a failed `change`. */
  changes?: ChangeOp[];
}

/**
 * The outcome of a write. Never rejects: a failure is a value (a `GroupKitError`, with its
 * `code`), so nothing goes unhandled.
 */
export type GroupKitOutcome<T> =
  { ok: true; data: T; error: null } | { ok: false; data: null; error: GroupKitError };

/** Everything a write needs, captured when the user makes it. */
export interface ChangeEnv {
  core: ClientCore;
  queryClient: QueryClient;
  store: GroupKitStore;
  userId: string;
  groupId: string | null;
  onError?: (error: GroupKitError, context: GroupKitErrorContext) => void;
}

/**
 * Writes in one lane go one after another; lanes are independent: the account group's
 * properties and flow progress never wait behind a membership change.
 */
export type Lane = 'memberships' | 'group' | 'flows';

// One chain of promises per store and lane: each write starts when the one before it settled,
// which is what keeps changes in the order the user made them.
const lanes = new WeakMap<GroupKitStore, Record<Lane, Promise<unknown>>>();

/** A failed write's outcome (whatever the write would have answered). */
export const failed = (error: GroupKitError) => ({ ok: false as const, data: null, error });

// Messages below explain the fix in development; production keeps a short one (the `code`
// says the rest), as React and TanStack Query do. Spelled out at each use: the bundler folds
// `process.env.NODE_ENV` there, not through a variable.

/** The outcome of a write made without a signed-in user: nothing is sent. */
export const noUser = (what: string) =>
  failed(
    new GroupKitError(
      'no_user',
      process.env.NODE_ENV !== 'production'
        ? `${what} needs a signed-in user on an enabled provider (<GroupKitProvider userId={…}>): nothing was sent.`
        : `${what}: no user`,
    ),
  );

// The client throws only GroupKit errors; anything else (a bug in a commit) is wrapped, so
// `onError` and every outcome can rely on `code`.
const toError = (error: unknown) =>
  error instanceof GroupKitError
    ? error
    : new GroupKitError('unexpected', String(error), { cause: error });

/** `record` without `keys` (the same object when it has none of them, so selectors stay quiet). */
export function without<T>(record: Record<string, T>, keys: readonly string[]) {
  if (!keys.some((key) => key in record)) return record;
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** Resolves each op's group (slug or id) to the group's id, slug and name (`resolveGroup`). */
const resolveOps = (env: ChangeEnv, ops: readonly ChangeOp[]): PendingOp[] =>
  ops.map(({ op, group }) => ({ op, group, ...resolveGroup(env, group) }));

/**
 * The ids of the groups a change touches, what its failure is keyed by: resolved afresh, so a
 * change queued before the directory loaded still fails under the group's id.
 */
const groupIds = (env: ChangeEnv, change: PendingChange) =>
  'ops' in change ? change.ops.map((op) => resolveGroup(env, op.group).groupId) : [];

const offline = () => globalThis.navigator?.onLine === false;

/** Resolves when the browser is back online, showing the wait in the store meanwhile. */
async function online(store: GroupKitStore) {
  if (!offline()) return;
  store.setState({ online: false });
  await new Promise((resolve) => addEventListener('online', resolve, { once: true }));
  store.setState({ online: true });
}

/** Waits `ms`, or until the provider unmounts if that comes first. */
function pause(store: GroupKitStore, ms: number) {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = store.subscribe((state) => {
      if (!state.mounted) done();
    });
  });
}

/**
 * Sends once online. A write whose answer was lost because the connection went away waits
 * for the connection and is sent again: with the same `Idempotency-Key` for membership
 * changes, so it still applies exactly once. A 503 once the client's own retries are spent
 * (the server stopping, or its database down: the request changed nothing) is held the same
 * way: the change waits (the server's `Retry-After`, else 1 s doubling up to 30 s, shown as
 * retrying) and goes again, until it is answered or the provider unmounts (it then stays
 * queued in storage). A change is never dropped because the server restarted.
 */
async function deliver<T>(store: GroupKitStore, send: () => Promise<T>): Promise<T> {
  for (let held = 0; ;) {
    await online(store);
    if (!store.getState().mounted) throw LEFT_FOR_LATER;
    try {
      return await send();
    } catch (error) {
      if (isGroupKitNetworkError(error) && offline()) continue;
      if (!(isGroupKitApiError(error) && error.status === 503)) throw error;
      store.setState({ retrying: true });
      await pause(
        store,
        error.retryAfter === undefined ? Math.min(30e3, 1e3 * 2 ** held++) : error.retryAfter * 1e3,
      );
      store.setState({ retrying: false });
    }
  }
}

/** Thrown when the provider unmounted before a change went out: it stays queued in storage. */
const LEFT_FOR_LATER = new GroupKitError(
  'unmounted',
  process.env.NODE_ENV !== 'production'
    ? 'The provider unmounted before this change was sent: it stays queued and goes out when a provider for this user mounts again.'
    : 'unmounted',
);

/** How a queued change is sent and committed. */
export interface Plan<T> {
  lane: Lane;
  context: GroupKitErrorContext;
  send: () => Promise<T>;
  commit: (data: T) => void;
}

// Changes already in a lane, so a restored queue is never scheduled twice.
const scheduled = new WeakSet<PendingChange>();

// Stores with a write that got no answer: the server may have applied it all the same (a code
// redemption is never retried; a change can run out of retries), so the cache may be wrong.
const unsure = new WeakSet<GroupKitStore>();

/**
 * Reloads what is on screen once nothing is queued: a read made while changes are on the wire
 * could not tell which of them it includes. A change made during the reload leaves it unsure,
 * so it runs again once that change settled.
 */
async function reloadIfUnsure(env: ChangeEnv) {
  const { store } = env;
  if (!unsure.has(store) || store.getState().pending.length > 0) return;
  unsure.delete(store);
  let overlapped = false;
  const stop = store.subscribe((s) => {
    if (s.pending.length > 0) overlapped = true;
  });
  const resources = { queryKey: groupKitKeys.user(env.userId) };
  // A read already out may have been answered before the change reached the server, and a
  // refetch would only join it: cancel it and read afresh.
  await env.queryClient.cancelQueries(resources);
  await env.queryClient.invalidateQueries(resources);
  stop();
  if (overlapped) {
    unsure.add(store);
    await reloadIfUnsure(env);
  }
}

/** Puts a queued change in its lane: sent after the one before it settled. */
function schedule<T>(env: ChangeEnv, change: PendingChange, plan: Plan<T>) {
  const { store } = env;
  scheduled.add(change);
  const tails = lanes.get(store) ?? {
    memberships: Promise.resolve(),
    group: Promise.resolve(),
    flows: Promise.resolve(),
  };
  lanes.set(store, tails);
  const settle = (patch: (s: GroupKitStoreState) => object) =>
    store.setState((s) => ({ ...patch(s), pending: s.pending.filter((c) => c.id !== change.id) }));

  const run = tails[plan.lane].then(async (): Promise<GroupKitOutcome<T>> => {
    try {
      const data = await deliver(store, plan.send);
      // A loader's answer reaches the cache some microtasks after the loader returned it: let a
      // read that has just answered land first, or it would overwrite what this commits.
      if (env.queryClient.isFetching({ queryKey: groupKitKeys.user(env.userId) }) > 0)
        await new Promise((resolve) => setTimeout(resolve, 0));
      // Server state first, then drop the optimistic change: any render in between already
      // reads the new cache, so the screen never flickers back to the old state.
      plan.commit(data);
      settle(() => ({}));
      void reloadIfUnsure(env);
      return { ok: true, data, error: null };
    } catch (thrown) {
      const error = toError(thrown);
      // Not failed, not sent: the change keeps its place in the queue (and in storage), and
      // this runner forgets it, so the next provider's resume schedules it again.
      if (error === LEFT_FOR_LATER) {
        scheduled.delete(change);
        return failed(error);
      }
      settle((s) => ({
        failures: {
          ...s.failures,
          ...Object.fromEntries(groupIds(env, change).map((id) => [id, error])),
        },
      }));
      if (isGroupKitNetworkError(error)) unsure.add(store);
      void reloadIfUnsure(env);
      env.onError?.(error, plan.context);
      return failed(error);
    }
  });
  tails[plan.lane] = run;
  return run;
}

/** Shows a change at once (optimistic, in the queue) and schedules it. */
export function enqueue<T>(env: ChangeEnv, change: PendingChange, plan: Plan<T>) {
  env.store.setState((s) => ({
    pending: [...s.pending, change],
    failures: without(s.failures, groupIds(env, change)),
  }));
  return schedule(env, change, plan);
}

function bumpVersion(store: GroupKitStore, resource: 'memberships' | 'group') {
  store.setState((s) => ({ versions: { ...s.versions, [resource]: s.versions[resource] + 1 } }));
}

/** Adjusts the directory's member counts by what a committed change did (deltas by group id). */
function countMembers(env: ChangeEnv, deltas: Map<string, number>) {
  if (deltas.size === 0) return;
  env.queryClient.setQueryData<UserGroup[]>(groupKitKeys.userGroups(env.userId), (groups) =>
    groups?.map((g) => {
      const delta = deltas.get(g.id) ?? 0;
      return delta === 0 ? g : { ...g, memberCount: Math.max(0, g.memberCount + delta) };
    }),
  );
}

export interface ChangeMembershipsOptions {
  /**
   * Only report what would happen (ops, automations that would fire); change nothing.
   * Still waits for the changes before it, so it previews the state they leave.
   * @default false
   */
  dryRun?: boolean;
}

/**
 * Queues ordered membership changes: shown at once, sent after every earlier change settled,
 * rolled back (only their own ops) if the server refuses them.
 */
export function changeMemberships(
  env: ChangeEnv,
  changes: ChangesInput,
  { dryRun = false }: ChangeMembershipsOptions = {},
): Promise<GroupKitOutcome<MembershipChangeResult>> {
  const parsed = parseChangesSafe(changes);
  if (!parsed.ok) {
    const error = new GroupKitChangeError(parsed.message, parsed.index, changes);
    env.onError?.(error, { action: 'change' });
    return Promise.resolve(failed(error));
  }
  const change: PendingChange = {
    id: newIdempotencyKey(),
    at: new Date().toISOString(),
    kind: dryRun ? 'preview' : 'memberships',
    ops: resolveOps(env, parsed.ops),
  };
  return enqueue(env, change, planChange(env, change));
}

/** How a membership change (or its preview) is sent and committed, from its queued form alone. */
function planChange(env: ChangeEnv, change: PendingChange): Plan<MembershipChangeResult> {
  const ops = 'ops' in change ? change.ops.map(({ op, group }) => ({ op, group })) : [];
  const dryRun = change.kind === 'preview';
  return {
    lane: 'memberships',
    context: { action: 'change', changes: ops },
    send: () =>
      postChanges(env.core, env.userId, ops, dryRun ? { dryRun } : { idempotencyKey: change.id }),
    commit: (result) => {
      if (dryRun) return;
      env.queryClient.setQueryData(groupKitKeys.memberships(env.userId), result.memberships);
      const deltas = new Map<string, number>();
      for (const applied of result.applied) {
        const delta = applied.result === 'added' ? 1 : applied.result === 'removed' ? -1 : 0;
        const id = resolveGroup(env, applied.group).groupId;
        if (delta !== 0) deltas.set(id, (deltas.get(id) ?? 0) + delta);
      }
      countMembers(env, deltas);
      bumpVersion(env.store, 'memberships');
    },
  };
}

export interface RedeemCodeOptions {
  /**
   * Only accept a code of this group (slug or id).
   * @default undefined (any group's code)
   */
  group?: string;
}

/** Redeems a campaign code in line with the user's other changes; honours the lockout. */
export function redeemCode(
  env: ChangeEnv,
  code: string,
  { group }: RedeemCodeOptions = {},
): Promise<GroupKitOutcome<RedeemCodeResult>> {
  const lockedUntil = env.store.getState().codeLockedUntil;
  const now = Date.now();
  if (lockedUntil !== null && lockedUntil > now) {
    // Sending now would only add a failed attempt: answer as the server would, without a request.
    const seconds = Math.ceil((lockedUntil - now) / 1000);
    const error = new GroupKitApiError(
      429,
      {
        code: 'too_many_attempts',
        message: `Too many attempts: try again in ${seconds} s.`,
      },
      null,
      String(seconds),
    );
    env.onError?.(error, { action: 'redeem' });
    return Promise.resolve(failed(error));
  }
  const change: PendingChange = {
    id: newIdempotencyKey(),
    at: new Date(now).toISOString(),
    kind: 'redeem',
    ops: group ? resolveOps(env, [{ op: 'add', group }]) : [],
  };
  const outcome = enqueue(env, change, {
    lane: 'memberships',
    context: { action: 'redeem' },
    send: () => postRedeem(env.core, env.userId, group === undefined ? { code } : { code, group }),
    commit: (result) => {
      env.queryClient.setQueryData<Membership[]>(groupKitKeys.memberships(env.userId), (list) =>
        list && !list.some((m) => m.groupId === result.membership.groupId)
          ? [...list, result.membership]
          : list,
      );
      if (result.result === 'added') countMembers(env, new Map([[result.group.id, 1]]));
      bumpVersion(env.store, 'memberships');
    },
  });
  return outcome.then((result) => {
    const error = result.error;
    if (isGroupKitApiError(error) && error.code === 'too_many_attempts' && error.retryAt) {
      lockCodes(env.store, error.retryAt.getTime());
    }
    return result;
  });
}

function lockCodes(store: GroupKitStore, until: number) {
  store.setState({ codeLockedUntil: until });
  setTimeout(
    () => {
      if (store.getState().codeLockedUntil === until) store.setState({ codeLockedUntil: null });
    },
    Math.max(0, until - Date.now()),
  );
}

/** Merges properties into the provider's account group: shown at once, rolled back on failure. */
export function identifyGroup(
  env: ChangeEnv,
  properties: Properties,
): Promise<GroupKitOutcome<AccountGroup>> {
  const { groupId } = env;
  if (!groupId) {
    const error = new GroupKitError(
      'no_account_group',
      process.env.NODE_ENV !== 'production'
        ? 'identify() needs an account group: pass groupId to <GroupKitProvider groupId="acme">.'
        : 'identify(): no groupId',
    );
    env.onError?.(error, { action: 'identify' });
    return Promise.resolve(failed(error));
  }
  const change: PendingChange = {
    id: newIdempotencyKey(),
    at: new Date().toISOString(),
    kind: 'identify',
    properties,
  };
  return enqueue(env, change, planIdentify(env, groupId, properties));
}

function planIdentify(env: ChangeEnv, groupId: string, properties: Properties): Plan<AccountGroup> {
  return {
    lane: 'group',
    context: { action: 'identify' },
    // With the user, so a project with identity verification on can check their hash.
    send: async () =>
      (await postIdentify(env.core, { identifier: groupId, userId: env.userId, properties })).group,
    commit: (group) => {
      env.queryClient.setQueryData(groupKitKeys.group(env.userId, groupId), group);
      bumpVersion(env.store, 'group');
    },
  };
}

/**
 * Schedules one change restored from storage, unless it already is: the outcome of its
 * write, or `null` when it was scheduled before.
 */
export function resume<T>(env: ChangeEnv, change: PendingChange, plan: Plan<T>) {
  return scheduled.has(change) ? null : schedule(env, change, plan);
}

/**
 * Schedules the changes a store restored from storage (made before a reload, or while
 * offline), in their order. Call it once the provider has a user; calling again is harmless.
 * Flow progress is resumed by `useFlow` (`resumeFlows`), so only pages with a flow ship it.
 */
export function resumePending(env: ChangeEnv) {
  for (const change of env.store.getState().pending) {
    if (change.kind === 'memberships') void resume(env, change, planChange(env, change));
    else if (change.kind === 'identify' && env.groupId)
      void resume(env, change, planIdentify(env, env.groupId, change.properties));
  }
}

resumer.current = resumePending;
