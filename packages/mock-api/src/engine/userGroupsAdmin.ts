import type { EngineState } from './state';

/** Secret-key administration of user groups: CRUD, rule sets, members, exports, legacy ids. */
export function createUserGroupsAdminApi(_state: EngineState) {
  return {};
}
