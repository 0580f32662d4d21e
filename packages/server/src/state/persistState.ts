import type { CodeRecord } from '@groupkit/mock-api/core';
import { type SQL, sql } from 'drizzle-orm';
import type { CommitStatements } from '../db/connect';
import { persistFlowAndKeyChanges } from './flowsAndKeysSql';
import { persistOperatorChanges } from './operatorsSql';
import type { StateChanges } from './requestState';
import { ruleRunStatements } from './ruleRunsSql';
import { ruleSetCondition } from './ruleSetSql';
import { chunks, jsonRows, textList } from './sqlRows';

type Table = 'users' | 'account_groups' | 'automations';

/** One statement per chunk of `items` (nothing for none), sent with the commit. */
function each<T>(out: CommitStatements, items: readonly T[], statement: (chunk: T[]) => SQL) {
  for (const chunk of chunks(items)) out.add(statement(chunk));
}

/** Upserts and deletes of a table holding one JSON record per id. */
function writeRecords(
  tx: CommitStatements,
  p: string,
  table: Table,
  { upserted, deleted }: { upserted: [string, unknown][]; deleted: string[] },
) {
  const name = sql.raw(table);
  each(
    tx,
    deleted,
    (ids) => sql`delete from ${name} where project_id = ${p} and id = any(${textList(ids)})`,
  );
  each(
    tx,
    upserted.map(([id, data]) => ({ id, data })),
    (items) => sql`insert into ${name} (project_id, id, data)
      select ${p}, r.v->>'id', r.v->'data' from ${jsonRows(items)} order by r.n
      on conflict (project_id, id) do update set data = excluded.data`,
  );
}

/**
 * Writes what one request changed, in its transaction: the diff between the state as
 * loaded and as the engine left it, as statements sent with the COMMIT (`atCommit`, in this
 * order). Member counts move by the net change per group, last: a popular group's counter
 * row is then locked for the commit alone.
 */
