/** Produces ids for new records. Injectable so a scenario and every test are deterministic. */
export type IdGenerator = () => string;

/**
 * UUID-shaped ids from a counter: `00000000-0000-4000-8000-000000000001`, `...002`, ...
 * @example createGroupsEngine({ ids: createSequentialIds(1000) })
 */
export function createSequentialIds(start = 1): IdGenerator {
  let next = start;
  return () => `00000000-0000-4000-8000-${(next++).toString(16).padStart(12, '0')}`;
}
