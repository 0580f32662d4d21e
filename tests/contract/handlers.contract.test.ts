import { describe, expect, it } from 'vitest';
import { contractApi, PUBLISHABLE_KEY, SECRET_KEY } from './support/api';

const NOW = new Date('2026-11-23T12:00:00Z');
const api = contractApi({ now: () => NOW });

const get = (
  path: string,
  key: string | null = PUBLISHABLE_KEY,
  headers: Record<string, string> = {},
) => api.fetch(path, { headers: key ? { authorization: `Bearer ${key}`, ...headers } : headers });

/** The JSON body of a 200 answer to a GET. */
async function read(path: string, key: string = PUBLISHABLE_KEY) {
  const response = await get(path, key);
  expect(response.status, path).toBe(200);
  return response.json();
}

describe('GET /v1/session', () => {
  it('answers the session as JSON: what the other endpoints say about the user', async () => {
    const response = await get('/session?userId=u_ada&groupId=acme');
    expect(response.status).toBe(200);
    const session = await response.json();

    // The directory a session carries includes scheduled groups; read all of it in one page.
    const directory = await read('/user-groups?include=scheduled&page_size=200');
    expect(directory.total).toBe(directory.data.length);
    expect(session).toEqual({
      // As the default scenario seeds Ada.
      user: {
        id: 'u_ada',
        firstname: 'Ada',
        lastname: 'Lovelace',
        attributes: { role: 'admin', plan: 'pro', country: 'UK' },
      },
      group: await read('/groups/acme'),
      memberships: (await read('/users/u_ada/memberships')).data,
      userGroups: directory.data,
    });
  });

  it('needs a userId', async () => {
    const response = await get('/session');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Pass the user as ?userId=...',
        details: { field: 'userId' },
      },
    });
  });

  it('maps unknown users and groups to 404 with the contract envelope', async () => {
    const user = await get('/session?userId=u_nobody');
    expect(user.status).toBe(404);
    expect((await user.json()).error.code).toBe('user_not_found');
    const group = await get('/groups/globex');
    expect(group.status).toBe(404);
    expect((await group.json()).error).toMatchObject({
      code: 'group_not_found',
      details: { groupId: 'globex' },
    });
  });
});

describe('auth', () => {
  it.each([
    ['no key', null],
    ['an unknown key', 'pk_live_stolen'],
  ])('answers 401 unauthorized for %s', async (_, key) => {
    const response = await get('/session?userId=u_ada', key);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  });

  it('accepts the secret key too', async () => {
    expect((await get('/users/u_grace/memberships', SECRET_KEY)).status).toBe(200);
  });

  it('answers unknown endpoints under /v1 with 404 not_found', async () => {
    const response = await get('/nope');
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});
