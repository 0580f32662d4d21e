import type {
  AccountGroup,
  ApiKeyRecord,
  AutomationRecord,
  AutomationRun,
  CodeRecord,
  ConditionsVersion,
  FlowProgressRecord,
  FlowRecord,
  KeyScope,
  LoadSpec,
  MembershipRecord,
  RuleSet,
  UserGroupRecord,
  UserRecord,
} from '@groupkit/mock-api/core';
import { type SQL, sql } from 'drizzle-orm';
import { preparedShapeRows, type Tx } from '../db/connect';
import { ruleSetCondition } from './ruleSetSql';
import { rows } from './sqlRows';

/**
 * The request's project as the statement found it with its credentials: the API key (its
 * `scope` and `keyId`), or the operator's live session (`operatorId`, `role`), or neither (a
 * sign-in). Null when the key or session is gone (or the session expired).
 */
export interface LoadedOwner {
  id: string;
  identityVerification: boolean;
  clientWritableProperties: string[];
  identitySecret: string | null;
  nextLegacyId: number;
  /** `projects.groups_version` in the statement's snapshot (see `GroupCatalog`). */
  groupsVersion: string;
  scope: KeyScope | null;
  keyId: string | null;
  operatorId?: string;
  role?: string;
}

/** What a request proves who it is with, read again in the load statement. */
export type LoadCredentials =
  | { key: string }
  | { session: string; now: Date }
  /** None: a sign-in, whose project is all there is to read. */
  | null;

/**
 * Everything one `LoadSpec` reads but the bulk: every user (`allUsers`) and whole groups'
 * members (`members`) load apart, in rows: tens of MB of JSON in one value cost more memory
 * than rows streamed one by one.
 */
export interface LoadedRows {
  owner: LoadedOwner | null;
  /**
   * Each group with its stored member count (`user_groups.member_count`, without the shards'
   * deltas); null when the project's groups are still at the version the caller named.
   */
  groups: [UserGroupRecord, number][] | null;
  /** Per group with shard rows: the sum of its shards' deltas, to add to its stored count. */
  memberCountDeltas: [string, number][];
  users: UserRecord[];
  memberships: MembershipRecord[];
  failures: [string, number[]][];
  /** Per rule set of `rulesets`, in order: how many users it selects. */
  populations: number[];
  accountGroups: AccountGroup[];
  codes: Omit<CodeRecord, 'redemptions'>[];
  /** Code id, user id, when: every redemption, or only `redemptionsOf`'s. */
  redemptions: [string, string, string][];
  /** With `redemptionsOf`: each code's id and its count of redemptions. */
  redemptionCounts: [string, number][];
  automations: AutomationRecord[];
  conditionsHistory: [string, ConditionsVersion][];
  idempotency: [string, string, number, unknown][];
  runs: AutomationRun[];
  apiKeys: ApiKeyRecord[];
  flows: FlowRecord[];
  flowProgress: FlowProgressRecord[];
}

/** A JSON array of `element` over `from … order by`, `[]` for no rows (json_agg gives null). */
const list = (element: SQL, from: SQL, order: SQL) =>
  sql`coalesce((select json_agg(${element} order by ${order}) from ${from}), '[]'::json)`;

/** The values a load statement takes, by name. */
type LoadValues = {
  p: string;
  /** The API key's hash, or the session token's. */
  keyHash: string;
  /** ISO: a session must outlive it. */
  now: string;
  /** The groups version the caller holds ('' for none): its groups are not read again. */
  groupsVersion: string;
  /** JSON arrays of text, for `any(…)` (see `textList`). */
  users: string;
  accountGroups: string;
  /** The one user, or account group, a `'one'` shape reads ('' otherwise). */
  user: string;
  accountGroup: string;
  /** `redemptionsOf` (see `LoadSpec`). */
  redeemers: string;
  idempotency: string;
  flows: string;
  /** The flow whose progress records are read ('' for any). */
  flowId: string;
  progressUsers: string;
};

/**
 * How many of some rows a statement reads by id. `'one'` is its own text: `id = $1` and, where
 * an id names at most one row, that row in a list of one rather than an aggregate. An end
 * user's requests name one user and one account group, and a sub-select over a JSON list of
 * ids costs PostgreSQL about twice as much (`any(array(…))`, `json_agg`, the sort it orders).
 */
type IdCount = 'none' | 'one' | 'many';

