import type {
  AccountGroup,
  AutomationRecord,
  AutomationRun,
  CodeRecord,
  ConditionsVersion,
  KeyScope,
  LoadSpec,
  MembershipRecord,
  RuleSet,
  UserGroupRecord,
  UserRecord,
} from '@groupkit/mock-api/core';
import { type SQL, sql } from 'drizzle-orm';
import { preparedRows, type Tx } from '../db/connect';
import { ruleSetCondition } from './ruleSetSql';
import { rows, textList } from './sqlRows';

/** The API key's project as the statement found it: null when the key is gone. */
export interface LoadedOwner {
  id: string;
  identityVerification: boolean;
  clientWritableProperties: string[];
  identitySecret: string | null;
  nextLegacyId: number;
  scope: KeyScope;
  keyId: string;
}

/**
 * Everything one `LoadSpec` reads but the bulk: every user (`allUsers`) and whole groups'
 * members (`members`) load apart, in rows: tens of MB of JSON in one value cost more memory
 * than rows streamed one by one.
 */
export interface LoadedRows {
  owner: LoadedOwner | null;
  groups: [UserGroupRecord, number][];
  users: UserRecord[];
  memberships: MembershipRecord[];
  failures: [string, number[]][];
  /** Per rule set of `rulesets`, in order: how many users it selects. */
  populations: number[];
  accountGroups: AccountGroup[];
  codes: Omit<CodeRecord, 'redemptions'>[];
  redemptions: [string, string, string][];
  automations: AutomationRecord[];
  conditionsHistory: [string, ConditionsVersion][];
  idempotency: [string, string, number, unknown][];
  runs: AutomationRun[];
}

/** A JSON array of `element` over `from … order by`, `[]` for no rows (json_agg gives null). */
const list = (element: SQL, from: SQL, order: SQL) =>
  sql`coalesce((select json_agg(${element} order by ${order}) from ${from}), '[]'::json)`;

const none = sql`'[]'::json`;

/**
 * One statement reading what a route declares, as one row of JSON columns (one sub-select
 * per resource), so a request loads its state in one round trip, from one snapshot: outside
 * a transaction that is what makes a read consistent. It also reads the API key's project
 * again (`owner`): a key revoked, or a project changed, after the caller looked it up (or
 * cached it) shows here, in the snapshot the answer is made from.
 *
 * @param rulesets parsed rule sets whose populations to count (`LoadSpec.rulesets`)
 */
export async function loadRows(
  tx: Pick<Tx, 'execute'>,
  p: string,
  keyHash: string,
  spec: LoadSpec,
  rulesets: readonly RuleSet[],
): Promise<LoadedRows> {
  const users = spec.allUsers ? [] : (spec.users ?? []);
  const userRows = (table: string) =>
    sql`${sql.raw(table)} t where t.project_id = ${p} and t.user_id = any(${textList(users)})`;
  const populations = rulesets.map(
    (ruleset) =>
      sql`(select count(*) from users u where u.project_id = ${p} and ${ruleSetCondition(ruleset)})`,
  );
  // Prepared (planned once per connection) unless it counts rule sets: their SQL varies
  // with each rule set's shape, an unbounded variety of texts.
  const run = rulesets.length === 0 ? preparedRows : rows;
  const [row] = await run<LoadedRows>(
    tx,
    sql`select
      (select json_build_object('id', pr.id, 'identityVerification', pr.identity_verification,
          'clientWritableProperties', pr.client_writable_properties,
          'identitySecret', pr.identity_secret, 'nextLegacyId', pr.next_legacy_id,
          'scope', k.kind, 'keyId', k.id)
        from api_keys k join projects pr on pr.id = k.project_id
        where k.key_hash = ${keyHash} and k.project_id = ${p}) as owner,
      ${list(sql`json_build_array(g.data, g.member_count)`, sql`user_groups g where g.project_id = ${p}`, sql`g.seq`)} as groups,
      ${users.length ? list(sql`t.data`, sql`users t where t.project_id = ${p} and t.id = any(${textList(users)})`, sql`t.seq`) : none} as users,
      ${users.length ? list(sql`t.data`, userRows('memberships'), sql`t.seq`) : none} as memberships,
      ${users.length ? list(sql`json_build_array(t.user_id, t.times)`, userRows('redeem_failures'), sql`t.user_id`) : none} as failures,
      ${populations.length ? sql`json_build_array(${sql.join(populations, sql`, `)})` : none} as populations,
      ${spec.accountGroups?.length ? list(sql`t.data`, sql`account_groups t where t.project_id = ${p} and t.id = any(${textList(spec.accountGroups)})`, sql`t.seq`) : none} as "accountGroups",
      ${spec.codes ? list(sql`t.data`, sql`codes t where t.project_id = ${p}`, sql`t.seq`) : none} as codes,
      ${spec.codes ? list(sql`json_build_array(t.code_id, t.user_id, t.at)`, sql`code_redemptions t where t.project_id = ${p}`, sql`t.seq`) : none} as redemptions,
      ${spec.automations ? list(sql`t.data`, sql`automations t where t.project_id = ${p}`, sql`t.seq`) : none} as automations,
      ${spec.conditionsHistory ? list(sql`json_build_array(t.group_id, t.data)`, sql`conditions_history t where t.project_id = ${p}`, sql`t.group_id, t.version`) : none} as "conditionsHistory",
      ${spec.idempotency?.length ? list(sql`json_build_array(t.slot, t.fingerprint, t.expires_at, t.response)`, sql`idempotency_keys t where t.project_id = ${p} and t.slot = any(${textList(spec.idempotency)})`, sql`t.slot`) : none} as idempotency,
      ${spec.automationRuns ? list(sql`t.data`, sql`automation_runs t where t.project_id = ${p}`, sql`t.seq`) : none} as runs`,
  );
  if (!row) throw new Error('load: the statement returned no row');
  return row;
}
