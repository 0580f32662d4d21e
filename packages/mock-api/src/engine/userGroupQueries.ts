import { GroupsEngineError } from './errors';
import {
  compareText,
  directed,
  type ListQuery,
  matchesSearch,
  paginate,
  parseListQuery,
} from './listing';
import {
  byDirectoryOrder,
  findUserGroup,
  requireUserGroup,
  toUserGroup,
  userGroupNotFound,
} from './lookup';
import type { EngineState } from './state';
import type { ConditionsVersion, Page, UserGroup } from './types';

export const USER_GROUP_SORTS = ['name', 'description', 'slug'] as const;
export type UserGroupSort = (typeof USER_GROUP_SORTS)[number];

/** Ascending comparators; ties fall back to the uuid so pages never overlap or skip. */
const USER_GROUP_ORDER: Record<UserGroupSort | 'default', (a: UserGroup, b: UserGroup) => number> =
  {
    default: byDirectoryOrder,
    name: (a, b) => compareText(a.name, b.name) || compareText(a.id, b.id),
    description: (a, b) => compareText(a.description, b.description) || compareText(a.id, b.id),
    slug: (a, b) => compareText(a.slug, b.slug),
  };

/**
 * `GET /v1/user-groups` with the secret key: every group, hidden, scheduled and ended ones
 * included. `search_text` looks in name and description; the default order is the
 * directory's (`order`, then name).
 */
export function listUserGroups(state: EngineState, query: ListQuery = {}): Page<UserGroup> {
  const { sortAttr, sortDir, search, ...paging } = parseListQuery(query, USER_GROUP_SORTS);
  const at = state.now();
  const groups = [...state.userGroups.values()]
    .filter((group) => matchesSearch([group.name, group.description], search))
    .map((group) => toUserGroup(state, group, at))
    .sort(directed(USER_GROUP_ORDER[sortAttr ?? 'default'], sortDir));
  return paginate(groups, paging);
}

/**
 * `GET /v1/user-groups/{idOrSlug}` with a publishable key. A hidden group answers exactly
 * like a missing one, so a browser cannot learn that it exists.
 */
export function getViewableUserGroup(state: EngineState, idOrSlug: string): UserGroup {
  const group = findUserGroup(state, idOrSlug);
  if (!group?.userViewable) throw userGroupNotFound(idOrSlug);
  return toUserGroup(state, group);
}

/** `GET /v1/user-groups/{id}/conditions-history`: rule-set versions, oldest first; none for a manual group. */
export function listConditionsHistory(state: EngineState, idOrSlug: string): ConditionsVersion[] {
  const { id } = requireUserGroup(state, idOrSlug);
  return (state.conditionsHistory.get(id) ?? []).map((version) => ({ ...version }));
}

/** `GET /v1/user-groups/{uuid}/legacy-id`: the integer id older integrations still store. */
export function getUserGroupLegacyId(
  state: EngineState,
  idOrSlug: string,
): { id: string; legacyId: number } {
  const { id, legacyId } = requireUserGroup(state, idOrSlug);
  return { id, legacyId };
}

/** `GET /v1/legacy-user-groups/{legacyId}`: 400 for a non-integer, 404 for an unknown one. */
export function getUserGroupByLegacyId(state: EngineState, legacyId: string | number): UserGroup {
  const text = String(legacyId);
  if (!/^\d{1,15}$/.test(text)) {
    throw new GroupsEngineError(
      'validation_failed',
      `legacyId: must be a positive whole number such as 1001 (got "${text}"); for a uuid or slug, use GET /v1/user-groups/{idOrSlug}.`,
      { field: 'legacyId' },
    );
  }
  const id = state.legacyIds.get(Number(text));
  const group = id === undefined ? undefined : state.userGroups.get(id);
  if (!group) {
    throw new GroupsEngineError('user_group_not_found', `No user group with legacy id ${text}.`, {
      legacyId: Number(text),
    });
  }
  return toUserGroup(state, group);
}
