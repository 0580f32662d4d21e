import {
  MEMBER_SEARCH_TEXTS,
  MEMBER_SORT_KEYS,
  type MemberField,
  type MemberListQuery,
  type MemberPage,
  type MembershipRecord,
  type UserRecord,
} from '@groupkit/mock-api/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { rows } from './sqlRows';

/** Each member field as stored: `u` the member's user row (the engine's `memberRow`). */
const FIELD: Record<MemberField, SQL> = {
  id: sql`u.id`,
  userid: sql`(u.data->>'username')`,
  firstname: sql`(u.data->>'firstname')`,
  lastname: sql`(u.data->>'lastname')`,
  email: sql`(u.data->>'email')`,
};

/**
 * The engine's order (`MEMBER_SORT_KEYS`, each field by `compareText`) as `ORDER BY` terms
 * over `column(field)`: ICU's root order, ties between texts ICU finds equal passed to the
 * next field (`groupkit_text` is nondeterministic, migration 0007), and last the membership
 * order (`seq`), which the engine's stable sort keeps for rows equal on every field. `desc`
 * reverses the fields only, as `directed` reverses the comparator under a stable sort.
 */
export function memberOrderBy(
  query: Pick<MemberListQuery, 'sortAttr' | 'sortDir'>,
  column: (field: MemberField) => SQL,
  seq: SQL,
): SQL {
  const dir = query.sortDir === 'desc' ? sql.raw('desc') : sql.raw('asc');
  const terms = MEMBER_SORT_KEYS[query.sortAttr].map(
    (field) => sql`${column(field)} collate groupkit_text ${dir}`,
  );
  return sql.join([...terms, sql`${seq} asc`], sql`, `);
}

/**
 * `memberMatches` in SQL: the search (lower-cased by the engine) as a substring of any of
 * `MEMBER_SEARCH_TEXTS`, each lower-cased by ICU's root case mapping, which is JavaScript's
 * `toLowerCase` (final sigma included). `strpos` compares code points, as `includes` does.
 */
export function memberSearchCondition(search: string): SQL {
  const texts = MEMBER_SEARCH_TEXTS.map((fields) =>
    sql.join(
      fields.map((field) => FIELD[field]),
      sql` || ' ' || `,
    ),
  );
  return sql`(${sql.join(
    texts.map((text) => sql`strpos(lower((${text}) collate "und-x-icu"), ${search}) > 0`),
    sql` or `,
  )})`;
}

/**
 * One page of a group's member list and the count of members matching its search, in one
 * statement (one snapshot): members are memberships whose user exists, as `membersOf` reads
 * them. One pass over the group's members finds the page (a top-N sort on the sort keys
 * alone) and counts them (a window count), then only the page's records are read. A page
 * past the end counts apart (`coalesce` evaluates that sub-select only then).
 */
export async function loadMemberPage(
  tx: Pick<Tx, 'execute'>,
  p: string,
  groupId: string,
  query: MemberListQuery,
): Promise<MemberPage> {
  if (query.search === '' && MEMBER_SORT_KEYS[query.sortAttr].every(isCopiedField)) {
    return loadPageFromMemberships(tx, p, groupId, query);
  }
  const matching = sql`memberships m join users u on u.project_id = m.project_id and u.id = m.user_id
    where m.project_id = ${p} and m.group_id = ${groupId}${query.search === '' ? sql`` : sql` and ${memberSearchCondition(query.search)}`}`;
  const keys = MEMBER_SORT_KEYS[query.sortAttr];
  const key = (field: MemberField) => sql.raw(`k${keys.indexOf(field)}`);
  const keyColumns = sql.join(
    keys.map((field) => sql`${FIELD[field]} as ${key(field)}`),
    sql`, `,
  );
  const [row] = await rows<{
    total: number | string;
    page: [UserRecord, MembershipRecord][];
  }>(
    tx,
    sql`with page as (
        select m.user_id, m.seq, ${keyColumns}, count(*) over () as total from ${matching}
        order by ${memberOrderBy(query, (field) => FIELD[field], sql`m.seq`)}
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}
      )
      select
        coalesce((select total from page limit 1), (select count(*) from ${matching})) as total,
        coalesce((select json_agg(json_build_array(u.data, m.data) order by ${memberOrderBy(
          query,
          (field) => sql`pg.${key(field)}`,
          sql`pg.seq`,
        )})
          from page pg
          join memberships m on m.project_id = ${p} and m.group_id = ${groupId} and m.user_id = pg.user_id
          join users u on u.project_id = ${p} and u.id = pg.user_id), '[]'::json) as page`,
  );
  if (!row) throw new Error('load: the member page statement returned no row');
  return {
    rows: row.page.map(([user, membership]) => ({ user, membership })),
    total: Number(row.total),
  };
}

/**
 * The member fields each membership row carries a copy of (migration 0010): the user's id
 * and names. Sorts over these alone (`lastname`, `firstname`, `id`) never read `users` to
 * order a group.
 */
const MEMBERSHIP_FIELD: Partial<Record<MemberField, SQL>> = {
  id: sql`m.user_id`,
  firstname: sql`m.firstname`,
  lastname: sql`m.lastname`,
};

const isCopiedField = (field: MemberField) => field in MEMBERSHIP_FIELD;

/**
 * A page without a search in an order of copied fields, from the memberships alone, so a
 * group's order never joins every member's user row (a 16,669-member group sorted by first
 * name: 180 ms with the join, 10 ms without). The default order (`lastname`) reads its index
 * (`memberships_lastname_idx`) one page deep (and the offset), `desc` backward, sorting only
 * rows tied on every field by `seq`; the others take a top-N sort over the group's rows.
 * Only the page's users are read, for their records. The total counts the group's members.
 * The same order as `memberOrderBy` over the users' fields, since the copies are kept equal
 * to them (the property test in `memberPageSql.test.ts` runs both paths).
 */
async function loadPageFromMemberships(
  tx: Pick<Tx, 'execute'>,
  p: string,
  groupId: string,
  query: MemberListQuery,
): Promise<MemberPage> {
  // A member is a membership whose user exists, which the membership row says (`has_user`).
  const member = sql`m.has_user`;
  const [row] = await rows<{ total: number | string; page: [UserRecord, MembershipRecord][] }>(
    tx,
    sql`with page as (
        select m.user_id, m.lastname, m.firstname, m.seq, m.data from memberships m
        where m.project_id = ${p} and m.group_id = ${groupId} and ${member}
        order by ${memberOrderBy(query, (field) => MEMBERSHIP_FIELD[field] as SQL, sql`m.seq`)}
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}
      )
      select
        (select count(*) from memberships m
          where m.project_id = ${p} and m.group_id = ${groupId} and ${member}) as total,
        coalesce((select json_agg(json_build_array(u.data, m.data) order by ${memberOrderBy(
          query,
          (field) => MEMBERSHIP_FIELD[field] as SQL,
          sql`m.seq`,
        )})
          from page m join users u on u.project_id = ${p} and u.id = m.user_id), '[]'::json) as page`,
  );
  if (!row) throw new Error('load: the member page statement returned no row');
  return {
    rows: row.page.map(([user, membership]) => ({ user, membership })),
    total: Number(row.total),
  };
}
