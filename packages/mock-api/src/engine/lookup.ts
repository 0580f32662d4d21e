import { GroupsEngineError } from './errors';
import { matchesRuleSet } from './rules';
import type { EngineState } from './state';
import { userGroupStatus } from './status';
import type { Membership, MembershipRecord, UserGroup, UserGroupRecord, UserRecord } from './types';

export function requireUser(state: EngineState, userId: string): UserRecord {
  const user = state.users.get(userId);
  if (!user) throw new GroupsEngineError('user_not_found', `No user "${userId}".`, { userId });
  return user;
}

/**
 * A user group by uuid or slug, or undefined. Slugs are lowercase (userGroupInput.ts), and a
 * reference to one matches in any case: `-Pro,+Plus` as people write it names `pro` and `plus`.
 */
export function findUserGroup(state: EngineState, idOrSlug: string): UserGroupRecord | undefined {
  return (
    state.userGroups.get(idOrSlug) ??
    state.userGroups.get(state.slugs.get(idOrSlug.toLowerCase()) ?? '')
  );
}

/** 404 `user_group_not_found`; a legacy integer id is pointed at the endpoint that takes one. */
export function userGroupNotFound(idOrSlug: string): GroupsEngineError {
  const hint = /^\d{1,15}$/.test(idOrSlug)
    ? ` It looks like a legacy integer id: use GET /v1/legacy-user-groups/${idOrSlug}.`
    : '';
  return new GroupsEngineError('user_group_not_found', `No user group "${idOrSlug}".${hint}`, {
    group: idOrSlug,
  });
}

/** A user group by uuid or slug; 404 `user_group_not_found` otherwise. */
export function requireUserGroup(state: EngineState, idOrSlug: string): UserGroupRecord {
  const group = findUserGroup(state, idOrSlug);
  if (!group) throw userGroupNotFound(idOrSlug);
  return group;
}

/** The API shape of a group: derived `status` and `memberCount`. */
export function toUserGroup(
  state: EngineState,
  record: UserGroupRecord,
  at = state.now(),
): UserGroup {
  return {
    ...record,
    allowLeave: record.allowLeave !== false,
    status: userGroupStatus(record, at),
    memberCount: state.memberships.count(record.id),
  };
}

export function toMembership(state: EngineState, record: MembershipRecord): Membership {
  const group = state.userGroups.get(record.groupId) as UserGroupRecord;
  return {
    groupId: group.id,
    slug: group.slug,
    name: group.name,
    joinedAt: record.joinedAt,
    source: record.source,
    attributes: record.attributes,
  };
}

/** The directory's order: `order`, then name, then uuid (so pages never overlap). */
export const byDirectoryOrder = (
  a: Pick<UserGroupRecord, 'order' | 'name' | 'id'>,
  b: Pick<UserGroupRecord, 'order' | 'name' | 'id'>,
) => a.order - b.order || a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id, 'en');

/** Memberships oldest first, then by group name. */
export const byJoinedThenName = (a: Membership, b: Membership) =>
  a.joinedAt.localeCompare(b.joinedAt) || a.name.localeCompare(b.name, 'en');

/** The user's memberships, oldest first, then by group name. */
export function membershipsOf(state: EngineState, userId: string): Membership[] {
  return state.memberships
    .ofUser(userId)
    .map((record) => toMembership(state, record))
    .sort(byJoinedThenName);
}

/**
 * Rebuilds an automatic group's population from its rule set, as real platforms do on every
 * rule change: its members become exactly the users the rules select. Members who still
 * match keep their membership (and `joinedAt`); the others are added now. Returns the
 * populations.
 */
export function repopulate(
  state: EngineState,
  group: UserGroupRecord,
  at: Date = state.now(),
): { before: number; after: number } {
  if (state.recalculate) return state.recalculate(group, at);
  const before = state.memberships.count(group.id);
  const { ruleset } = group;
  for (const record of state.memberships.ofGroup(group.id)) {
    const user = state.users.get(record.userId);
    if (!ruleset || !user || !matchesRuleSet(ruleset, user)) {
      state.memberships.remove(record.userId, group.id);
    }
  }
  if (ruleset) {
    const joinedAt = at.toISOString();
    for (const user of state.users.values()) {
      if (state.memberships.get(user.id, group.id)) continue;
      if (matchesRuleSet(ruleset, user)) {
        state.memberships.add({
          userId: user.id,
          groupId: group.id,
          joinedAt,
          source: 'rule',
          attributes: {},
        });
      }
    }
  }
  return { before, after: state.memberships.count(group.id) };
}

/** Re-evaluates one user against every automatic group (after their attributes change). */
export function reevaluateUser(state: EngineState, user: UserRecord): void {
  const joinedAt = state.now().toISOString();
  for (const group of state.userGroups.values()) {
    if (group.type !== 'automatic') continue;
    const should = group.ruleset !== null && matchesRuleSet(group.ruleset, user);
    const is = state.memberships.get(user.id, group.id) !== undefined;
    if (should && !is) {
      state.memberships.add({
        userId: user.id,
        groupId: group.id,
        joinedAt,
        source: 'rule',
        attributes: {},
      });
    } else if (!should && is) {
      state.memberships.remove(user.id, group.id);
    }
  }
}
