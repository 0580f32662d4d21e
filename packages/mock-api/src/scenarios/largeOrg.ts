import { createSeedBuilder } from './build';
import { defaultScenario } from './default';
import { generateUsers } from './generateUsers';
import type { Scenario } from './types';

/** The user count of `largeOrg`: rule-set recalculation is benchmarked at this size. */
export const LARGE_ORG_USERS = 100_000;

/** The default scenario with 100,000 users in all (Ada, Grace, Alan and generated ones). */
export const largeOrgScenario: Scenario = (context) => {
  const seed = defaultScenario(context);
  const named = seed.users.filter((u) => !/^u_\d+$/.test(u.id));
  const generated = generateUsers(createSeedBuilder(context), LARGE_ORG_USERS - named.length);
  return { ...seed, users: [...named, ...generated] };
};
