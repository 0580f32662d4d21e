import { type ChangeOp, MAX_CHANGE_OPS, parseChangesSafe } from '@groupkit/client';
import { automationsFor, type FiredAutomation, recordRuns } from './automations';
import { GroupsEngineError } from './errors';
import {
  byJoinedThenName,
  findUserGroup,
  membershipsOf,
  requireUser,
  toMembership,
} from './lookup';
import type { EngineState } from './state';
import { userGroupStatus } from './status';
import type { Membership, MembershipRecord, UserGroupRecord } from './types';

/** Who asks: an end user through a publishable key, or the app's server with the secret key. */
export type Actor = 'user' | 'admin';

export interface ChangeMembershipsInput {
  userId: string;
  changes: unknown;
  dryRun?: boolean;
  actor: Actor;
}

export interface AppliedOp {
  op: ChangeOp['op'];
  group: string;
  result: 'added' | 'removed' | 'unchanged';
}

export interface MembershipChangeResult {
  applied: AppliedOp[];
  memberships: Membership[];
  automations: FiredAutomation[];
}

/** Refuses an op the actor may not make, naming its index. Checked for every op before any applies. */
function checkOp(state: EngineState, op: ChangeOp, opIndex: number, actor: Actor): UserGroupRecord {
  const group = findUserGroup(state, op.group);
  // A user must not learn that a hidden group exists: hidden reads as unknown.
  if (!group || (actor === 'user' && !group.userViewable)) {
    throw new GroupsEngineError(
      'user_group_not_found',
      `op ${opIndex}: no user group "${op.group}".`,
      {
        opIndex,
        group: op.group,
      },
    );
  }
  if (group.type === 'automatic') {
    throw new GroupsEngineError(
      'group_is_automatic',
      `op ${opIndex}: "${group.slug}" is automatic; its members come from its rule set.`,
      { opIndex, group: group.slug },
    );
  }
  // Leaving a group the user could join themselves (open, or with a code) is theirs to do,
  // whatever its window, unless the group says members stay.
  const leavesOwnKind = op.op === 'remove' && group.joinType !== null;
  if (actor === 'user' && leavesOwnKind) {
    if (group.allowLeave === false) {
      throw new GroupsEngineError(
        'leave_not_allowed',
        `op ${opIndex}: members of "${group.slug}" cannot leave it themselves; ask an admin.`,
        { opIndex, group: group.slug },
      );
    }
  } else if (actor === 'user') {
    if (group.joinType !== 'open') {
      throw new GroupsEngineError(
        'group_not_joinable',
        group.joinType === 'code'
          ? `op ${opIndex}: "${group.slug}" is joined with a code (POST /v1/users/{userId}/redeem-code).`
          : `op ${opIndex}: only an admin can change membership of "${group.slug}".`,
        { opIndex, group: group.slug, joinType: group.joinType },
      );
    }
    const status = userGroupStatus(group, state.now());
    if (status !== 'active') {
      throw new GroupsEngineError(
        'group_not_active',
        `op ${opIndex}: "${group.slug}" is ${status === 'scheduled' ? `not open until ${group.startsAt}` : `closed since ${group.stopsAt}`}.`,
        { opIndex, group: group.slug, status, startsAt: group.startsAt, stopsAt: group.stopsAt },
      );
    }
  }
  return group;
}

/** 400 `invalid_change` naming the field and the op; over the limit, how many were sent. */
function invalidChanges(changes: unknown, failure: { index: number; message: string }) {
  const shape = 'a string like "-pro,+plus" or an array of { op, group }';
  let message = failure.message;
  if (changes === undefined) message = `is required: send ${shape}.`;
  else if (typeof changes !== 'string' && !Array.isArray(changes)) message = `must be ${shape}.`;
  else {
    const count = typeof changes === 'string' ? changes.split(',').length : changes.length;
    if (count > MAX_CHANGE_OPS) {
      message = `${count} ops; at most ${MAX_CHANGE_OPS} fit in one request. Split them into several requests.`;
    }
  }
  return new GroupsEngineError('invalid_change', `changes: ${message}`, {
    field: 'changes',
    opIndex: failure.index,
  });
}

/**
 * `POST /v1/users/{userId}/membership-changes`. Ops apply strictly in order, each seeing
 * the state the ones before it left; automations are evaluated after each op. Atomic: every
 * op is checked before any applies. `dryRun` computes the same answer and changes nothing.
 */
