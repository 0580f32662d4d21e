import { describe, expect, it } from 'vitest';
import { serveMockApi } from './support/mockServer';

const BASE = 'https://api.groupkit.test';
const { engine } = serveMockApi({ baseUrl: BASE, now: () => new Date('2026-11-23T12:00:00Z') });

const get = (
  path: string,
  key: string | null = 'pk_test_groupkit',
  headers: Record<string, string> = {},
) =>
  fetch(`${BASE}/v1${path}`, {
    headers: key ? { authorization: `Bearer ${key}`, ...headers } : headers,
  });

describe('GET /v1/session', () => {
  it('answers the engine session as JSON', async () => {
    const response = await get('/session?userId=u_ada&groupId=acme');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(engine.getSession('u_ada', 'acme'));
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
    expect((await get('/users/u_grace/memberships', 'sk_test_groupkit')).status).toBe(200);
  });

  it('answers unknown endpoints under /v1 with 404 rather than letting them reach the network', async () => {
    const response = await get('/nope');
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});
