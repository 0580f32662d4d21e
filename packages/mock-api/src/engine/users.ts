import type { EngineState } from './state';

/** Users: upsert/update with memberships and prune. */
export function createUsersApi(_state: EngineState) {
  return {};
}
