import { compareText, type ListQuery, parseListQuery, type SortDir } from './listing';
import type { MembershipRecord, UserRecord } from './types';

/**
 * The member list's order and search, written once as data: the engine compares with
 * `compareText` field by field, and the server derives its SQL (`ORDER BY … LIMIT`, the
 * search's `WHERE`) from the same tables (`packages/server/src/state/memberPageSql.ts`),
 * proven equal to the engine by a property test there.
 */

export const MEMBER_SORTS = ['id', 'userid', 'firstname', 'lastname', 'email'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

/** The text fields of a member row that lists sort and search by. */
export type MemberField = 'id' | 'userid' | 'firstname' | 'lastname' | 'email';

/**
 * The fields each person sort compares, in order (`handle`: the list's name for the username,
 * `userid` in member lists, `username` in the admin user list). Every order ends at the id,
 * since generated users can share names; rows still equal after it (texts `compareText` finds
 * equal) keep their list order, as a stable sort does.
 */
export const PERSON_SORT_KEYS = {
  id: ['id'],
  handle: ['handle', 'id'],
  firstname: ['firstname', 'lastname', 'id'],
  lastname: ['lastname', 'firstname', 'id'],
  email: ['email', 'id'],
} as const;

/** `PERSON_SORT_KEYS` under the member list's names. */
export const MEMBER_SORT_KEYS: Record<MemberSort, readonly MemberField[]> = {
  id: PERSON_SORT_KEYS.id,
  userid: ['userid', 'id'],
  firstname: PERSON_SORT_KEYS.firstname,
  lastname: PERSON_SORT_KEYS.lastname,
  email: PERSON_SORT_KEYS.email,
};

/** The default member order, as an address book reads: last name, then first name. */
export const DEFAULT_MEMBER_SORT: MemberSort = 'lastname';

/**
 * The texts `search_text` is looked for in (lower-cased, as a substring): each entry the
 * fields joined by a space, so `["firstname", "lastname"]` is the full name.
 */
export const MEMBER_SEARCH_TEXTS: readonly (readonly MemberField[])[] = [
  ['firstname'],
  ['lastname'],
  ['firstname', 'lastname'],
  ['email'],
  ['userid'],
];

/** An ascending comparator over `keys`, each field read by `field`, compared with `compareText`. */
export function compareByKeys<T, K extends string>(
  keys: readonly K[],
  field: (row: T, key: K) => string,
) {
  return (a: T, b: T) => {
    for (const key of keys) {
      const order = compareText(field(a, key), field(b, key));
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** A member list query, checked, with the default order applied. */
export interface MemberListQuery {
  page: number;
  pageSize: number;
  sortAttr: MemberSort;
  sortDir: SortDir;
  /** Lower-cased and trimmed; `''` matches everyone. */
  search: string;
}

/** Checks a member list query whole: 400 `validation_failed` naming the bad parameter. */
export function parseMemberListQuery(query: ListQuery): MemberListQuery {
  const { page, pageSize, sortAttr, sortDir, search } = parseListQuery(query, MEMBER_SORTS);
  return { page, pageSize, sortAttr: sortAttr ?? DEFAULT_MEMBER_SORT, sortDir, search };
}

/**
 * One page of a group's member list as a store selected it: its members' records in list
 * order, and how many members match the search in all.
 */
export interface MemberPage {
  rows: readonly { user: UserRecord; membership: MembershipRecord }[];
  total: number;
}
