import { defaultScenario } from './default';
import { emptyScenario } from './empty';
import { largeOrgScenario } from './largeOrg';
import { manyGroupsScenario } from './manyGroups';
import type { Scenario } from './types';
import { verifiedScenario } from './verified';

/** Named seeds. Pass a name, or a `Scenario` function of your own, to `createGroupsEngine`. */
export const scenarios = {
  default: defaultScenario,
  empty: emptyScenario,
  manyGroups: manyGroupsScenario,
  verified: verifiedScenario,
  largeOrg: largeOrgScenario,
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof scenarios;
export { LARGE_ORG_USERS } from './largeOrg';
export { MANY_GROUPS_TOTAL } from './manyGroups';
export type { Scenario, ScenarioContext, SeedData } from './types';
