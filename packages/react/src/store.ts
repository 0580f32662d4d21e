import type {
  ChangeOp,
  FlowProgressUpdate,
  GroupKitError,
  Properties,
  UserFlow,
} from '@groupkit/client';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChangeQueue } from './changeQueue';
import type { ResolvedGroup } from './groupRef';

/**
 * A membership op as queued: `group` as the caller named it (and as it is sent), resolved
 * to the group's id and slug through the cached directory (`resolveGroup`).
 */
export interface PendingOp extends ChangeOp, ResolvedGroup {}

interface PendingBase {
  /**
   * A random UUID. A membership change sends it as its `Idempotency-Key` on every attempt,
   * across reloads too, so a change replayed after a lost answer is applied exactly once.
   */
  id: string;
  /** When the user made the change (ISO): the optimistic `joinedAt`. */
  at: string;
}

/** A change waiting for, or waiting on, the server. Applied optimistically until it settles. */
export type PendingChange = PendingBase &
  (
    | { kind: 'memberships'; ops: PendingOp[] }
    | { kind: 'identify'; properties: Properties }
    /** The user's whole progress record in a server-defined flow (`useFlow`). */
    | { kind: 'flow'; flowId: string; progress: FlowProgressUpdate }
    /** Previews and code redemptions hold their place in line but change nothing on screen. */
    | { kind: 'preview' | 'redeem'; ops: PendingOp[] }
  );

/**
 * Client state of one provider (one user). Server state lives in TanStack Query; this holds
 * only what the server does not know yet.
 */
export interface GroupKitStoreState {
  /** Changes in the order the user made them; the first one is the one on the wire. */
  pending: PendingChange[];
  /**
   * The last failure of a change per group id (`resolveGroup`), until the next change of that
   * group: the same failure whether a hook names the group by slug or by id.
   */
  failures: Record<string, GroupKitError>;
  /** While set, code redemption is locked (429 `too_many_attempts`) until this time (ms). */
  codeLockedUntil: number | null;
  /**
   * Bumped on every committed write: a read that started before a write commits must not
   * overwrite what the write left (a slow refetch can never undo a later change).
   */
  versions: { memberships: number; group: number };
  /** False while queued changes wait for the browser to come back online (they stay in storage). */
  online: boolean;
  /** True while a read failed for a transient reason and the client is about to try again. */
  retrying: boolean;
  /** False once the provider unmounted: queued changes then wait in storage for the next one. */
  mounted: boolean;
  /**
   * Onboarding flows by flow id (kept across reloads): the progress of flows defined in code,
   * and for flows defined on the server (whose progress the server keeps) the offline cache.
   */
  flows: Record<string, FlowProgress>;
}

/** Where a user is in one onboarding flow. */
export interface FlowProgress {
  /** Index of the current step. */
  step: number;
  /**
   * Id of the current step: resuming by id still lands right when a later release adds or
   * reorders steps.
   */
  stepId?: string;
  /** Group ids the user held when the flow first showed (what "joined during" compares with). */
  startedWith?: string[];
  status: 'active' | 'completed' | 'dismissed';
  /** Ids of the steps the user finished or skipped, in order. */
  seen: string[];
  /**
   * A flow defined on the server (`useFlow`): the version and progress the server last
   * answered, kept only as an offline cache (shown when a page loads offline; the server's
   * answer replaces it). Keyed, like the rest of this record, by the flow's id.
   */
  server?: UserFlow;
}

/** Where a store keeps what must survive a reload (`localStorage` by default). */
export type GroupKitStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface GroupKitStoreOptions {
  /**
   * Key under which the user's unsent changes and flow progress survive a reload; include
   * the user and account group. Without one nothing is stored.
   * @default undefined
   * @example createGroupKitStore({ storageKey: 'groupkit:acme:u_ada' })
   */
  storageKey?: string;
  /**
   * The storage to use.
   * @default globalThis.localStorage when there is one
   */
  storage?: GroupKitStorage | null;
}

// Saved for the next visit: every change but previews and code redemptions (which carry
// ops too, and are never replayed after a reload).
const saved = (change: PendingChange) => !('ops' in change) || change.kind === 'memberships';

function defaultStorage(): GroupKitStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Sandboxed iframes and blocked cookies throw on access: run without persistence.
    return null;
  }
}

export type GroupKitStore = StoreApi<GroupKitStoreState> & {
  /**
   * The store's queue of writes (`changeQueue.ts`), made on its first write: the store owns
   * it, as a QueryClient owns its MutationCache.
   * @internal
   */
  changeQueue?: ChangeQueue;
};

/**
 * A fresh store for one provider and user. Framework-free: the provider keeps one in
 * `useState`, tests can drive one directly. With a `storageKey`, unsent changes and flow
 * progress are restored from, and saved to, storage.
 * @example const store = createGroupKitStore(); store.getState().pending // []
 */
export function createGroupKitStore({
  storageKey = '',
  storage = defaultStorage(),
}: GroupKitStoreOptions = {}): GroupKitStore {
  // Nothing is saved without a key.
  const saveTo = storageKey ? storage : null;
  let restored: Partial<Pick<GroupKitStoreState, 'pending' | 'flows'>> = {};
  try {
    restored = JSON.parse(saveTo?.getItem(storageKey) ?? '{}') as typeof restored;
  } catch {
    // A corrupt entry must not break the app: start clean.
  }
  const store = createStore<GroupKitStoreState>()(() => ({
    pending: restored.pending ?? [],
    failures: {},
    codeLockedUntil: null,
    versions: { memberships: 0, group: 0 },
    online: true,
    retrying: false,
    mounted: true,
    flows: restored.flows ?? {},
  }));
  if (saveTo) {
    store.subscribe(({ pending, flows }, previous) => {
      if (pending === previous.pending && flows === previous.flows) return;
      try {
        saveTo.setItem(storageKey, JSON.stringify({ pending: pending.filter(saved), flows }));
      } catch {
        // Full or unavailable storage: changes still go out, they just won't survive a reload.
      }
    });
  }
  return store;
}
