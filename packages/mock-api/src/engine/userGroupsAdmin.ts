import type { ListQuery } from './listing';
import { exportUserGroupMembers, type MemberExportQuery } from './memberExport';
import { addUserGroupMembers, listUserGroupMembers, removeUserGroupMembers } from './members';
import type { EngineState } from './state';
import type { AuditActor } from './types';
import {
  getUserGroupByLegacyId,
  getUserGroupLegacyId,
  getViewableUserGroup,
  listConditionsHistory,
  listUserGroups,
} from './userGroupQueries';
import { createUserGroup, deleteUserGroup, updateUserGroup } from './userGroupWrites';

/**
 * Secret-key administration of user groups: CRUD, rule sets, members, exports, legacy ids.
 * Each method takes plain data (a parsed JSON body, query strings by their API names) and
 * throws `GroupsEngineError`; a request is validated whole before anything changes.
 */
export function createUserGroupsAdminApi(state: EngineState) {
  return {
    /** Every group, searched, sorted and paged (`sort_attr`: name|description|slug; default `order`, then name). */
    listUserGroups: (query: ListQuery = {}) => listUserGroups(state, query),
    /** A group an end user may see: hidden groups are 404 `user_group_not_found`, like missing ones. */
    getViewableUserGroup: (idOrSlug: string) => getViewableUserGroup(state, idOrSlug),
    /** Creates a group from a `POST /v1/user-groups` body; an automatic one is populated at once. */
    createUserGroup: (input: unknown, changedBy: AuditActor | null = null) =>
      createUserGroup(state, input, changedBy),
    /** Partial update; a changed rule set repopulates the group (members who still match stay) and logs a version. */
    updateUserGroup: (idOrSlug: string, input: unknown, changedBy: AuditActor | null = null) =>
      updateUserGroup(state, idOrSlug, input, changedBy),
    /** Deletes the group with its memberships, codes, history and the automations that name it. */
    deleteUserGroup: (idOrSlug: string) => deleteUserGroup(state, idOrSlug),
    /** Rule-set versions, oldest first (empty for a manual group). */
    listConditionsHistory: (idOrSlug: string) => listConditionsHistory(state, idOrSlug),
    /** A page of members (`sort_attr`: id|userid|firstname|lastname|email; default lastname). */
    listUserGroupMembers: (idOrSlug: string, query: ListQuery = {}) =>
      listUserGroupMembers(state, idOrSlug, query),
    /** Adds users by `user_ids`, `branch_ids` and `group_ids` to a manual group. */
    addUserGroupMembers: (idOrSlug: string, input: unknown) =>
      addUserGroupMembers(state, idOrSlug, input),
    /** Removes members by exactly one of `user_ids`, `user_all`, `user_filters`. */
    removeUserGroupMembers: (idOrSlug: string, input: unknown) =>
      removeUserGroupMembers(state, idOrSlug, input),
    /** The members as CSV, with the filename to offer. */
    exportUserGroupMembers: (idOrSlug: string, query: MemberExportQuery = {}) =>
      exportUserGroupMembers(state, idOrSlug, query),
    /** `{id, legacyId}` of a group. */
    getUserGroupLegacyId: (idOrSlug: string) => getUserGroupLegacyId(state, idOrSlug),
    /** A group by its integer legacy id. */
    getUserGroupByLegacyId: (legacyId: string | number) => getUserGroupByLegacyId(state, legacyId),
  };
}