/** What a load statement reads: its text depends on this and nothing else (a few dozen in use). */
interface LoadShape {
  /** What the owner is read with (`LoadCredentials`). */
  owner: 'key' | 'session' | 'project';
  users: IdCount;
  accountGroups: IdCount;
  codes: boolean;
  /** Of the codes' redemptions only some users', with each code's count. */
  someRedemptions: boolean;
  automations: boolean;
  conditionsHistory: boolean;
  idempotency: boolean;
  runs: boolean;
  apiKeys: boolean;
  /** Every flow, or the flows named. */
  allFlows: boolean;
  someFlows: boolean;
  /** Progress records of one flow (`flowProgress.flowId`), of some users (`userIds`), or both. */
  progressOfFlow: boolean;
  progressOfUsers: boolean;
}

const shapeKey = ({ owner, ...reads }: LoadShape) =>
  `${owner}:${Object.values(reads)
    .map((read: boolean | IdCount) => (typeof read === 'string' ? read[0] : read ? '1' : '0'))
    .join('')}`;

/**
 * A JSON text-array parameter as an array, as `textList` writes a value. Not a `text[]`
 * parameter: with one, PostgreSQL planned the prepared statement afresh at every execution
 * (a custom plan per array), which took twice as long as reading the array from JSON.
 */
const anyOf = (param: SQL) => sql`array(select jsonb_array_elements_text(${param}::jsonb))`;

/**
 * The load statement of `shape`, each value written as `param(name)`: a placeholder to
 * prepare the text once per shape and connection, or the value itself.
 */
