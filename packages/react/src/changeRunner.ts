import {
  type ChangeOp,
  type ChangesInput,
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
  newIdempotencyKey,
} from '@groupkit/client';
import {
  type ChangeEnv,
  changeQueueOf,
  failed,
  type GroupKitOutcome,
  type Plan,
} from './changeQueue';
import { resolveGroup } from './groupRef';
import { groupKitKeys } from './queryKeys';
import type { GroupKitStore, PendingChange, PendingOp } from './store';

// The membership, code and account-group writes; the queue they go through (order, lanes,
// offline wait, 503 hold) is `changeQueue.ts`.
export type { ChangeEnv, GroupKitErrorContext, GroupKitOutcome, Plan } from './changeQueue';
export { failed, without } from './changeQueue';

// Messages below explain the fix in development; production keeps a short one (the `code`
// says the rest), as React and TanStack Query do. Spelled out at each use: the bundler folds
// `process.env.NODE_ENV` there, not through a variable.

/** The outcome of a write made without a signed-in user: nothing is sent. */
export const noUser = (what: string) =>
  Promise.resolve(
    failed(
      new GroupKitError(
        'no_user',
        process.env.NODE_ENV !== 'production'
          ? `${what} needs a signed-in user on an enabled provider (<GroupKitProvider userId={…}>): nothing was sent.`
          : `${what}: no user`,
      ),
    ),
  );

/** Resolves each op's group (slug or id) to the group's id, slug and name (`resolveGroup`). */
const resolveOps = (env: ChangeEnv, ops: readonly ChangeOp[]): PendingOp[] =>
  ops.map(({ op, group }) => ({ op, group, ...resolveGroup(env, group) }));

/**
 * Shows a change at once (optimistic, in the queue) and schedules it in the store's queue,
 * behind any change restored from storage: those are older, so they go first even when the
 * user acts before the provider's own resume (a lazily loaded chunk) has run.
 */
function enqueue<T>(env: ChangeEnv, change: PendingChange, plan: Plan<T>) {
  resumePending(env);
  return changeQueueOf(env.store).add(env, change, plan);
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
 * Schedules the membership and account-group changes a store restored from storage (made
 * before a reload, or while offline), in their order; those already scheduled are left alone.
 * The provider calls it (through `resume.ts`) when its store restored any, and every
 * new change first calls it, so restored changes keep their place ahead of it.
 */
export function resumePending(env: ChangeEnv) {
  const queue = changeQueueOf(env.store);
  for (const change of env.store.getState().pending) {
    if (change.kind === 'memberships') void queue.resume(env, change, planChange(env, change));
    else if (change.kind === 'identify' && env.groupId)
      void queue.resume(env, change, planIdentify(env, env.groupId, change.properties));
  }
}
