import {
  DEFAULT_MEMBER_SORT,
  type MemberExportRow,
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

/**
 * Each member field (the engine's `memberRow`) as the membership row `m` carries it: its
 * user's id, and copies of the user's names (migration 0010), email and username (0011),
 * kept equal to the user row by triggers. So every member order and the search read the
 * group's memberships alone; only the page's users are read, for their records.
 */
const FIELD: Record<MemberField, SQL> = {
  id: sql`m.user_id`,
  userid: sql`m.username`,
  firstname: sql`m.firstname`,
  lastname: sql`m.lastname`,
  email: sql`m.email`,
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
 * statement (one snapshot). Members are memberships whose user exists (`has_user`), as
 * `membersOf` reads them; the order and the search read the membership rows' copies
 * (`FIELD`), then only the page's user rows are read, for their records.
 *
 * - Without a search, the total counts the group's members, and the default order
 *   (`lastname`) reads its index (`memberships_lastname_idx`) one page deep (and the
 *   offset), `desc` backward, sorting only rows tied on every field by `seq`; other orders
 *   take a top-N sort over the group's rows.
 * - With one, one pass finds the page (a top-N sort) and counts the matches (a window
 *   count); a page past the end counts apart (`coalesce` evaluates that sub-select only then).
 *
 * The property test in `memberPageSql.test.ts` holds every page equal to the engine's.
 */
export async function loadMemberPage(
  tx: Pick<Tx, 'execute'>,
  p: string,
  groupId: string,
  query: MemberListQuery,
): Promise<MemberPage> {
  const members = sql`memberships m where m.project_id = ${p} and m.group_id = ${groupId} and m.has_user`;
  const search = query.search === '' ? undefined : memberSearchCondition(query.search);
  const matching = search ? sql`${members} and ${search}` : members;
  const total = search
    ? sql`coalesce((select total from page limit 1), (select count(*) from ${matching}))`
    : sql`(select count(*) from ${members})`;
  const [row] = await rows<{ total: number | string; page: [UserRecord, MembershipRecord][] }>(
    tx,
    sql`with page as (
        select m.user_id, m.lastname, m.firstname, m.email, m.username, m.seq, m.data${
          search ? sql`, count(*) over () as total` : sql``
        } from ${matching}
        order by ${memberOrderBy(query, (field) => FIELD[field], sql`m.seq`)}
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}
      )
      select
        ${total} as total,
        coalesce((select json_agg(json_build_array(u.data, m.data) order by ${memberOrderBy(
          query,
          (field) => FIELD[field],
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

/**
 * A group's members as its CSV export reads them (`MemberExportRow`), in the member list's
 * default order, from the membership rows' copies alone: no user record is read, so a
 * 16,669-member export reads one group's index entries instead of every member's user JSON.
 * The property test in `memberPageSql.test.ts` holds every export equal to the engine's.
 */
export async function loadMemberExport(
  tx: Pick<Tx, 'execute'>,
  p: string,
  groupId: string,
): Promise<MemberExportRow[]> {
  const order = memberOrderBy(
    { sortAttr: DEFAULT_MEMBER_SORT, sortDir: 'asc' },
    (field) => FIELD[field],
    sql`m.seq`,
  );
  return rows<MemberExportRow>(
    tx,
    sql`select m.username as userid, m.firstname, m.lastname, m.email
      from memberships m where m.project_id = ${p} and m.group_id = ${groupId} and m.has_user
      order by ${order}`,
  );
}