function loadQuery(
  shape: LoadShape,
  param: (name: keyof LoadValues) => SQL,
  populations: readonly SQL[] = [],
): SQL {
  const p = param('p');
  /** Rows of `table` whose `column` is the one id or one of the ids `shape` reads. */
  const byId = (table: string, column: string, count: IdCount, one: SQL, many: SQL) =>
    sql`${sql.raw(table)} t where t.project_id = ${p} and t.${sql.raw(column)} ${count === 'one' ? sql`= ${one}` : sql`= any(${anyOf(many)})`}`;
  const userRows = (table: string, column = 'user_id') =>
    byId(table, column, shape.users, param('user'), param('users'));
  /** Rows named by their primary key, as a list: of the one row (no aggregate), or of many. */
  const keyed = (count: IdCount, value: SQL, from: SQL, order: SQL) =>
    count === 'none'
      ? undefined
      : count === 'one'
        ? sql`coalesce((select json_build_array(${value}) from ${from}), '[]'::json)`
        : list(value, from, order);
  const project = sql`'id', pr.id, 'identityVerification', pr.identity_verification,
          'clientWritableProperties', pr.client_writable_properties,
          'identitySecret', pr.identity_secret, 'nextLegacyId', pr.next_legacy_id,
          'groupsVersion', pr.groups_version`;
  const owner = {
    key: sql`(select json_build_object(${project}, 'scope', k.kind, 'keyId', k.id)
        from api_keys k join projects pr on pr.id = k.project_id
        where k.key_hash = ${param('keyHash')} and k.project_id = ${p})`,
    session: sql`(select json_build_object(${project}, 'scope', null, 'keyId', null,
          'operatorId', o.id, 'role', o.role)
        from operator_sessions s join operators o on o.project_id = s.project_id and o.id = s.operator_id
          join projects pr on pr.id = s.project_id
        where s.token_hash = ${param('keyHash')} and s.project_id = ${p}
          and s.expires_at > ${param('now')}::timestamptz)`,
    project: sql`(select json_build_object(${project}, 'scope', null, 'keyId', null)
        from projects pr where pr.id = ${p})`,
  }[shape.owner];
  const columns: [keyof LoadedRows, SQL | undefined][] = [
    ['owner', owner],
    [
      'groups',
      sql`case when exists (select from projects pr where pr.id = ${p}
          and pr.groups_version::text = ${param('groupsVersion')}) then null
        else ${list(
          sql`json_build_array(g.data, g.member_count)`,
          sql`user_groups g where g.project_id = ${p}`,
          sql`g.seq`,
        )} end`,
    ],
    [
      // Summed per group here, not joined to the groups: they may not be read at all.
      'memberCountDeltas',
      list(
        sql`json_build_array(s.group_id, s.delta)`,
        sql`(select group_id, sum(delta) as delta from member_count_shards
          where project_id = ${p} group by group_id) s`,
        sql`s.group_id`,
      ),
    ],
    ['users', keyed(shape.users, sql`t.data`, userRows('users', 'id'), sql`t.seq`)],
    [
      'memberships',
      shape.users === 'none' ? undefined : list(sql`t.data`, userRows('memberships'), sql`t.seq`),
    ],
    [
      'failures',
      keyed(
        shape.users,
        sql`json_build_array(t.user_id, t.times)`,
        userRows('redeem_failures'),
        sql`t.user_id`,
      ),
    ],
    [
      'populations',
      populations.length
        ? sql`json_build_array(${sql.join([...populations], sql`, `)})`
        : undefined,
    ],
    [
      'accountGroups',
      keyed(
        shape.accountGroups,
        sql`t.data`,
        byId(
          'account_groups',
          'id',
          shape.accountGroups,
          param('accountGroup'),
          param('accountGroups'),
        ),
        sql`t.seq`,
      ),
    ],
    [
      'codes',
      shape.codes
        ? list(sql`t.data`, sql`codes t where t.project_id = ${p}`, sql`t.seq`)
        : undefined,
    ],
    [
      'redemptions',
      shape.codes
        ? list(
            sql`json_build_array(t.code_id, t.user_id, t.at)`,
            sql`code_redemptions t where t.project_id = ${p}${shape.someRedemptions ? sql` and t.user_id = any(${anyOf(param('redeemers'))})` : sql``}`,
            sql`t.seq`,
          )
        : undefined,
    ],
    [
      'redemptionCounts',
      shape.codes && shape.someRedemptions
        ? list(
            sql`json_build_array(t.id, t.redemption_count)`,
            sql`codes t where t.project_id = ${p}`,
            sql`t.seq`,
          )
        : undefined,
    ],
    [
      'automations',
      shape.automations
        ? list(sql`t.data`, sql`automations t where t.project_id = ${p}`, sql`t.seq`)
        : undefined,
    ],
    [
      'conditionsHistory',
      shape.conditionsHistory
        ? list(
            sql`json_build_array(t.group_id, t.data)`,
            sql`conditions_history t where t.project_id = ${p}`,
            sql`t.group_id, t.version`,
          )
        : undefined,
    ],
    [
      'idempotency',
      shape.idempotency
        ? list(
            sql`json_build_array(t.slot, t.fingerprint, t.expires_at, t.response)`,
            sql`idempotency_keys t where t.project_id = ${p} and t.slot = any(${anyOf(param('idempotency'))})`,
            sql`t.slot`,
          )
        : undefined,
    ],
    [
      'runs',
      shape.runs
        ? list(sql`t.data`, sql`automation_runs t where t.project_id = ${p}`, sql`t.seq`)
        : undefined,
    ],
    [
      'apiKeys',
      shape.apiKeys
        ? list(
            sql`json_build_object('id', t.id, 'kind', t.kind, 'prefix', t.key_prefix, 'createdAt', to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'keyHash', t.key_hash)`,
            sql`api_keys t where t.project_id = ${p}`,
            sql`t.created_at, t.id`,
          )
        : undefined,
    ],
    [
      'flows',
      shape.allFlows || shape.someFlows
        ? list(
            sql`t.data`,
            sql`flows t where t.project_id = ${p}${shape.someFlows ? sql` and t.id = any(${anyOf(param('flows'))})` : sql``}`,
            sql`t.seq`,
          )
        : undefined,
    ],
    [
      'flowProgress',
      shape.progressOfFlow || shape.progressOfUsers
        ? list(
            sql`t.data`,
            sql`flow_progress t where t.project_id = ${p}${shape.progressOfFlow ? sql` and t.flow_id = ${param('flowId')}` : sql``}${shape.progressOfUsers ? sql` and t.user_id = any(${anyOf(param('progressUsers'))})` : sql``}`,
            sql`t.seq`,
          )
        : undefined,
    ],
  ];
  // Only the columns this shape reads: each column costs the driver a field description and
  // a parse per request, whatever it holds (a session reads 6 of 17).
  return sql`select ${sql.join(
    columns.flatMap(([name, value]) => (value ? [sql`${value} as ${sql.identifier(name)}`] : [])),
    sql`, `,
  )}`;
}

const NONE: never[] = Object.freeze([]) as never[];

/**
 * What the columns the statement did not read hold: one frozen empty list, as nothing changes
 * a loaded list in place (a request fills its own maps from them).
 */
const UNREAD: Omit<LoadedRows, 'owner' | 'groups' | 'memberCountDeltas'> = Object.freeze({
  users: NONE,
  memberships: NONE,
  failures: NONE,
  populations: NONE,
  accountGroups: NONE,
  codes: NONE,
  redemptions: NONE,
  redemptionCounts: NONE,
  automations: NONE,
  conditionsHistory: NONE,
  idempotency: NONE,
  runs: NONE,
  apiKeys: NONE,
  flows: NONE,
  flowProgress: NONE,
});

