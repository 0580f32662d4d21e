import { passesAudience } from '@groupkit/client';
import { describe, expect, it } from 'vitest';
import { contractApi, SECRET_KEY } from './support/api';

// The support desk's user lookup and campaign audiences (secret key), on every target.
const api = contractApi();
const admin = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { key: SECRET_KEY, body });

interface AdminUser {
  id: string;
  firstname: string;
  lastname: string;
  email: string;
  username: string;
}

/** Every user of the world, with the slugs of their groups (from the user detail). */
async function everyone() {
  const { body } = await admin('GET', '/users?page_size=200');
  return Promise.all(
    (body.data as AdminUser[]).map(async (user) => {
      const detail = (await admin('GET', `/users/${user.id}`)).body;
      return { id: user.id, slugs: detail.memberships.map((m: { slug: string }) => m.slug) };
    }),
  );
}

describe('GET /v1/users', () => {
  it('lists every user by last name, then first name, then id, paged', async () => {
    const all = (await admin('GET', '/users?page_size=200')).body;
    expect(all).toMatchObject({ page: 1, pageSize: 200 });
    expect(all.total).toBe(all.data.length);
    expect(all.data.map((u: AdminUser) => u.id)).toEqual(
      expect.arrayContaining(['u_ada', 'u_grace', 'u_alan']),
    );
    const names = all.data.map((u: AdminUser) => u.lastname);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    const second = (await admin('GET', '/users?page=2&page_size=5')).body;
    expect(second.data).toEqual(all.data.slice(5, 10));
    expect(second.total).toBe(all.total);
    // One default page size everywhere.
    expect((await admin('GET', '/users')).body.pageSize).toBe(20);
  });

  it('finds a user by name, full name, email, username or id, case-insensitively', async () => {
    const found = async (text: string) =>
      (await admin('GET', `/users?search_text=${encodeURIComponent(text)}`)).body.data.map(
        (u: AdminUser) => u.id,
      );
    expect(await found('HOPPER')).toEqual(['u_grace']);
    expect(await found('Grace Hopper')).toEqual(['u_grace']);
    expect(await found('alan.turing@example')).toEqual(['u_alan']);
    expect(await found('ada.lovelace')).toEqual(['u_ada']);
    expect(await found('u_alan')).toEqual(['u_alan']);
    expect(await found('nobody-like-this')).toEqual([]);
  });

  it('sorts by any column in either direction', async () => {
    const ids = async (query: string) =>
      (await admin('GET', `/users?page_size=200&${query}`)).body.data.map((u: AdminUser) => u.id);
    const byEmail = await ids('sort_attr=email');
    expect(await ids('sort_attr=email&sort_dir=desc')).toEqual([...byEmail].reverse());
    expect((await ids('sort_attr=id')).slice(0, 2)).toEqual(['u_001', 'u_002']);
  });
});

describe('GET /v1/users/{userId}', () => {
  it('shows the user and each membership with how it came to be', async () => {
    const { status, body } = await admin('GET', '/users/u_ada');
    expect(status).toBe(200);
    expect(body.user).toMatchObject({
      id: 'u_ada',
      lastname: 'Lovelace',
      username: 'ada.lovelace',
    });
    const sources = Object.fromEntries(
      body.memberships.map((m: { slug: string; source: string }) => [m.slug, m.source]),
    );
    expect(sources).toMatchObject({ pro: 'admin', 'uk-users': 'rule' });
  });

  it('answers 404 user_not_found for an unknown user', async () => {
    const { status, body } = await admin('GET', '/users/u_ghost');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'user_not_found', details: { userId: 'u_ghost' } });
  });
});

describe('audiences', () => {
  it('reaches the members of some include group who are in no exclude group', async () => {
    const preview = await admin('POST', '/audiences/preview', {
      include: ['plus', 'PRO'],
      exclude: ['staff'],
    });
    expect(preview.status).toBe(200);
    const reached = preview.body.data.map((u: AdminUser) => u.id).sort();
    expect(reached).toEqual(['u_ada', 'u_grace']);
    expect(preview.body.total).toBe(2);
    // The rule <GroupGate> applies in a browser, user by user.
    const rule = { include: ['plus', 'pro'], exclude: ['staff'] };
    const expected = (await everyone())
      .filter(({ slugs }) => passesAudience((group) => slugs.includes(group), rule))
      .map(({ id }) => id)
      .sort();
    expect(reached).toEqual(expected);
  });

  it('reaches everyone without include, and pages like every list', async () => {
    const total = (await admin('GET', '/users')).body.total;
    const all = await admin('POST', '/audiences/preview', {});
    expect(all.body.total).toBe(total);
    const notUk = await admin('POST', '/audiences/preview', {
      exclude: ['uk-users'],
      page: 2,
      page_size: 10,
    });
    const ukCount = (await admin('GET', '/user-groups/uk-users')).body.memberCount;
    expect(notUk.body).toMatchObject({ page: 2, pageSize: 10, total: total - ukCount });
    expect(notUk.body.data).toHaveLength(10);
  });

  it('exports the audience as CSV with the member export’s columns and quoting', async () => {
    await admin('PUT', '/users/u_formula', { firstname: '=HYPERLINK("x")', groups: ['beta'] });
    const response = await api.fetch('/audiences/export?include=beta,plus&exclude=pro', {
      headers: { authorization: `Bearer ${SECRET_KEY}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('audience.csv');
    const csv = await response.text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('userid,firstname,lastname,email');
    expect(lines).toContain('grace.hopper,Grace,Hopper,grace.hopper@example.com');
    // A cell a spreadsheet would run as a formula is escaped, as in the member export.
    expect(lines.find((line) => line.startsWith('u_formula'))).toBe(
      `u_formula,"'=HYPERLINK(""x"")",,u_formula@example.com`,
    );
    const preview = await admin('POST', '/audiences/preview', {
      include: ['beta', 'plus'],
      exclude: ['pro'],
    });
    expect(lines).toHaveLength(preview.body.total + 1);
  });

  it('answers 404 naming a group that does not exist, on either side', async () => {
    const preview = await admin('POST', '/audiences/preview', {
      include: ['plus'],
      exclude: ['ghosts'],
    });
    expect(preview.status).toBe(404);
    expect(preview.body.error).toMatchObject({
      code: 'user_group_not_found',
      details: { group: 'ghosts' },
    });
    const csv = await admin('GET', '/audiences/export?include=phantoms');
    expect(csv.status).toBe(404);
    expect(csv.body.error.details).toEqual({ group: 'phantoms' });
  });
});
