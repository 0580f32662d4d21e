import { createSeedBuilder } from './build';
import { defaultScenario } from './default';
import type { Scenario } from './types';

/** The user-group count of `manyGroups`: the directory must stay smooth at this size. */
export const MANY_GROUPS_TOTAL = 1000;

/**
 * The default scenario grown to 1,000 user groups: the extra ones are visible and active,
 * mostly open (every 5th takes a code), ordered after the default directory.
 */
export const manyGroupsScenario: Scenario = (context) => {
  const seed = defaultScenario(context);
  const b = createSeedBuilder(context);
  const extra = MANY_GROUPS_TOTAL - seed.userGroups.length;
  const width = String(extra).length;
  const userGroups = Array.from({ length: extra }, (_, i) =>
    b.userGroup({
      slug: `interest-${String(i + 1).padStart(width, '0')}`,
      name: `Interest group ${i + 1}`,
      description: `Members interested in topic ${i + 1}.`,
      joinType: i % 5 === 4 ? 'code' : 'open',
      userViewable: true,
      order: 100 + i,
      legacyId: 5000 + i,
    }),
  );
  return { ...seed, userGroups: [...seed.userGroups, ...userGroups] };
};
