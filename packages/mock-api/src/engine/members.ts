import { fireMembershipEvents, type MembershipEvent } from './automations';
import { GroupsEngineError } from './errors';
import { directed, type ListQuery, matchesSearch, pageOf, paginate, type SortDir } from './listing';
import { findUserGroup, requireUserGroup } from './lookup';
import {
  compareByKeys,
  DEFAULT_MEMBER_SORT,
  MEMBER_SEARCH_TEXTS,
  MEMBER_SORT_KEYS,
  type MemberSort,
  parseMemberListQuery,
  PERSON_SORT_KEYS,
} from './memberList';
import type { EngineState } from './state';
import type { MembershipRecord, Page, UserGroupRecord, UserRecord } from './types';
import { expectObject, expectString, expectStringArray, rejectUnknown } from './validate';

/** One row of a group's member list: the user, and how and when they joined. */
import type { GroupMember } from '@groupkit/client';

export type { GroupMember };
export { DEFAULT_MEMBER_SORT, MEMBER_SORTS, type MemberSort } from './memberList';

/** Most ids one add or remove request may list. */
const MAX_IDS = 5000;

/** What a person row has to sort by, whatever its list names the handle (`userid`, `username`). */
interface Person {
  id: string;
  firstname: string;
  lastname: string;
  email: string;
}

const mapSorts = <K extends string, V, W>(sorts: Record<K, V>, to: (value: V) => W) =>
  Object.fromEntries(Object.entries(sorts).map(([name, v]) => [name, to(v as V)])) as Record<K, W>;

/**
 * Ascending comparators of a list of people, by id, handle, first name, last name or email
 * (`PERSON_SORT_KEYS`); ties fall back to the user id, since generated users can share names.
 * One order for the member lists and the admin user list (adminUsers.ts), so both page alike.
 */
export function personOrder<P extends Person>(handle: (person: P) => string) {
  const field = (person: P, key: keyof Person | 'handle') =>
    key === 'handle' ? handle(person) : person[key];
  return mapSorts(PERSON_SORT_KEYS, (keys) => compareByKeys<P, (typeof keys)[number]>(keys, field));
}

const MEMBER_ORDER = mapSorts(MEMBER_SORT_KEYS, (keys) =>
  compareByKeys(keys, (member: GroupMember, key) => member[key]),
);

/** A member list row: the user as the list shows them, and their membership of the group. */
export function memberRow(user: UserRecord, membership: MembershipRecord): GroupMember {
  return {
    id: user.id,
    userid: user.username,
    firstname: user.firstname,
    lastname: user.lastname,
    email: user.email,
    branchId: user.branchId,
    status: user.status,
    joinedAt: membership.joinedAt,
    source: membership.source,
  };
}

/** The group's members, unsorted (in membership order). */
export function membersOf(state: EngineState, group: UserGroupRecord): GroupMember[] {
  return state.memberships.ofGroup(group.id).flatMap((membership) => {
    const user = state.users.get(membership.userId);
    return user ? [memberRow(user, membership)] : [];
  });
}

/** `search` (lower-cased) in first, last or full name, email or username (`MEMBER_SEARCH_TEXTS`). */
export function memberMatches(member: GroupMember, search: string): boolean {
  return matchesSearch(
    MEMBER_SEARCH_TEXTS.map((fields) => fields.map((field) => member[field]).join(' ')),
    search,
  );
}

/** Sorts in place, stably: members equal on every key keep their membership order. */
export function sortMembers(
  members: GroupMember[],
  sortAttr: MemberSort = DEFAULT_MEMBER_SORT,
  sortDir: SortDir = 'asc',
): GroupMember[] {
  return members.sort(directed(MEMBER_ORDER[sortAttr], sortDir));
}

/**
 * `GET /v1/user-groups/{id}/users`: a page of members, searched and sorted. The in-memory
 * engine sorts every member; a store that can select the page itself (`state.memberPage`,
 * the server in SQL) hands it over, and the engine makes the rows and the page from it.
 */
export function listUserGroupMembers(
  state: EngineState,
  idOrSlug: string,
  query: ListQuery = {},
): Page<GroupMember> {
  const group = requireUserGroup(state, idOrSlug);
  const parsed = parseMemberListQuery(query);
  if (state.memberPage) {
    const { rows, total } = state.memberPage(group, parsed);
    const data = rows.map(({ user, membership }) => memberRow(user, membership));
    return pageOf(data, parsed, total);
  }
  const members = membersOf(state, group).filter((member) => memberMatches(member, parsed.search));
  return paginate(sortMembers(members, parsed.sortAttr, parsed.sortDir), parsed);
}

/** Members come from the rule set of an automatic group; editing them by hand would be undone by the next recalculation. */
function requireManual(group: UserGroupRecord) {
  if (group.type === 'automatic') {
    throw new GroupsEngineError(
      'group_is_automatic',
      `"${group.slug}" is automatic: its members come from its rule set. Change the rule set instead.`,
      { group: group.slug },
    );
  }
}

const optionalIds = (value: unknown, field: string) =>
  value === undefined ? [] : expectStringArray(value, field, { max: MAX_IDS });

/**
 * Who an add request names, as user ids: listed users, every user of the listed branches,
 * and the current members of the listed groups. Unknown users and groups are refused
 * (404, listing every unknown one) before anything is added.
 */