/** `'one'` for a single id PostgreSQL can hold (no U+0000): `jsonList` drops the others. */
const idCount = (ids: readonly string[]): IdCount =>
  ids.length === 0 ? 'none' : ids.length === 1 && !ids[0]?.includes('\u0000') ? 'one' : 'many';

/** A list as the JSON text `anyOf` reads (values PostgreSQL cannot store left out, as `textList`). */
const jsonList = (values: readonly string[]) =>
  values.length === 0 ? '[]' : JSON.stringify(values.filter((v) => !v.includes('\u0000')));

/**
 * One statement reading what a route declares, as one row of JSON columns (one sub-select
 * per resource), so a request loads its state in one round trip, from one snapshot: outside
 * a transaction that is what makes a read consistent. It also reads the API key's project
 * again (`owner`): a key revoked, or a project changed, after the caller looked it up (or
 * cached it) shows here, in the snapshot the answer is made from.
 *
 * Its text depends only on which resources it reads (`LoadShape`), so on PostgreSQL it is
 * built and prepared once per shape and connection, and a request sends only its values.
 *
 * @param credentials what the request proved who it is with, read again here
 * @param rulesets parsed rule sets whose populations to count (`LoadSpec.rulesets`)
 * @param groupsVersion the version of the project's groups the caller holds: while the
 *   project is at it, `groups` comes back null
 */
export async function loadRows(
  tx: Pick<Tx, 'execute'>,
  p: string,
  credentials: LoadCredentials,
  spec: LoadSpec,
  rulesets: readonly RuleSet[],
  groupsVersion = '',
): Promise<LoadedRows> {
  const users = spec.allUsers ? [] : (spec.users ?? []);
  const accountGroups = spec.accountGroups ?? [];
  const shape: LoadShape = {
    owner: credentials === null ? 'project' : 'key' in credentials ? 'key' : 'session',
    users: idCount(users),
    accountGroups: idCount(accountGroups),
    codes: spec.codes === true,
    someRedemptions: spec.codes === true && spec.redemptionsOf !== undefined,
    automations: spec.automations === true,
    conditionsHistory: spec.conditionsHistory === true,
    idempotency: (spec.idempotency?.length ?? 0) > 0,
    runs: spec.automationRuns === true,
    apiKeys: spec.apiKeys === true,
    allFlows: spec.flows === true,
    someFlows: Array.isArray(spec.flows) && spec.flows.length > 0,
    progressOfFlow: spec.flowProgress?.flowId !== undefined,
    progressOfUsers: spec.flowProgress?.userIds !== undefined,
  };
  const values: LoadValues = {
    p,
    keyHash:
      credentials === null ? '' : 'key' in credentials ? credentials.key : credentials.session,
    now: credentials !== null && 'now' in credentials ? credentials.now.toISOString() : '',
    groupsVersion,
    users: jsonList(users),
    accountGroups: jsonList(accountGroups),
    user: shape.users === 'one' ? (users[0] ?? '') : '',
    accountGroup: shape.accountGroups === 'one' ? (accountGroups[0] ?? '') : '',
    redeemers: jsonList(spec.redemptionsOf ?? []),
    idempotency: jsonList(spec.idempotency ?? []),
    flows: jsonList(Array.isArray(spec.flows) ? spec.flows : []),
    flowId: spec.flowProgress?.flowId ?? '',
    progressUsers: jsonList(spec.flowProgress?.userIds ?? []),
  };
  const inline = (name: keyof LoadValues) => sql`${values[name]}`;
  let found: LoadedRows[];
  if (rulesets.length > 0) {
    // Counting rule sets: their SQL varies with each rule set's shape, an unbounded variety
    // of texts, so this one is neither cached nor prepared.
    const populations = rulesets.map(
      (ruleset) =>
        sql`(select count(*) from users u where u.project_id = ${p} and ${ruleSetCondition(ruleset)})`,
    );
    found = await rows<LoadedRows>(tx, loadQuery(shape, inline, populations));
  } else {
    found = await preparedShapeRows<LoadedRows>(
      tx,
      `load:${shapeKey(shape)}`,
      () => loadQuery(shape, (name) => sql.placeholder(name) as unknown as SQL),
      () => loadQuery(shape, inline),
      values,
    );
  }
  const [row] = found;
  if (!row) throw new Error('load: the statement returned no row');
  return { ...UNREAD, ...row };
}
