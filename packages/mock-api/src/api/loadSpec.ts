import type { ParsedAuditQuery } from '../engine/auditLog';
import type { MemberListQuery } from '../engine/memberList';

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
   * These groups' members (by id or slug, as `groupRefs` gives them): their memberships in
   * that group and their user records — a member list without reading every user.
   */
  members?: readonly string[];
  /**
   * One page of a group's member list (`group` by id or slug, as `groupRefs` gives it): the
   * server selects the page and the count in SQL (`state.memberPage`) instead of loading
   * every member.
   */
  memberPage?: { group: string; query: MemberListQuery };
  /**
   * A group's member export (by id or slug, as `groupRefs` gives it): the server selects the
   * exported columns in the default order in SQL (`state.memberExport`), reading no user record.
   */
  memberExport?: string;
  /**
   * Rule sets as sent, that this write may populate an automatic group with: the server
   * selects their users set-based (in SQL) instead of loading every user.
   */
  rulesets?: readonly unknown[];
  /** Every user with every membership (member filters, adds by branch). */
  allUsers?: boolean;
  /** These account groups, by identifier. */
  accountGroups?: readonly string[];
  /** Every code campaign with its redemptions. */
  codes?: boolean;
  /**
   * With `codes`: of each code's redemptions, only these users' are loaded, with the count
   * of all (a redemption asks "is it used up?" and "did this user redeem it before?"), so a
   * popular shared code's uses are not read on every redemption. The list answers its
   * length, `some` and `filter`, and refuses to be read whole.
   */
  redemptionsOf?: readonly string[];
  /** Every automation. */
  automations?: boolean;
  /** The automation run log. */
  automationRuns?: boolean;
  /** Every group's rule-set history. */
  conditionsHistory?: boolean;
  /** These onboarding flows (by id), or every flow. */
  flows?: readonly string[] | true;
  /**
   * Progress records: with both filters, those of these users in this flow; with one, every
   * record matching it (a funnel, a deleted flow or user), which the engine may walk.
   */
  flowProgress?: { flowId?: string; userIds?: readonly string[] };
  /** The project's API keys. */
  apiKeys?: boolean;
  /** Every operator of the project (a handful; sign-in finds one by email among them). */
  operators?: boolean;
  /** Failed sign-ins of these (lower-cased) emails. */
  signInFailures?: readonly string[];
  /** These sessions, by token hash (sign-out). */
  operatorSessions?: readonly string[];
  /**
   * The audit entries this query can return (its filters and `before`, newest first, one
   * more than `limit`); the engine applies the same rule to whatever it holds.
   */
  auditLog?: ParsedAuditQuery;
  /** Stored answers for these idempotency slots (`idempotencySlot`). */
  idempotency?: readonly string[];
  /**
   * For a write: what it must hold alone while it runs (`user:<id>`, `account:<id>`). A write
   * that names its keys runs beside writes on other keys of the same project; a write that
   * names none holds the whole project alone, since it may touch anything (groups, rule sets,
   * every member). The in-memory engine runs one request at a time and ignores this; the
   * server turns it into PostgreSQL locks, so the rules hold across server processes.
   */
  serializeOn?: readonly string[];
  /**
   * For a redemption: this code's (normalized) lock too, after `serializeOn`'s, but only while
   * the code is capped (single-use, or `maxRedemptions`): its uses are counted against the cap,
   * so its redeemers queue on it. An uncapped code's redeemers need not: who may redeem it
   * does not depend on who else did, and each user's own lock keeps their attempts in order.
   * The code's redemption count and its group's member count still move at COMMIT, row by row.
   */
  serializeOnCappedCode?: string;
}

/**
 * Group references (uuid or slug, as a request names them) as a `LoadSpec` lists them:
 * lower-cased, because a slug names its group in any case (engine/lookup.ts) and ids are
 * lower-case uuids. A uuid written in capitals still answers 404: the engine matches ids as
 * written, so loading its group's members for nothing is harmless.
 */
export const groupRefs = (...refs: string[]) => refs.map((ref) => ref.toLowerCase());
