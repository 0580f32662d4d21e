import type { ChangeOp, Properties } from '@groupkit/client';
import { createStore, type StoreApi } from 'zustand/vanilla';

/** A membership op as queued: the group as the caller named it, resolved through the directory. */
export interface PendingOp extends ChangeOp {
  /** The group's uuid, or the name as written when the directory does not list it. */
  groupId: string;
  /** The group's slug, or the name as written when the directory does not list it. */
  slug: string;
  /** Display name for the optimistic membership. */
  name: string;
  /** Every name this group goes by (as written, uuid, slug), for matching either. */
  aliases: string[];
}

interface PendingBase {
  id: number;
  /** When the user made the change (ISO): the optimistic `joinedAt`. */
  at: string;
}

/** A change waiting for, or waiting on, the server. Applied optimistically until it settles. */
export type PendingChange = PendingBase &
  (
    | { kind: 'memberships'; ops: PendingOp[] }
    | { kind: 'identify'; properties: Properties }
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
  /** The last failure of a change per group alias, until the next change of that group. */
  failures: Record<string, Error>;
  /** While set, code redemption is locked (429 `too_many_attempts`) until this time (ms). */
  codeLockedUntil: number | null;
  /**
   * Bumped on every committed write: a read that started before a write commits must not
   * overwrite what the write left (a slow refetch can never undo a later change).
   */
  versions: { memberships: number; group: number };
}

export type GroupKitStore = StoreApi<GroupKitStoreState>;

/**
 * A fresh store for one provider and user. Framework-free: the provider keeps one in
 * `useState`, tests can drive one directly.
 * @example const store = createGroupKitStore(); store.getState().pending // []
 */
export function createGroupKitStore(): GroupKitStore {
  return createStore<GroupKitStoreState>()(() => ({
    pending: [],
    failures: {},
    codeLockedUntil: null,
    versions: { memberships: 0, group: 0 },
  }));
}

/** The last queued op on a group (by any alias) that shows on screen, or `null`. */
export function lastPendingOp(pending: readonly PendingChange[], slugOrId: string) {
  let last: 'add' | 'remove' | null = null;
  for (const change of pending) {
    if (change.kind !== 'memberships') continue;
    for (const op of change.ops) if (op.aliases.includes(slugOrId)) last = op.op;
  }
  return last;
}

/** Whether any queued change (shown or not) touches this group. */
export function isGroupPending(pending: readonly PendingChange[], slugOrId: string) {
  return pending.some(
    (change) =>
      change.kind !== 'identify' && change.ops.some((op) => op.aliases.includes(slugOrId)),
  );
}
