import { describe, expect, it } from 'vitest';
import { serveMockApi } from './support/mockServer';

const BASE = 'https://users.groupkit.test';
const NOW = new Date('2026-11-23T12:00:00Z');
const SECRET = 'sk_test_groupkit';
const PUBLISHABLE = 'pk_test_groupkit';

// One server and engine for the file: each test uses its own group and user ids, or checks
// state it does not share with another test. Every response is checked against openapi.json.
const { engine } = serveMockApi({ baseUrl: BASE, now: () => NOW });

function send(method: string, path: string, body: unknown, key: string | null = SECRET) {
  return fetch(`${BASE}/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const identify = (body: unknown, key?: string | null) =>
  send('POST', '/groups/identify', body, key);
const putUser = (path: string, body: unknown, key?: string | null) =>
  send('PUT', `/users/${path}`, body, key);

describe('POST /v1/groups/identify', () => {
  it('creates a group (200, created: true), then GET /v1/groups/{id} shows its properties', async () => {
    const response = await identify({
      identifier: 'globex',
      properties: { name: 'Globex', plan: 'free', address: { city: 'Springfield' } },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ created: true, group: { id: 'globex', name: 'Globex' } });

    const read = await fetch(`${BASE}/v1/groups/globex`, {
      headers: { authorization: `Bearer ${PUBLISHABLE}` },
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({
      id: 'globex',
      name: 'Globex',
      properties: { name: 'Globex', plan: 'free', address: { city: 'Springfield' } },
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
  });

  it('merges into an existing group (200, created: false)', async () => {
    const response = await identify({ identifier: 'acme', properties: { seats: 40 } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.created).toBe(false);
    expect(body.group.properties).toEqual({
      name: 'Acme Co.',
      plan: 'Pro',
      seats: 40,
      region: 'eu',
    });
  });

  it('answers 400 validation_failed for a bad identifier, with the field', async () => {
    const response = await identify({ identifier: 'acme corp', properties: {} });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: 'validation_failed',
      details: { field: 'identifier' },
    });
  });

  it('answers 400 naming a key over 255 characters in details.key', async () => {
    const key = 'k'.repeat(300);
    const response = await identify({ identifier: 'acme', properties: { [key]: true } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.details.key).toBe(key);
  });

  it('lets a publishable key update, never create, an account group', async () => {
    const response = await identify({ identifier: 'hooli', properties: { seats: 1 } }, PUBLISHABLE);
    expect(response.status).toBe(404);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'group_not_found', details: { identifier: 'hooli' } });
    expect(error.message).toMatch(/secret key/);
    expect(() => engine.getAccountGroup('hooli')).toThrow('No account group');
  });

  it('takes a publishable key too (the browser SDK keeps properties current)', async () => {
    const response = await identify({ identifier: 'acme', properties: { seats: 26 } }, PUBLISHABLE);
    expect(response.status).toBe(200);
    expect(engine.getAccountGroup('acme').properties).toMatchObject({ seats: 26, plan: 'Pro' });
  });

  it('answers 401 without a key', async () => {
    expect((await identify({ identifier: 'hooli' }, null)).status).toBe(401);
    expect(() => engine.getAccountGroup('hooli')).toThrow('No account group');
  });

  it('answers 400 invalid_json for a body that does not parse', async () => {
    const response = await identify('{"identifier": "hooli",');
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_json');
  });

  it('answers 413 payload_too_large for a body over 64 KB and stores nothing', async () => {
    const response = await identify({
      identifier: 'acme',
      properties: { blob: 'x'.repeat(70_000) },
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');
    expect(engine.getAccountGroup('acme').properties.blob).toBeUndefined();
  });
});

describe('PUT /v1/users/{userId}', () => {
  it('answers 201 when it creates the user and 200 when it updates them', async () => {
    const created = await putUser('u_new', { firstname: 'Kim', attributes: { country: 'UK' } });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({
      created: true,
      pruned: [],
      user: { id: 'u_new', firstname: 'Kim', status: 'active', attributes: { country: 'UK' } },
    });
    expect(body.memberships.map((m: { slug: string }) => m.slug)).toEqual(['uk-users']);

    const updated = await putUser('u_new?mode=update', { lastname: 'Lee' });
    expect(updated.status).toBe(200);
    expect((await updated.json()).user).toMatchObject({ firstname: 'Kim', lastname: 'Lee' });
  });

  it('answers 404 user_not_found for mode=update on a missing user', async () => {
    const response = await putUser('u_ghost?mode=update', {});
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({
      code: 'user_not_found',
      details: { userId: 'u_ghost' },
    });
  });

  it('answers 400 for an unknown mode', async () => {
    const response = await putUser('u_ada?mode=replace', {});
    expect(response.status).toBe(400);
    expect((await response.json()).error.details.field).toBe('mode');
  });

  it('prunes manual memberships and reports the removed slugs', async () => {
    const response = await putUser('u_ada', {
      memberships: [{ group: 'staff', attributes: { role: 'lead' } }],
      prune_memberships: true,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.pruned).toEqual(['customer', 'pro']);
    const memberships: { slug: string; source: string; attributes: object }[] = body.memberships;
    expect(memberships.map((m) => [m.slug, m.source])).toEqual([
      ['power-admins', 'rule'],
      ['staff', 'admin'],
      ['uk-users', 'rule'],
    ]);
    expect(memberships.find((m) => m.slug === 'staff')?.attributes).toEqual({ role: 'lead' });
  });

  it('answers 409 group_is_automatic for an automatic group, leaving memberships as they were', async () => {
    const before = engine.listMemberships('u_grace');
    const response = await putUser('u_grace', { groups: ['staff', 'power-admins'] });
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({
      code: 'group_is_automatic',
      details: { group: 'power-admins' },
    });
    expect(engine.listMemberships('u_grace')).toEqual(before);
  });

  it('answers 404 user_group_not_found naming an unknown group', async () => {
    const response = await putUser('u_grace', { groups: ['ghosts'] });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({
      code: 'user_group_not_found',
      details: { group: 'ghosts' },
    });
  });

  it('answers 400 for groups and memberships together, and for prune without a list', async () => {
    const both = await putUser('u_grace', { groups: [], memberships: [] });
    expect(both.status).toBe(400);
    const prune = await putUser('u_grace', { prune_memberships: true });
    expect(prune.status).toBe(400);
    expect((await prune.json()).error.details.field).toBe('prune_memberships');
  });

  it('answers 403 forbidden for a publishable key and changes nothing', async () => {
    const response = await putUser('u_ada', { firstname: 'Eve' }, PUBLISHABLE);
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden');
    expect(engine.getSession('u_ada').user.firstname).toBe('Ada');
  });

  it('answers 400 invalid_json for a body that does not parse', async () => {
    const response = await putUser('u_ada', 'firstname=Eve');
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_json');
  });

  it('answers 413 payload_too_large for a body over 64 KB', async () => {
    const response = await putUser('u_ada', { attributes: { bio: 'y'.repeat(66_000) } });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');
    expect(engine.getSession('u_ada').user.attributes.bio).toBeUndefined();
  });

  it('decodes the user id from the path', async () => {
    const response = await putUser(encodeURIComponent('kim@corp.test'), {});
    expect(response.status).toBe(201);
    expect((await response.json()).user).toMatchObject({
      id: 'kim@corp.test',
      email: 'kim@corp.test',
    });
  });
});
