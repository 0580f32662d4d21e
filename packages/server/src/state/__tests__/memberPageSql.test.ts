/**
 * `loadMemberPage` (a member list page selected in SQL) and `loadMemberExport` (a group's
 * CSV export's rows) against the engine sorting every member in memory: a seeded property
 * test over random groups, members and list queries, asserting the whole answer is the
 * same, on PGlite and on PostgreSQL. Names mix case, accents written both ways (NFC and
 * NFD), ignorable characters, Turkish and Greek letters (`İ`, final `ς`), other scripts and
 * duplicates, so ties and case mapping are exercised.
 */
import {
  engineOverState,
  MEMBER_SORT_KEYS,
  type MembershipRecord,
  type MemberSort,
  parseMemberListQuery,
  seedState,
  type UserRecord,
} from '@groupkit/mock-api/core';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connect';
import { databaseTargets, userGroupRecord } from '../../db/__tests__/helpers';
import { loadMemberExport, loadMemberPage } from '../memberPageSql';

const P = 'p';
const GROUP = 'g-members';
const OTHER_GROUP = 'g-other';
const AT = '2026-01-01T00:00:00.000Z';

/** Pieces of names: case pairs, NFC and NFD, ignorable (U+0001, soft hyphen), İ/ı, Σ/ς, CJK. */
const PIECES = [
  'a',
  'A',
  'b',
  'B',
  'z',
  'é',
  'e\u0301',
  'É',
  'ä',
  'ö',
  'ø',
  'ß',
  'ss',
  'İ',
  'ı',
  'i',
  'I',
  'Σ',
  'σ',
  'ς',
  'ж',
  'Ж',
  '中',
  '日',
  '😀',
  'ﬁ',
  ' ',
  '-',
  '_',
  '.',
  "'",
  '1',
  '10',
  '2',
  '\u0001',
  '\u00ad',
];

const textArb = fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 4 });
/** Often one of few names, so sorts tie on their first fields and fall to the next. */
const nameArb = fc.oneof(
  { arbitrary: fc.constantFrom('Ada', 'ada', 'Émile', 'E\u0301mile', 'Σίσυφος', ''), weight: 2 },
  { arbitrary: textArb, weight: 3 },
);

const userArb = fc.record({
  id: fc.oneof(fc.constantFrom('u1', 'U1', 'u1\u0001', 'u\u00ad1'), textArb),
  username: nameArb,
  firstname: nameArb,
  lastname: nameArb,
  email: nameArb,
});

const queryArb = fc.record({
  sort_attr: fc.constantFrom<MemberSort | ''>(
    '',
    ...(Object.keys(MEMBER_SORT_KEYS) as MemberSort[]),
  ),
  sort_dir: fc.constantFrom('', 'asc', 'desc'),
  page: fc.integer({ min: 1, max: 4 }),
  page_size: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(200)),
  /** `-1`: no search; else a member's text (by index) to cut a search from, or a random one. */
  search: fc.tuple(fc.integer({ min: -3, max: 40 }), fc.integer({ min: 0, max: 3 }), textArb),
});

type UserSpec = Pick<UserRecord, 'id' | 'username' | 'firstname' | 'lastname' | 'email'>;

function userRecord(spec: UserSpec): UserRecord {
  return {
    ...spec,
    branchId: null,
    status: 'active',
    attributes: {},
    createdAt: AT,
  };
}

const membership = (userId: string, groupId: string, n: number): MembershipRecord => ({
  userId,
  groupId,
  joinedAt: new Date(Date.parse(AT) + n * 1000).toISOString(),
  source: n % 2 ? 'admin' : 'self',
  attributes: {},
});

/**
 * A search: none (`which` -1 or -2), `random` (-3), or three characters (code points, so no
 * half of a surrogate pair) from one of a member's texts, so searches find someone.
 */
function searchOf(member: UserSpec | undefined, which: number, cut: number, random: string) {
  if (which === -3) return random;
  if (which < 0 || !member) return '';
  const text = [member.firstname, member.lastname, member.email, member.username][cut] ?? '';
  return [...text].slice(1, 4).join('');
}

