import type { IdGenerator } from './ids';
import type { MemberExportRow } from './memberExport';
import type { MemberListQuery, MemberPage } from './memberList';
import type { MembershipStore } from './store';
import type {
  AccountGroup,
  ApiKeyRecord,
  AuditRecord,
  AutomationRecord,
  AutomationRun,
  CodeRecord,
  ConditionsVersion,
  FlowProgressRecord,
  FlowRecord,
  OperatorRecord,
  OperatorSessionRecord,
  UserGroupRecord,
  UserRecord,
} from './types';

/** A stored answer for an `Idempotency-Key`, replayed on retry. */
export interface IdempotencyEntry {
  /** Fingerprint of the request body: the same key with another body is refused. */
  fingerprint: string;
  expiresAt: number;
  response: unknown;
}

/**
 * Everything the engine knows. Each engine module (`memberships.ts`, `codes.ts`, ...) is a
 * set of functions over this one object, so modules stay small and share no hidden state.
 */
export interface EngineState {
  now: () => Date;
  ids: IdGenerator;
  identityVerification: boolean;
  /**
   * The top-level account-group properties a publishable key may write through identify
   * (see `checkClientWritable`); the secret key writes any. Empty: browsers write none.
   */
  clientWritableProperties: string[];
  accountGroups: Map<string, AccountGroup>;
  users: Map<string, UserRecord>;
  /** By uuid. */
  userGroups: Map<string, UserGroupRecord>;
  /** slug → uuid. */
  slugs: Map<string, string>;
  /** legacyId → uuid. */
  legacyIds: Map<number, string>;
  nextLegacyId: number;
  memberships: MembershipStore;
  /** By normalized code (trimmed, upper-case). */
  codes: Map<string, CodeRecord>;
  /** userId → times (ms) of failed redemptions, for the brute-force lockout. */
  redeemFailures: Map<string, number[]>;
  automations: Map<string, AutomationRecord>;
  automationRuns: AutomationRun[];
  /** user group uuid → rule-set versions, oldest first. */
  conditionsHistory: Map<string, ConditionsVersion[]>;
  /** `${scope}:${userId}:${key}` → stored answer. */
  idempotency: Map<string, IdempotencyEntry>;
  /** Onboarding flows, by id. */
  flows: Map<string, FlowRecord>;
  /** Progress through flows, by `flowProgressKey(userId, flowId)`. */
  flowProgress: Map<string, FlowProgressRecord>;
  /** The project's API keys, by id. */
  apiKeys: Map<string, ApiKeyRecord>;
  /** Dashboard operators, by id. */
  operators: Map<string, OperatorRecord>;
  /** Signed-in sessions, by the SHA-256 of their token. */
  operatorSessions: Map<string, OperatorSessionRecord>;
  /** Lower-cased email → times (ms) of failed sign-ins, for the sign-in lockout. */
  signInFailures: Map<string, number[]>;
  /** Every admin write, oldest first; only ever appended to. */
  auditLog: AuditRecord[];
  /**
   * Rebuilds an automatic group's members from its rule set, set-based, where the store can
   * (the server does it in SQL, proven equal to `matchesRuleSet` by a property test).
   * Without it the engine scans every user in memory.
   */
  recalculate?: (group: UserGroupRecord, at: Date) => { before: number; after: number };
  /**
   * One page of a group's member list, selected where the store can (the server: `ORDER BY`,
   * `LIMIT` and a count in SQL, from `MEMBER_SORT_KEYS`, proven equal to `sortMembers` by a
   * property test). Without it the engine sorts every member in memory.
   */
  memberPage?: (group: UserGroupRecord, query: MemberListQuery) => MemberPage;
  /**
   * A group's members as its CSV export reads them, in the member list's default order,
   * selected where the store can (the server: from the memberships' copies of the names,
   * email and username, ordered in SQL, proven equal by a property test). Without it the
   * engine sorts every member in memory.
   */
  memberExport?: (group: UserGroupRecord) => readonly MemberExportRow[];
}
