import { type GroupsEngineError, isGroupsEngineError } from '../../engine/errors';

/** The GroupsEngineError `fn` throws; fails the test when it throws nothing or something else. */
export function thrown(fn: () => unknown): GroupsEngineError {
  try {
    fn();
  } catch (error) {
    if (isGroupsEngineError(error)) return error;
    throw error;
  }
  throw new Error('Expected a GroupsEngineError, but nothing was thrown.');
}
