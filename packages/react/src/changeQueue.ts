import {
  type ChangeOp,
  type ClientCore,
  GroupKitError,
  isGroupKitApiError,
  isGroupKitNetworkError,
} from '@groupkit/client';
import type { QueryClient } from '@tanstack/react-query';
import { resolveGroup } from './groupRef';
import { groupKitKeys } from './queryKeys';
import type { GroupKitStore, GroupKitStoreState, PendingChange } from './store';

/*
 * Why not TanStack Query mutations (`scope` for order, `networkMode: 'offlineFirst'`,
 * paused mutations resumed after a reload)? Weighed for issue #13 and decided against:
 * - Rollback. A mutation's `onError` restores the snapshot its `onMutate` took, which also
 *   undoes every change made after it. Here the screen is the server's state with the queue
 *   laid over it (`optimistic.ts`), so a refused change takes back only its own ops.
 * - Whose queue. A host app may pass its own QueryClient, which outlives providers and users:
 *   its MutationCache would carry one user's unsent changes into the next user's session and
 *   keep sending after the provider unmounted, while the next provider resumes the same changes
 *   from storage (a double send for code redemptions, which have no idempotency key).
 * - Reloads. Resuming paused mutations needs `persistQueryClient` (another package, writing
 *   the host's whole cache to storage) and a `setMutationDefaults` per kind; our store
 *   already keeps the queue per user and account group, versioned.
 * - Holding through outages. A 503 is held for the server's `Retry-After`, however long,
 *   never counted against a retry budget; that is a custom `retry`/`retryDelay` pair in
 *   TanStack terms, with no way to say "retrying" in the provider's state.
 * So the queue is ours, shaped like TanStack's `MutationCache`: an object owned by the store
 * (as a MutationCache is owned by its QueryClient), holding its lanes and sets as its own
 * state, made on the store's first write. Nothing is kept at module level.
 */

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

/** How a queued change is sent and committed. */
export interface Plan<T> {
  lane: Lane;
  context: GroupKitErrorContext;
  send: () => Promise<T>;
  commit: (data: T) => void;
}

/** A failed write's outcome (whatever the write would have answered). */
export const failed = (error: GroupKitError) => ({ ok: false as const, data: null, error });

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

/** Thrown when the provider unmounted before a change went out: it stays queued in storage. */
const LEFT_FOR_LATER = new GroupKitError(
  'unmounted',
  process.env.NODE_ENV !== 'production'
    ? 'The provider unmounted before this change was sent: it stays queued and goes out when a provider for this user mounts again.'
    : 'unmounted',
);

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

/** One provider's queue of writes (`changeQueueOf`). */
export interface ChangeQueue {
  /** Shows a change at once (optimistic, in the queue) and schedules it. */
  add<T>(env: ChangeEnv, change: PendingChange, plan: Plan<T>): Promise<GroupKitOutcome<T>>;
  /**
   * Schedules a change restored from storage, unless it already is: the outcome of its write,
   * or `null` when it was scheduled before.
   */
  resume<T>(
    env: ChangeEnv,
    change: PendingChange,
    plan: Plan<T>,
  ): Promise<GroupKitOutcome<T>> | null;
}

/**
 * A store's queue of writes: each lane a chain of promises (a write starts when the one before
 * it in its lane settled, which keeps changes in the order the user made them). Its state is
 * its own (closed over, as a class's private fields: a closure minifies smaller), and it is
 * kept on the store, so it lives and dies with the store: a new user's store starts empty.
 */
function createChangeQueue(store: GroupKitStore): ChangeQueue {
  const tails: Record<Lane, Promise<unknown>> = {
    memberships: Promise.resolve(),
    group: Promise.resolve(),
    flows: Promise.resolve(),
  };
  // Changes already in a lane, so a restored queue is never scheduled twice.
  const scheduled = new WeakSet<PendingChange>();
  // A write got no answer: the server may have applied it all the same (a code redemption is
  // never retried; a change can run out of retries), so the cache may be wrong.
  let unsure = false;

  /**
   * Reloads what is on screen once nothing is queued: a read made while changes are on the
   * wire could not tell which of them it includes. A change made during the reload leaves it
   * unsure, so it runs again once that change settled.
   */
  async function reloadIfUnsure(env: ChangeEnv) {
    if (!unsure || store.getState().pending.length > 0) return;
    unsure = false;
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
      unsure = true;
      await reloadIfUnsure(env);
    }
  }

  /** Puts a queued change in its lane: sent after the one before it settled. */
  function schedule<T>(env: ChangeEnv, change: PendingChange, plan: Plan<T>) {
    scheduled.add(change);
    const settle = (patch: (s: GroupKitStoreState) => object) =>
      store.setState((s) => ({
        ...patch(s),
        pending: s.pending.filter((c) => c.id !== change.id),
      }));

    const run = tails[plan.lane].then(async (): Promise<GroupKitOutcome<T>> => {
      try {
        const data = await deliver(store, plan.send);
        // A loader's answer reaches the cache some microtasks after the loader returned it:
        // let a read that has just answered land first, or it would overwrite what this commits.
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
        // this queue forgets it, so the next provider's resume schedules it again.
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
        if (isGroupKitNetworkError(error)) unsure = true;
        void reloadIfUnsure(env);
        env.onError?.(error, plan.context);
        return failed(error);
      }
    });
    tails[plan.lane] = run;
    return run;
  }

  return {
    add(env, change, plan) {
      store.setState((s) => ({
        pending: [...s.pending, change],
        failures: without(s.failures, groupIds(env, change)),
      }));
      return schedule(env, change, plan);
    },
    resume: (env, change, plan) => (scheduled.has(change) ? null : schedule(env, change, plan)),
  };
}

/** The store's change queue, made on its first write. */
export function changeQueueOf(store: GroupKitStore): ChangeQueue {
  return (store.changeQueue ??= createChangeQueue(store));
}
