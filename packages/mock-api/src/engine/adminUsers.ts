import { directed, type ListQuery, matchesSearch, paginate, parseListQuery } from './listing';
import { membershipsOf, requireUser } from './lookup';
import { personOrder } from './members';
import type { EngineState } from './state';
import type { AdminUser, Membership, Page, UserRecord } from './types';

/** A user record as the admin API shows it. */
export function toAdminUser(user: UserRecord): AdminUser {
  return {
    id: user.id,
    firstname: user.firstname,
    lastname: user.lastname,
    email: user.email,
    username: user.username,
    branchId: user.branchId,
    status: user.status,
    attributes: user.attributes,
  };
}

/** Sorts of the admin user list: the member list's, with the user's `username` as handle. */
export const USER_SORTS = ['id', 'username', 'firstname', 'lastname', 'email'] as const;
export type UserSort = (typeof USER_SORTS)[number];

const { handle: byUsername, ...byPerson } = personOrder<UserRecord>((user) => user.username);
const USER_ORDER: Record<UserSort, (a: UserRecord, b: UserRecord) => number> = {
  ...byPerson,
  username: byUsername,
};

/** `search` (lower-cased) in the id, first, last or full name, email or username. */
function userMatches(user: UserRecord, search: string): boolean {
  return matchesSearch(
    [
      user.id,
      user.firstname,
      user.lastname,
      `${user.firstname} ${user.lastname}`,
      user.email,
      user.username,
    ],
    search,
  );
}

/** Users in the admin list's order: `sortAttr` (last name by default), then by id. */
export function sortUsers(
  users: UserRecord[],
  sortAttr: UserSort = 'lastname',
  dir: 'asc' | 'desc' = 'asc',
) {
  return users.sort(directed(USER_ORDER[sortAttr], dir));
}

/** `GET /v1/users`: every user, searched (name, email, id), sorted and paged (support desk). */
export function listUsers(state: EngineState, query: ListQuery = {}): Page<AdminUser> {
  const { sortAttr, sortDir, search, ...paging } = parseListQuery(query, USER_SORTS);
  const users = [...state.users.values()].filter((user) => userMatches(user, search));
  const page = paginate(sortUsers(users, sortAttr, sortDir), paging);
  return { ...page, data: page.data.map(toAdminUser) };
}

/** One user as the support desk sees them. */
export interface UserDetail {
  user: AdminUser;
  /** Their memberships with how each came to be (`source`), oldest first. */
  memberships: Membership[];
}

/** `GET /v1/users/{userId}`: the user and their memberships (404 `user_not_found`). */
export function getUserDetail(state: EngineState, userId: string): UserDetail {
  const user = requireUser(state, userId);
  return { user: toAdminUser(user), memberships: membershipsOf(state, userId) };
}
