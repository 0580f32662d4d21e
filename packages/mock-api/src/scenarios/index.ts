import { defaultScenario } from './default';
import { emptyScenario } from './empty';
import type { Scenario } from './types';

/** Named seeds. Pass a name, or a `Scenario` function of your own, to `createGroupsEngine`. */
export const scenarios = {
  default: defaultScenario,
  empty: emptyScenario,
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof scenarios;
export type { Scenario, ScenarioContext, SeedData } from './types';
