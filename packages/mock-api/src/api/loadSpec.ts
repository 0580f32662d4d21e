/**
 * What one request reads from the groups state, beyond the project and its user groups
 * (always there). The in-memory engine holds everything already and ignores it; the
 * PostgreSQL server loads exactly this into the engine's state before the engine runs, so
 * every rule stays written once, in the engine. Ask for too little and the server's state
 * refuses the read loudly (a bug, never a wrong answer).
 */
export interface LoadSpec {
  /** These users: their records, memberships and failed code attempts (missing ones stay missing). */
  users?: readonly string[];
  /**
   * These groups' members (by id or slug): their memberships in that group and their user
   * records — a member list without reading every user.
   */
  members?: readonly string[];
  /** Every user with every membership (rule-set recalculation, member filters). */
  allUsers?: boolean;
  /** These account groups, by identifier. */
  accountGroups?: readonly string[];
  /** Every code campaign with its redemptions. */
  codes?: boolean;
  /** Every automation. */
  automations?: boolean;
  /** The automation run log. */
  automationRuns?: boolean;
  /** Every group's rule-set history. */
  conditionsHistory?: boolean;
  /** Stored answers for these idempotency slots (`idempotencySlot`). */
  idempotency?: readonly string[];
}
