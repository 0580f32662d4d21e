import { GroupsEngineError } from './errors';
import type { EngineState } from './state';
import type { AccountGroup } from './types';

/** Account groups (the provider's `groupId`): read, and upsert by `identify`. */
export function createAccountGroupsApi(state: EngineState) {
  return {
    /** `GET /v1/groups/{groupId}`. */
    getAccountGroup(groupId: string): AccountGroup {
      const group = state.accountGroups.get(groupId);
      if (!group)
        throw new GroupsEngineError('group_not_found', `No account group "${groupId}".`, {
          groupId,
        });
      return group;
    },
  };
}
