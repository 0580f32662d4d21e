import { forgetFlowProgress } from './flowProgress';
import { getUserDetail, listUsers, toAdminUser } from './adminUsers';
import { type AudienceExportQuery, exportAudience, previewAudience } from './audiences';
import { GroupsEngineError } from './errors';
import type { ListQuery } from './listing';
import { fireMembershipEvents, type MembershipEvent } from './automations';
import { membershipsOf, requireUser } from './lookup';
import { mergeProperties } from './properties';
import { reevaluateUser } from './ruleMemberships';
import type { EngineState } from './state';
import type { AdminUser, Membership, UserRecord } from './types';
import {
  deriveIdentity,
  parseUserPatch,
  UPSERT_MODES,
  type UpsertMode,
  USER_ID,
} from './userInput';
import { applyMemberships, planMemberships } from './userMemberships';
import { expectOneOf, expectString } from './validate';

export type { UpsertMode } from './userInput';
export { parseUpsertMode } from './userInput';

/** The answer of `PUT /v1/users/{userId}`. */
export interface UpsertUserResult {
  user: AdminUser;
  /** All the user's memberships after the write, rule memberships included. */
  memberships: Membership[];
  created: boolean;
  /** Slugs of the manual memberships `prune_memberships` removed, sorted. */
  pruned: string[];
}

/**
 * `PUT /v1/users/{userId}?mode=upsert|update` (secret key), as in ScaleGrowth and Userflow.
 *
 * - `upsert` (the default) creates a missing user: empty names, status `active`, no branch,
 *   username = id, email = the id when it is an address or a placeholder otherwise.
 *   `update` answers 404 `user_not_found` for a missing user.
 * - Profile fields overwrite; `branchId: null` clears the branch. `attributes` merge as
 *   account-group properties do (a top-level `null` removes its key).
 * - `groups` (slugs or ids) or `memberships` (`{group, attributes?}`), never both: the
 *   manual groups the user should be in. New memberships are `admin`-sourced; listed
 *   `attributes` replace an existing membership's.
 * - `prune_memberships: true` also removes the manual memberships (self, code, admin) the
 *   list leaves out. Rule memberships are never pruned; they follow the rules.
 *
 * Automatic groups are re-evaluated after every write, so a changed attribute, branch or
 * status moves the user in or out of them at once. Automations fire for every membership
 * that came or went: origin `sync` for the listed groups and prune, `rule` for automatic
 * groups. Atomic: the whole body and every listed group are checked before anything changes.
 */
export function upsertUser(
  state: EngineState,
  userId: string,
  input: unknown,
  mode: UpsertMode = 'upsert',
): UpsertUserResult {
  expectOneOf(mode, 'mode', UPSERT_MODES);
  const existing = state.users.get(userId);
  if (!existing && mode === 'update') {
    throw new GroupsEngineError(
      'user_not_found',
      `No user "${userId}"; use mode=upsert to create it.`,
      { userId },
    );
  }
  if (!existing) {
    expectString(userId, 'userId', {
      max: 128,
      pattern: USER_ID,
      hint: 'a new user id is letters, digits and _ . : @ -, starting with a letter or digit.',
    });
  }
  const patch = parseUserPatch(input);
  const attributes = patch.attributes
    ? mergeProperties(existing?.attributes ?? {}, patch.attributes, 'attributes')
    : (existing?.attributes ?? {});
  const plan = patch.memberships
    ? planMemberships(state, userId, patch.memberships, patch.prune)
    : undefined;

  // Everything is checked: from here on nothing throws.
  const base: UserRecord = existing ?? {
    id: userId,
    firstname: '',
    lastname: '',
    ...deriveIdentity(userId, patch.email),
    branchId: null,
    status: 'active',
    attributes: {},
    createdAt: state.now().toISOString(),
  };
  const user: UserRecord = {
    ...base,
    firstname: patch.firstname ?? base.firstname,
    lastname: patch.lastname ?? base.lastname,
    email: patch.email ?? base.email,
    branchId: patch.branchId === undefined ? base.branchId : patch.branchId,
    status: patch.status ?? base.status,
    attributes,
  };
  state.users.set(userId, user);
  const synced = plan ? applyMemberships(state, userId, plan) : { pruned: [], events: [] };
  const ruled = reevaluateUser(state, user);
  // Fired once everything applied: conditions read the user's memberships after the write.
  fireMembershipEvents(state, synced.events, 'sync');
  fireMembershipEvents(state, ruled, 'rule');
  return {
    user: toAdminUser(user),
    memberships: membershipsOf(state, userId),
    created: existing === undefined,
    pruned: synced.pruned,
  };
}

/**
 * `DELETE /v1/users/{userId}` (secret key): the user and every membership they hold, each
 * firing its `removed_from` automations (origin `admin`), and their failed code attempts.
 * History stays: the automation run log, and the redemptions of codes they used (a
 * single-use code stays used).
 */
export function deleteUser(state: EngineState, userId: string): void {
  requireUser(state, userId);
  const events: MembershipEvent[] = state.memberships.ofUser(userId).map((record) => ({
    userId,
    groupId: record.groupId,
    event: 'removed_from',
  }));
  for (const { groupId } of events) state.memberships.remove(userId, groupId);
  fireMembershipEvents(state, events, 'admin');
  state.users.delete(userId);
  state.redeemFailures.delete(userId);
  // A user made again with the same id starts every flow afresh.
  forgetFlowProgress(state, { userId });
}

/** Users: upsert/update with memberships and prune; the support desk's list and detail. */
export function createUsersApi(state: EngineState) {
  return {
    /** `PUT /v1/users/{userId}?mode=upsert|update` (see `upsertUser`). */
    upsertUser(userId: string, input: unknown, mode: UpsertMode = 'upsert'): UpsertUserResult {
      return upsertUser(state, userId, input, mode);
    },
    /** `DELETE /v1/users/{userId}` (see `deleteUser`). */
    deleteUser: (userId: string) => deleteUser(state, userId),
    /** `GET /v1/users` (see `listUsers`). */
    listUsers: (query?: ListQuery) => listUsers(state, query),
    /** `GET /v1/users/{userId}` (see `getUserDetail`). */
    getUser: (userId: string) => getUserDetail(state, userId),
    /** `POST /v1/audiences/preview` (see `previewAudience`). */
    previewAudience: (input: unknown) => previewAudience(state, input),
    /** `GET /v1/audiences/export` (see `exportAudience`). */
    exportAudience: (query: AudienceExportQuery) => exportAudience(state, query),
  };
}