export function persistState(atCommit: CommitStatements, p: string, changes: StateChanges): void {
  const tx = atCommit;
  if (changes.nextLegacyId !== undefined) {
    tx.add(sql`update projects set next_legacy_id = ${changes.nextLegacyId} where id = ${p}`);
  }
  if (changes.settings) {
    const { identityVerification, clientWritableProperties } = changes.settings;
    tx.add(sql`update projects set identity_verification = ${identityVerification},
      client_writable_properties = ${textList(clientWritableProperties)} where id = ${p}`);
  }
  writeRecords(tx, p, 'users', changes.users);
  writeRecords(tx, p, 'account_groups', changes.accountGroups);
  writeRecords(tx, p, 'automations', changes.automations);

  // Groups before memberships (a new automatic group arrives with its members).
  const groups = changes.userGroups;
  each(
    tx,
    groups.deleted,
    (ids) => sql`delete from user_groups where project_id = ${p} and id = any(${textList(ids)})`,
  );
  each(
    tx,
    groups.upserted.map(([, data]) => data),
    (items) => sql`insert into user_groups (project_id, id, slug, legacy_id, data)
      select ${p}, r.v->>'id', r.v->>'slug', (r.v->>'legacyId')::integer, r.v from ${jsonRows(items)} order by r.n
      on conflict (project_id, id) do update set slug = excluded.slug, legacy_id = excluded.legacy_id, data = excluded.data`,
  );

  // Rule-set recalculations, set-based, as the engine's `repopulate`: the group's members
  // become exactly the users its rule set selects; members who still match keep their row (and
  // `joinedAt`), the others are added now (in user order, as the engine adds them), from the rule.
  // The group's automations fire for both (ruleRunsSql.ts).
  for (const { groupId, ruleset, at, automations } of changes.recalculated) {
    const leaving = ruleset
      ? sql`from memberships m where m.project_id = ${p} and m.group_id = ${groupId}
            and not exists (select 1 from users u where u.project_id = ${p} and u.id = m.user_id
              and ${ruleSetCondition(ruleset)})`
      : sql`from memberships m where m.project_id = ${p} and m.group_id = ${groupId}`;
    for (const statement of ruleRunStatements(
      p,
      groupId,
      at,
      automations,
      'removed_from',
      sql`select m.user_id, m.seq ${leaving}`,
    )) {
      tx.add(statement);
    }
    tx.add(sql`delete ${leaving}`);
    if (ruleset) {
      const coming = sql`from users u where u.project_id = ${p} and ${ruleSetCondition(ruleset)}
        and not exists (select 1 from memberships m where m.project_id = ${p} and m.user_id = u.id
          and m.group_id = ${groupId})`;
      for (const statement of ruleRunStatements(
        p,
        groupId,
        at,
        automations,
        'added_to',
        sql`select u.id as user_id, u.seq ${coming}`,
      )) {
        tx.add(statement);
      }
      // The members' names, email and username come from the rows they are selected from
      // (migrations 0010 and 0011: an insert that brings them skips the per-row trigger
      // reading each user again).
      tx.add(sql`insert into memberships
          (project_id, user_id, group_id, data, has_user, lastname, firstname, email, username)
        select ${p}, u.id, ${groupId}, jsonb_build_object('userId', u.id, 'groupId', ${groupId}::text,
          'joinedAt', ${at}::text, 'source', 'rule', 'attributes', '{}'::jsonb),
          true, u.data->>'lastname', u.data->>'firstname', u.data->>'email', u.data->>'username'
        ${coming} order by u.seq
        on conflict (project_id, user_id, group_id) do nothing`);
    }
    // Counted afresh: the shards' deltas are folded in (this write holds the project alone,
    // so no other write of the group is between the count and the delete).
    tx.add(sql`delete from member_count_shards where project_id = ${p} and group_id = ${groupId}`);
    tx.add(sql`update user_groups set member_count =
        (select count(*) from memberships m where m.project_id = ${p} and m.group_id = ${groupId})
      where project_id = ${p} and id = ${groupId}`);
  }

  const { memberships } = changes;
  each(
    tx,
    memberships.deleted,
    (pairs) => sql`delete from memberships m using ${jsonRows(pairs)}
      where m.project_id = ${p} and m.user_id = r.v->>'userId' and m.group_id = r.v->>'groupId'`,
  );
  each(
    tx,
    memberships.upserted,
    // With the member's names from their user row, read here by the join, not by the
    // per-row trigger (migration 0010), which runs only for a user that does not exist.
    (items) => sql`insert into memberships
        (project_id, user_id, group_id, data, has_user, lastname, firstname, email, username)
      select ${p}, r.v->>'userId', r.v->>'groupId', r.v,
        u.id is not null, u.data->>'lastname', u.data->>'firstname',
        u.data->>'email', u.data->>'username'
      from ${jsonRows(items)}
      left join users u on u.project_id = ${p} and u.id = r.v->>'userId'
      order by r.n
      on conflict (project_id, user_id, group_id) do update set data = excluded.data`,
  );
  writeCodes(tx, p, changes.codes);

  const failures = changes.redeemFailures;
  each(
    tx,
    failures.deleted,
    (ids) =>
      sql`delete from redeem_failures where project_id = ${p} and user_id = any(${textList(ids)})`,
  );
  each(
    tx,
    failures.upserted.map(([userId, times]) => ({ userId, times })),
    (items) => sql`insert into redeem_failures (project_id, user_id, times)
      select ${p}, r.v->>'userId', r.v->'times' from ${jsonRows(items)}
      on conflict (project_id, user_id) do update set times = excluded.times`,
  );

  const history = changes.conditionsHistory;
  const rewritten = [...history.deleted, ...history.upserted.map(([groupId]) => groupId)];
  each(
    tx,
    rewritten,
    (ids) =>
      sql`delete from conditions_history where project_id = ${p} and group_id = any(${textList(ids)})`,
  );
  each(
    tx,
    history.upserted.flatMap(([groupId, versions]) => versions.map((data) => ({ groupId, data }))),
    (items) => sql`insert into conditions_history (project_id, group_id, version, data)
      select ${p}, r.v->>'groupId', (r.v->'data'->>'version')::integer, r.v->'data' from ${jsonRows(items)}`,
  );

  each(
    tx,
    changes.idempotency.upserted.map(([slot, entry]) => ({ slot, ...entry })),
    (
      items,
    ) => sql`insert into idempotency_keys (project_id, slot, fingerprint, expires_at, response)
      select ${p}, r.v->>'slot', r.v->>'fingerprint', (r.v->>'expiresAt')::bigint, r.v->'response' from ${jsonRows(items)}
      on conflict (project_id, slot) do update set fingerprint = excluded.fingerprint,
        expires_at = excluded.expires_at, response = excluded.response`,
  );

  each(
    tx,
    changes.newRuns,
    (items) => sql`insert into automation_runs (project_id, id, user_id, data)
      select ${p}, r.v->>'id', r.v->>'userId', r.v from ${jsonRows(items)} order by r.n`,
  );

  // Operators, sessions, sign-in failures, and the audit entries of this write: in its
  // transaction, so an entry lands with its change or not at all.
  persistOperatorChanges(tx, p, changes);
  persistFlowAndKeyChanges(tx, p, changes);

  const deltas = [...changes.memberships.counts].filter(([, delta]) => delta !== 0);
  // Into one shard of each group (see `memberCountShards`), taken in group order: two writes
  // that move the same groups lock their shard rows in one order, and never deadlock. A
  // group this write deleted has no count to move.
  const shard = Math.floor(Math.random() * MEMBER_COUNT_SHARDS);
  each(
    tx,
    deltas.map(([groupId, delta]) => ({ groupId, delta })),
    (items) => sql`insert into member_count_shards (project_id, group_id, shard, delta)
      select ${p}, r.v->>'groupId', ${shard}::integer, (r.v->>'delta')::integer from ${jsonRows(items)}
      where exists (select 1 from user_groups g where g.project_id = ${p} and g.id = r.v->>'groupId')
      order by r.v->>'groupId'
      on conflict (project_id, group_id, shard)
        do update set delta = member_count_shards.delta + excluded.delta`,
  );
}

