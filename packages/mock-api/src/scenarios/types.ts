import type { IdGenerator } from '../engine/ids';
import type {
  AccountGroup,
  ApiKeyRecord,
  AutomationRecord,
  CodeRecord,
  FlowProgressRecord,
  FlowRecord,
  MembershipRecord,
  OperatorRecord,
  UserGroupRecord,
  UserRecord,
} from '../engine/types';

/** What a scenario seeds. Automatic groups' memberships are not listed: the engine computes them from rules. */
export interface SeedData {
  accountGroups: AccountGroup[];
  users: UserRecord[];
  userGroups: UserGroupRecord[];
  memberships: MembershipRecord[];
  codes: CodeRecord[];
  automations: AutomationRecord[];
  /** Publishable requests must carry a valid `X-GroupKit-User-Hash`. */
  identityVerification: boolean;
  /**
   * Top-level account-group properties a publishable key may write with identify (the
   * project setting operators change with `PATCH /v1/project`).
   * @default [] (browsers write no property; the secret key writes any)
   */
  clientWritableProperties?: string[];
  /**
   * Who can sign in to the dashboard.
   * @default [] (nobody: create an operator with the secret key or the server's CLI)
   */
  operators?: OperatorRecord[];
  /**
   * The project's API keys (hashed).
   * @default the demo keys pk_test_groupkit and sk_test_groupkit (`demoApiKeys`)
   */
  apiKeys?: ApiKeyRecord[];
  /**
   * Onboarding flows, with their drafts and published versions.
   * @default [] (none)
   */
  flows?: FlowRecord[];
  /**
   * Users' progress through those flows.
   * @default [] (nobody has started one)
   */
  flowProgress?: FlowProgressRecord[];
}

export interface ScenarioContext {
  /** The engine clock at creation; scenarios place windows relative to it. */
  now: Date;
  ids: IdGenerator;
}

/** A named seed. A function of the clock, so "ended yesterday" stays true whatever day tests run. */
export type Scenario = (context: ScenarioContext) => SeedData;