export function changeMemberships(
  state: EngineState,
  input: ChangeMembershipsInput,
): MembershipChangeResult {
  requireUser(state, input.userId);
  const parsed = parseChangesSafe(input.changes);
  if (!parsed.ok) throw invalidChanges(input.changes, parsed);
  const groups = parsed.ops.map((op, i) => checkOp(state, op, i, input.actor));

  // Simulate on a copy first; commit only what the simulation decided.
  const held = new Set(state.memberships.ofUser(input.userId).map((m) => m.groupId));
  const applied: AppliedOp[] = [];
  const fired: {
    opIndex: number;
    groupId: string;
    event: 'added_to' | 'removed_from';
    automations: ReturnType<typeof automationsFor>;
  }[] = [];
  parsed.ops.forEach((op, opIndex) => {
    const group = groups[opIndex] as UserGroupRecord;
    let result: AppliedOp['result'] = 'unchanged';
    if (op.op === 'add' && !held.has(group.id)) {
      held.add(group.id);
      result = 'added';
    } else if (op.op === 'remove' && held.has(group.id)) {
      held.delete(group.id);
      result = 'removed';
    }
    applied.push({ op: op.op, group: group.slug, result });
    if (result !== 'unchanged') {
      const event = result === 'added' ? 'added_to' : 'removed_from';
      fired.push({
        opIndex,
        groupId: group.id,
        event,
        automations: automationsFor(state, group.id, event, (id) => held.has(id)),
      });
    }
  });

  const joinedAt = state.now().toISOString();
  const source: MembershipRecord['source'] = input.actor === 'user' ? 'self' : 'admin';
  if (input.dryRun) {
    const kept = state.memberships.ofUser(input.userId).filter((m) => held.has(m.groupId));
    const added = [...held]
      .filter((id) => !state.memberships.get(input.userId, id))
      .map((groupId) => ({ userId: input.userId, groupId, joinedAt, source, attributes: {} }));
    return {
      applied,
      memberships: [...kept, ...added]
        .map((record) => toMembership(state, record))
        .sort(byJoinedThenName),
      automations: fired.flatMap((f) =>
        f.automations.map((a) => ({ automationId: a.id, name: a.name, opIndex: f.opIndex })),
      ),
    };
  }

  applied.forEach((entry, opIndex) => {
    const groupId = (groups[opIndex] as UserGroupRecord).id;
    if (entry.result === 'added') {
      state.memberships.add({ userId: input.userId, groupId, joinedAt, source, attributes: {} });
    } else if (entry.result === 'removed') {
      state.memberships.remove(input.userId, groupId);
    }
  });
  const automations = fired.flatMap((f) =>
    recordRuns(state, f.automations, {
      userId: input.userId,
      groupId: f.groupId,
      event: f.event,
      opIndex: f.opIndex,
      origin: input.actor === 'user' ? 'user' : 'admin',
    }),
  );
  return { applied, memberships: membershipsOf(state, input.userId), automations };
}

/** Where the answer for one key is stored: per caller (API key), user and key. */
export function idempotencySlot(scope: { apiKey: string; userId: string; key: string }): string {
  return `${scope.apiKey}:${scope.userId}:${scope.key}`;
}

const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Runs `apply` once per `Idempotency-Key` (scoped to API key and user, 24 h): a retry gets
 * the first answer back and changes nothing. The same key with another body is refused,
 * since it is a client bug that would otherwise lose the second change silently.
 */
export function withIdempotency<T>(
  state: EngineState,
  scope: { apiKey: string; userId: string; key: string | null; body: unknown },
  apply: () => T,
): { response: T; replayed: boolean } {
  if (!scope.key) return { response: apply(), replayed: false };
  const slot = idempotencySlot({ ...scope, key: scope.key });
  const fingerprint = JSON.stringify(scope.body);
  const now = state.now().getTime();
  const entry = state.idempotency.get(slot);
  if (entry && entry.expiresAt > now) {
    if (entry.fingerprint !== fingerprint) {
      throw new GroupsEngineError(
        'idempotency_key_reused',
        'This Idempotency-Key was used for a different request; generate a new key per change.',
        { idempotencyKey: scope.key },
      );
    }
    return { response: entry.response as T, replayed: true };
  }
  const response = apply();
  state.idempotency.set(slot, { fingerprint, expiresAt: now + IDEMPOTENCY_WINDOW_MS, response });
  return { response, replayed: false };
}