/** Rows a group's count is spread over: writers of one group meet on a row 1 time in 16. */
export const MEMBER_COUNT_SHARDS = 16;

/**
 * Codes live in two tables: the campaign, and one row per redemption. A redemption is only
 * ever added (plain INSERT: the primary key refuses a user counted twice for one code).
 */
function writeCodes(tx: CommitStatements, p: string, codes: StateChanges['codes']) {
  const deletedIds = codes.deleted;
  each(
    tx,
    deletedIds,
    (keys) => sql`delete from code_redemptions where project_id = ${p} and code_id in
      (select id from codes where project_id = ${p} and normalized = any(${textList(keys)}))`,
  );
  each(
    tx,
    deletedIds,
    (keys) =>
      sql`delete from codes where project_id = ${p} and normalized = any(${textList(keys)})`,
  );
  // Only codes whose campaign changed: a redemption changes the code's uses alone, and
  // rewriting an unchanged row would lock it for nothing. Uncapped codes' redeemers run side
  // by side (no code lock, `locks.ts`), and concurrent upserts of one row can fail on the
  // table's other unique key (`codes_project_id_key`) instead of updating.
  const campaigns = codes.upserted.flatMap(([normalized, { redemptions: _r, ...data }]) => {
    const before = codes.before(normalized);
    if (before) {
      const { redemptions: _b, ...was } = before;
      if (JSON.stringify(was) === JSON.stringify(data)) return [];
    }
    return [{ normalized, data }];
  });
  each(
    tx,
    campaigns,
    (items) => sql`insert into codes (project_id, normalized, id, group_id, data)
      select ${p}, r.v->>'normalized', r.v->'data'->>'id', r.v->'data'->>'groupId', r.v->'data' from ${jsonRows(items)} order by r.n
      on conflict (project_id, normalized) do update set data = excluded.data, group_id = excluded.group_id`,
  );
  const added = codes.upserted.flatMap(([, record]) =>
    newRedemptions(record, codes.before(record.normalized)),
  );
  each(
    tx,
    added,
    (items) => sql`insert into code_redemptions (project_id, code_id, user_id, at)
      select ${p}, r.v->>'codeId', r.v->>'userId', r.v->>'at' from ${jsonRows(items)} order by r.n`,
  );
  // The codes' counts move with their rows (a redemption reads the count, not every row).
  const counts = new Map<string, number>();
  for (const { codeId } of added) counts.set(codeId, (counts.get(codeId) ?? 0) + 1);
  each(
    tx,
    [...counts].map(([codeId, added]) => ({ codeId, added })),
    (
      items,
    ) => sql`update codes c set redemption_count = c.redemption_count + (r.v->>'added')::integer
      from ${jsonRows(items)} where c.project_id = ${p} and c.id = r.v->>'codeId'`,
  );
}

function newRedemptions(record: CodeRecord, before: CodeRecord | undefined) {
  const had = new Set(before?.redemptions.map((r) => r.userId) ?? []);
  return record.redemptions
    .filter((r) => !had.has(r.userId))
    .map((r) => ({ codeId: record.id, userId: r.userId, at: r.at }));
}