function resolveAdditions(state: EngineState, input: unknown): Set<string> {
  const body = expectObject(input, 'body');
  rejectUnknown(body, ['user_ids', 'branch_ids', 'group_ids']);
  const userIds = optionalIds(body.user_ids, 'user_ids');
  const branchIds = optionalIds(body.branch_ids, 'branch_ids');
  const groupIds = optionalIds(body.group_ids, 'group_ids');
  if (userIds.length + branchIds.length + groupIds.length === 0) {
    throw new GroupsEngineError(
      'validation_failed',
      'body: list who to add in user_ids, branch_ids or group_ids (at least one non-empty list).',
      { field: 'body' },
    );
  }
  const unknownUsers = [...new Set(userIds.filter((id) => !state.users.has(id)))];
  if (unknownUsers.length > 0) {
    throw new GroupsEngineError(
      'user_not_found',
      `user_ids: no user ${unknownUsers.map((id) => `"${id}"`).join(', ')}; nothing was added.`,
      { field: 'user_ids', userIds: unknownUsers },
    );
  }
  const sources = groupIds.map((idOrSlug) => findUserGroup(state, idOrSlug));
  const unknownGroups = [...new Set(groupIds.filter((_, i) => sources[i] === undefined))];
  if (unknownGroups.length > 0) {
    throw new GroupsEngineError(
      'user_group_not_found',
      `group_ids: no user group ${unknownGroups.map((id) => `"${id}"`).join(', ')}; nothing was added.`,
      { field: 'group_ids', groups: unknownGroups },
    );
  }
  const branches = new Set(branchIds);
  const wanted = new Set(userIds);
  for (const user of state.users.values()) {
    if (user.branchId !== null && branches.has(user.branchId)) wanted.add(user.id);
  }
  for (const source of sources) {
    for (const membership of state.memberships.ofGroup((source as UserGroupRecord).id)) {
      wanted.add(membership.userId);
    }
  }
  return wanted;
}

/**
 * `POST /v1/user-groups/{id}/users`: adds users to a manual group as `admin` members.
 * Users who already belong keep their membership (its source and date) untouched.
 */
export function addUserGroupMembers(
  state: EngineState,
  idOrSlug: string,
  input: unknown,
): { added: number; unchanged: number; memberCount: number } {
  const group = requireUserGroup(state, idOrSlug);
  requireManual(group);
  const wanted = resolveAdditions(state, input);
  const joinedAt = state.now().toISOString();
  const events: MembershipEvent[] = [];
  for (const userId of wanted) {
    if (state.memberships.get(userId, group.id)) continue;
    state.memberships.add({ userId, groupId: group.id, joinedAt, source: 'admin', attributes: {} });
    events.push({ userId, groupId: group.id, event: 'added_to' });
  }
  fireMembershipEvents(state, events, 'admin');
  return {
    added: events.length,
    unchanged: wanted.size - events.length,
    memberCount: state.memberships.count(group.id),
  };
}

/** Which members a remove request means: exactly one of `user_ids`, `user_all`, `user_filters`. */
function selectRemovals(state: EngineState, group: UserGroupRecord, input: unknown): string[] {
  const body = expectObject(input, 'body');
  rejectUnknown(body, ['user_ids', 'user_all', 'user_filters']);
  const given = Object.keys(body);
  if (given.length !== 1) {
    throw new GroupsEngineError(
      'validation_failed',
      `body: send exactly one of user_ids, user_all or user_filters (got ${given.length === 0 ? 'none' : given.join(' and ')}).`,
      { field: 'body' },
    );
  }
  if (body.user_ids !== undefined) {
    return expectStringArray(body.user_ids, 'user_ids', { max: MAX_IDS });
  }
  if (body.user_all !== undefined) {
    if (body.user_all !== true) {
      throw new GroupsEngineError(
        'validation_failed',
        'user_all: must be true; to remove some members, send user_ids or user_filters.',
        { field: 'user_all' },
      );
    }
    return state.memberships.ofGroup(group.id).map((membership) => membership.userId);
  }
  const filters = expectObject(body.user_filters, 'user_filters');
  rejectUnknown(filters, ['search'], 'user_filters');
  // An empty search would match everyone: removing all must be asked for with user_all.
  const search = expectString(filters.search, 'user_filters.search', { max: 200 }).trim();
  if (search === '') {
    throw new GroupsEngineError(
      'validation_failed',
      'user_filters.search: must not be blank; to remove every member, send {"user_all": true}.',
      { field: 'user_filters.search' },
    );
  }
  return membersOf(state, group)
    .filter((member) => memberMatches(member, search.toLowerCase()))
    .map((member) => member.id);
}

/**
 * `DELETE /v1/user-groups/{id}/users`: removes members of a manual group. Ids that are not
 * members are skipped, so a retried removal succeeds (reporting 0 removed) instead of failing.
 */
export function removeUserGroupMembers(
  state: EngineState,
  idOrSlug: string,
  input: unknown,
): { removed: number; memberCount: number } {
  const group = requireUserGroup(state, idOrSlug);
  requireManual(group);
  const events: MembershipEvent[] = [];
  for (const userId of new Set(selectRemovals(state, group, input))) {
    if (state.memberships.remove(userId, group.id)) {
      events.push({ userId, groupId: group.id, event: 'removed_from' });
    }
  }
  fireMembershipEvents(state, events, 'admin');
  return { removed: events.length, memberCount: state.memberships.count(group.id) };
}
