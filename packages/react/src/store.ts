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

/*
 * What a store saves, under its `storageKey`: `{ version: 1, pending, flows }` (`pending`
 * without previews and code redemptions, which are never replayed after a reload). The
 * format's version is written and checked below as a literal (a constant costs bytes on
 * every page): bump both when the saved shape changes.
 *
 * - Version 0 (every SDK before versions) is the same shape without `version`: it is migrated
 *   as is (there is nothing to convert: its ops already carry `groupId`, `slug` and `name`),
 *   checked like any entry, and saved as version 1 at the next save. Flat, not wrapped in
 *   `{ state, version }`, so the two read alike both ways.
 * - A later version (a newer SDK's entry, read after a rollback) is not this SDK's to read:
 *   the store starts clean, sends nothing from it, and overwrites it at its next save (the
 *   user's next change or flow step, or a flow's offline copy refreshing). A later format
 *   must therefore bump `version`, and should keep its data under other keys than `pending`
 *   and `flows`, so that SDKs from before versions (which read those keys blindly) start
 *   clean too.
 * - The reader only makes sure the screen can show what it restored (a corrupt or
 *   hand-edited entry must not break the app): each change an object, the ops of a
 *   membership change (or of any change that has some) a list of objects; anything else
 *   starts the store clean. What a restored change sends is checked in full where it is
 *   sent: the client's change parser refuses malformed ops, the flow writer a malformed
 *   progress record (`isWholeFlowWrite`), each as a `GroupKitChangeError` through `onError`,
 *   and the change leaves the queue; an account group's properties are the server's to check,
 *   as for any `identify`. Flow records are checked where they are read (`useFlowProgress`,
 *   the flow offline copy).
 *
 * Why not zustand's `persist` middleware (`version`, `migrate`, `partialize`), as issue #13
 * suggested: weighed and decided against.
 * - Bytes: the middleware is 1,073 B gzip on its own (zustand 5.1.0, minified), loaded up
 *   front with every provider, where this reader and writer are a few hundred; its wiring
 *   (storage adapter, partialize, migrate, merge) would cost about what they do.
 * - Writes: it saves after every `setState` (online, retrying, failures, versions...), a
 *   stringify and a `setItem` each; the writer here saves only when `pending` or `flows`
 *   change.
 * - Format: it wraps state as `{ state, version }`: entries written before versions would not
 *   restore without an adapter converting them, and what tests and apps read back changes.
 * The writer stays here, installed with the store: installed from the write path instead (the
 * change queue, flow progress) it left the provider about 60 B lighter but cost about 35 B
 * more to a page with the widgets, which has no room for it.
 */

/** An entry as found in storage: any JSON (`version` absent before versions). */
interface SavedEntry {
  version?: number;
  pending?: SavedObject[];
  flows?: Record<string, FlowProgress>;
}

/** A change, or one of its ops, as read back: checked by the reader below. */
interface SavedObject {
  kind?: string;
  ops?: SavedObject[];
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
 * progress are restored from, and (once something writes them) saved to, storage.
 * @example const store = createGroupKitStore(); store.getState().pending // []
 */
export function createGroupKitStore({
  storageKey = '',
  storage,
}: GroupKitStoreOptions = {}): GroupKitStore {
  let saveTo: GroupKitStorage | null | undefined;
  let restored: SavedEntry = {};
  try {
    // Nothing is saved without a key.
    // (Without a `localStorage`, as on a server, this throws too: nothing is saved.)
    if (storageKey) saveTo = storage === undefined ? localStorage : storage;
    const entry = JSON.parse(saveTo?.getItem(storageKey) ?? '{}') as SavedEntry;
    // Version 0 and 1 read alike; a later version is not this SDK's to read (see above).
    if (!((entry.version as number) > 1)) {
      // Reads what the screen reads of each restored change before it is sent (where it is
      // checked in full): that it is an object, the ops of a membership change (or of any
      // change that has some). Anything it could not show throws here.
      entry.pending?.forEach(
        (c) =>
          ('ops' in c || c.kind === 'memberships') &&
          (c.ops as SavedObject[]).forEach((op) => op.kind),
      );
      restored = entry;
    }
  } catch {
    // None of it may break the app: sandboxed iframes and blocked cookies throw on access to
    // `localStorage` (nothing is saved), a corrupt or malformed entry throws above (the store
    // starts clean).
  }
  const store: GroupKitStore = createStore<GroupKitStoreState>()(() => ({
    pending: (restored.pending as PendingChange[] | undefined) ?? [],
    failures: {},
    codeLockedUntil: null,
    versions: { memberships: 0, group: 0 },
    online: true,
    retrying: false,
    mounted: true,
    // Records are checked where they are read (`useFlowProgress`, the flow offline copy).
    flows: restored.flows ?? {},
  }));
  if (saveTo) {
    store.subscribe(({ pending, flows }, previous) => {
      if (pending === previous.pending && flows === previous.flows) return;
      try {
        saveTo.setItem(
          storageKey,
          JSON.stringify({
            version: 1,
            // Every change but previews and code redemptions (which carry ops too, and are
            // never replayed after a reload).
            pending: pending.filter((c) => !('ops' in c) || c.kind === 'memberships'),
            flows,
          }),
        );
      } catch {
        // Full or unavailable storage: changes still go out, they just won't survive a reload.
      }
    });
  }
  return store;
}
