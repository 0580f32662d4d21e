import { GroupsEngineError } from './errors';
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
  // Every field named, in the contract's order: one object of its final size and shape. A
  // spread or `Object.assign` copies whatever keys the record holds, in the order it holds them
  // (the server's records come from jsonb, in its order), and grows the copy's property store
  // as it goes: three times the allocation, and a shape of its own for each key order. The
  // return type makes leaving a field out a type error.
  return {
    id: record.id,
    legacyId: record.legacyId,
    slug: record.slug,
    name: record.name,
    description: record.description,
    type: record.type,
    joinType: record.joinType,
    userViewable: record.userViewable,
    allowLeave: record.allowLeave !== false,
    startsAt: record.startsAt,
    stopsAt: record.stopsAt,
    order: record.order,
    ruleset: record.ruleset,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
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