describe.each(databaseTargets)('loadMemberPage on $name', (target) => {
  let database: Database;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ database, cleanup } = await target.open());
    await database.db.execute(sql`insert into projects (id) values (${P}), ('q')`);
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('answers every page and export as the engine does', { timeout: 120_000 }, async () => {
    const seen = { pages: 0, rows: 0, searchHits: 0, emptyPastEnd: 0, desc: 0, exported: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(userArb, { selector: (u) => u.id, minLength: 5, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        fc.array(queryArb, { minLength: 12, maxLength: 12 }),
        async (specs, order, queries) => {
          const users = specs.map(userRecord);
          // Members in a random membership order; some memberships of users who are gone
          // (no user row: not members), some in another group and another project.
          const ranked = users.map((user, i) => ({ user, rank: order[i] ?? 0 }));
          ranked.sort((a, b) => a.rank - b.rank);
          const records: MembershipRecord[] = [];
          ranked.forEach(({ user, rank }, n) => {
            if (rank % 5 !== 0) records.push(membership(user.id, GROUP, n));
            if (rank % 3 === 0) records.push(membership(user.id, OTHER_GROUP, n));
          });
          records.splice(1, 0, membership('gone', GROUP, 99));

          const state = seedState({ scenario: 'empty' });
          state.users.clear();
          for (const user of users) state.users.set(user.id, user);
          for (const id of [GROUP, OTHER_GROUP]) {
            state.userGroups.set(id, userGroupRecord(id, id, id === GROUP ? 1001 : 1002));
            state.slugs.set(id, id);
          }
          for (const record of records) state.memberships.add(record);

          await database.db.execute(sql`delete from memberships where project_id in (${P}, 'q')`);
          await database.db.execute(sql`delete from users where project_id in (${P}, 'q')`);
          await database.db.execute(
            sql`insert into users (project_id, id, data)
              select ${P}, r.v->>'id', r.v from jsonb_array_elements(${JSON.stringify(users)}::jsonb) with ordinality as r(v, n) order by r.n`,
          );
          await database.db.execute(
            sql`insert into memberships (project_id, user_id, group_id, data)
              select ${P}, r.v->>'userId', r.v->>'groupId', r.v
              from jsonb_array_elements(${JSON.stringify(records)}::jsonb) with ordinality as r(v, n) order by r.n`,
          );
          // Another project's member of a group of the same id is nobody's business here.
          await database.db.execute(
            sql`insert into users (project_id, id, data) values ('q', 'x', ${JSON.stringify(userRecord({ id: 'x', username: 'a', firstname: 'a', lastname: 'a', email: 'a' }))}::jsonb)`,
          );
          await database.db.execute(
            sql`insert into memberships (project_id, user_id, group_id, data) values ('q', 'x', ${GROUP}, ${JSON.stringify(membership('x', GROUP, 0))}::jsonb)`,
          );

          const members = users.filter((u) =>
            records.some((r) => r.userId === u.id && r.groupId === GROUP),
          );
          // The CSV export as the server answers it: rows selected in SQL, CSV by the engine.
          const exported = await loadMemberExport(database.db, P, GROUP);
          const exportQuery = { delimiter: 'tab' };
          expect(
            engineOverState({ ...state, memberExport: () => exported }).exportUserGroupMembers(
              GROUP,
              exportQuery,
            ),
          ).toEqual(engineOverState(state).exportUserGroupMembers(GROUP, exportQuery));
          expect(exported).toHaveLength(members.length);
          seen.exported += exported.length;
          for (const {
            search: [which, cut, random],
            ...rest
          } of queries) {
            const searchText = searchOf(members[which], which, cut, random);
            const query = {
              ...rest,
              page: String(rest.page),
              page_size: String(rest.page_size),
              search_text: searchText,
            };
            const engine = engineOverState(state);
            const expected = engine.listUserGroupMembers(GROUP, query);
            // The page as the server answers it: selected in SQL, rows made by the engine.
            const page = await loadMemberPage(database.db, P, GROUP, parseMemberListQuery(query));
            const fromSql = engineOverState({
              ...state,
              memberPage: () => page,
            }).listUserGroupMembers(GROUP, query);
            expect(JSON.stringify(fromSql), JSON.stringify(query)).toBe(JSON.stringify(expected));
            seen.pages++;
            seen.rows += expected.data.length;
            if (searchText.trim() !== '' && expected.total > 0) seen.searchHits++;
            if (expected.data.length === 0 && expected.total > 0) seen.emptyPastEnd++;
            if (query.sort_dir === 'desc' && expected.data.length > 1) seen.desc++;
          }
        },
      ),
      { seed: 20261204, numRuns: 25 },
    );
    // The generators reach what matters: rows, search hits, pages past the end, desc orders,
    // exported members.
    expect(seen.rows).toBeGreaterThan(seen.pages);
    expect(seen.searchHits).toBeGreaterThan(10);
    expect(seen.emptyPastEnd).toBeGreaterThan(5);
    expect(seen.desc).toBeGreaterThan(10);
    expect(seen.exported).toBeGreaterThan(100);
  });
});
