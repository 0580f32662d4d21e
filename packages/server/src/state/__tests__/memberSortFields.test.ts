/**
 * The member fields memberships carry for the member orders and the search (names,
 * migration 0010; email and username, 0011) follow their users: a rename or a new email
 * moves the member in the list and in the search at once, a user created after their
 * membership joins the list with their fields, a membership without a user (never created,
 * or deleted) is no member, and writing the copies directly changes nothing.
 */
import { parseMemberListQuery, type UserRecord } from '@groupkit/mock-api/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connect';
import { databaseTargets } from '../../db/__tests__/helpers';
import { loadMemberPage } from '../memberPageSql';

const P = 'p_names';
const GROUP = 'g_names';
const AT = '2026-01-01T00:00:00.000Z';

const user = (id: string, lastname: string, firstname = 'Sam'): UserRecord => ({
  id,
  username: id,
  firstname,
  lastname,
  email: `${id}@example.com`,
  branchId: null,
  status: 'active',
  attributes: {},
  createdAt: AT,
});

describe.each(databaseTargets)('member names on memberships ($name)', (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ database, cleanup } = await target.open());
    await database.db.execute(
      sql`insert into projects (id, identity_verification) values (${P}, false)`,
    );
  });
  afterAll(async () => {
    await cleanup?.();
  });

  /** Users written as the server writes them (an upsert of the record). */
  const writeUsers = (...records: UserRecord[]) =>
    database.db.execute(sql`insert into users (project_id, id, data)
      select ${P}, r.v->>'id', r.v from jsonb_array_elements(${JSON.stringify(records)}::jsonb) as r(v)
      on conflict (project_id, id) do update set data = excluded.data`);
  const joinGroup = (group: string, userIds: string[]) =>
    database.db.execute(sql`insert into memberships (project_id, user_id, group_id, data)
      select ${P}, r.id, ${group}, jsonb_build_object('userId', r.id, 'groupId', ${group}::text,
        'joinedAt', ${AT}::text, 'source', 'admin', 'attributes', '{}'::jsonb)
      from jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb) as r(id)`);
  const join = (...userIds: string[]) => joinGroup(GROUP, userIds);
  const pageOf = async (group: string, query: Record<string, string>) => {
    const found = await loadMemberPage(database.db, P, group, parseMemberListQuery(query));
    return { ids: found.rows.map((r) => r.user.id), total: found.total };
  };
  const page = (sortDir: 'asc' | 'desc' = 'asc') => pageOf(GROUP, { sort_dir: sortDir });

  it('orders by the names the users have now, and counts only members with a user', async () => {
    await writeUsers(user('u_a', 'Zed'), user('u_b', 'Young'), user('u_c', 'Xu'));
    await join('u_a', 'u_b', 'u_c');
    expect(await page()).toEqual({ ids: ['u_c', 'u_b', 'u_a'], total: 3 });
    expect(await page('desc')).toEqual({ ids: ['u_a', 'u_b', 'u_c'], total: 3 });

    // Renamed: first in the list at once.
    await writeUsers(user('u_a', 'Aardvark'));
    expect(await page()).toEqual({ ids: ['u_a', 'u_c', 'u_b'], total: 3 });

    // Same last name: the first name decides, then the id.
    await writeUsers(user('u_b', 'Aardvark', 'Alex'));
    expect(await page()).toEqual({ ids: ['u_b', 'u_a', 'u_c'], total: 3 });

    // A membership whose user does not exist (yet) is no member; once the user is written,
    // they are listed under their names.
    await join('u_d');
    expect(await page()).toEqual({ ids: ['u_b', 'u_a', 'u_c'], total: 3 });
    await writeUsers(user('u_d', 'Bee'));
    expect(await page()).toEqual({ ids: ['u_b', 'u_a', 'u_d', 'u_c'], total: 4 });

    // Copies cannot drift: a membership's names written directly are taken from the user.
    await database.db.execute(
      sql`update memberships set lastname = 'Zzz' where project_id = ${P} and user_id = 'u_d'`,
    );
    expect(await page()).toEqual({ ids: ['u_b', 'u_a', 'u_d', 'u_c'], total: 4 });

    // A deleted user is no member any more (their membership row may stay), and cannot be
    // made one by writing the flag.
    await database.db.execute(sql`delete from users where project_id = ${P} and id = 'u_c'`);
    expect(await page()).toEqual({ ids: ['u_b', 'u_a', 'u_d'], total: 3 });
    await database.db.execute(
      sql`update memberships set has_user = true where project_id = ${P} and user_id = 'u_c'`,
    );
    expect(await page()).toEqual({ ids: ['u_b', 'u_a', 'u_d'], total: 3 });
  });

  it('sorts by and searches the email and username the users have now', async () => {
    const group = 'g_search';
    const withEmail = (record: UserRecord, email: string, username = record.username) => ({
      ...record,
      email,
      username,
    });
    await writeUsers(
      withEmail(user('s_a', 'Able'), 'zoe@example.com'),
      withEmail(user('s_b', 'Baker'), 'mia@example.com'),
    );
    await joinGroup(group, ['s_a', 's_b']);
    const byEmail = () => pageOf(group, { sort_attr: 'email' });
    const search = (text: string) => pageOf(group, { search_text: text });
    expect(await byEmail()).toEqual({ ids: ['s_b', 's_a'], total: 2 });
    expect(await search('zoe@')).toEqual({ ids: ['s_a'], total: 1 });

    // A new email: first by email, found by it, and no longer by the old one.
    await writeUsers(withEmail(user('s_a', 'Able'), 'amy@example.com', 'amy_handle'));
    expect(await byEmail()).toEqual({ ids: ['s_a', 's_b'], total: 2 });
    expect(await search('amy@')).toEqual({ ids: ['s_a'], total: 1 });
    expect(await search('zoe@')).toEqual({ ids: [], total: 0 });
    expect(await search('amy_h')).toEqual({ ids: ['s_a'], total: 1 });
    expect(await pageOf(group, { sort_attr: 'userid', sort_dir: 'desc' })).toEqual({
      ids: ['s_b', 's_a'],
      total: 2,
    });

    // Copies written directly are taken from the user.
    await database.db.execute(
      sql`update memberships set email = 'aaa@example.com', username = 'zzz'
        where project_id = ${P} and user_id = 's_b'`,
    );
    expect(await byEmail()).toEqual({ ids: ['s_a', 's_b'], total: 2 });
    expect(await search('aaa@')).toEqual({ ids: [], total: 0 });
  });
});
