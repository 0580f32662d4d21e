import { describe, expect, it } from 'vitest';
import { PUBLISHABLE_KEY, SECRET_KEY, contractApi } from './support/api';

const NOW = new Date('2026-11-23T12:00:00Z');

// A fresh world for every test: each starts from the seeded scenario, whatever ran before.
// Every response is checked against openapi.json.
const api = contractApi({ now: () => NOW, perTest: true });

const send = (method: string, path: string, body: unknown, key: string | null = SECRET_KEY) =>
  api.call(method, path, { body, key });
const identify = (body: unknown, key?: string | null) =>
  send('POST', '/groups/identify', body, key);
const putUser = (path: string, body: unknown, key?: string | null) =>
  send('PUT', `/users/${path}`, body, key);

/** An account group as the secret key reads it (a 404 answer as it comes). */
const accountGroup = (groupId: string) =>
  api.call('GET', `/groups/${groupId}`, { key: SECRET_KEY });

/** A user's session, read with the secret key. */
const sessionOf = async (userId: string) => {
  const { status, body } = await api.call('GET', `/session?userId=${userId}`, {
    key: SECRET_KEY,
  });
  expect(status).toBe(200);
  return body;
};

/** A user's memberships, read with the secret key. */
const membershipsOf = async (userId: string) =>
  (await api.call('GET', `/users/${userId}/memberships`, { key: SECRET_KEY })).body;

/** `GET /v1/groups/{id}` for a group that must not exist. */
const expectNoAccountGroup = async (groupId: string) => {
  const { status, body } = await accountGroup(groupId);
  expect(status).toBe(404);
  expect(body.error).toMatchObject({ code: 'group_not_found', details: { groupId } });
  expect(body.error.message).toMatch('No account group');
};

describe('POST /v1/groups/identify', () => {
  it('creates a group (200, created: true), then GET /v1/groups/{id} shows its properties', async () => {
    const response = await identify({
      identifier: 'globex',
      properties: { name: 'Globex', plan: 'free', address: { city: 'Springfield' } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: true, group: { id: 'globex', name: 'Globex' } });

    const read = await api.call('GET', '/groups/globex', { key: PUBLISHABLE_KEY });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
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
    expect(response.body.created).toBe(false);
    expect(response.body.group.properties).toEqual({
      name: 'Acme Co.',
      plan: 'Pro',
      seats: 40,
      region: 'eu',
    });
  });

  it('answers 400 validation_failed for a bad identifier, with the field', async () => {
    const response = await identify({ identifier: 'acme corp', properties: {} });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'validation_failed',
      details: { field: 'identifier' },
    });
  });

  it('answers 400 naming a key over 255 characters in details.key', async () => {
    const key = 'k'.repeat(300);
    const response = await identify({ identifier: 'acme', properties: { [key]: true } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.key).toBe(key);
  });

  it('lets a publishable key update, never create, an account group', async () => {
    const before = await api.dump();
    const response = await identify(
      { identifier: 'hooli', properties: { seats: 1 } },
      PUBLISHABLE_KEY,
    );
    expect(response.status).toBe(404);
    const { error } = response.body;
    expect(error).toMatchObject({ code: 'group_not_found', details: { identifier: 'hooli' } });
    expect(error.message).toMatch(/secret key/);
    await expectNoAccountGroup('hooli');
    expect(await api.dump()).toEqual(before);
  });

  it('takes a publishable key too, for the properties browsers may write (the browser SDK keeps them current)', async () => {
    const response = await identify(
      { identifier: 'acme', properties: { onboarding: { step: 2 } } },
      PUBLISHABLE_KEY,
    );
    expect(response.status).toBe(200);
    expect((await accountGroup('acme')).body.properties).toMatchObject({
      onboarding: { step: 2 },
      plan: 'Pro',
    });
  });

  it('answers 401 without a key', async () => {
    const before = await api.dump();
    expect((await identify({ identifier: 'hooli' }, null)).status).toBe(401);
    await expectNoAccountGroup('hooli');
    expect(await api.dump()).toEqual(before);
  });

  it('answers 400 invalid_json for a body that does not parse', async () => {
    const response = await identify('{"identifier": "hooli",');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
  });

  it('answers 413 payload_too_large for a body over 64 KB and stores nothing', async () => {
    const before = await api.dump();
    const response = await identify({
      identifier: 'acme',
      properties: { blob: 'x'.repeat(70_000) },
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect((await accountGroup('acme')).body.properties.blob).toBeUndefined();
    expect(await api.dump()).toEqual(before);
  });
});

describe('PUT /v1/users/{userId}', () => {
  it('answers 201 when it creates the user and 200 when it updates them', async () => {
    const created = await putUser('u_new', { firstname: 'Kim', attributes: { country: 'UK' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      created: true,
      pruned: [],
      user: { id: 'u_new', firstname: 'Kim', status: 'active', attributes: { country: 'UK' } },
    });
    expect(created.body.memberships.map((m: { slug: string }) => m.slug)).toEqual(['uk-users']);

    const updated = await putUser('u_new?mode=update', { lastname: 'Lee' });
    expect(updated.status).toBe(200);
    expect(updated.body.user).toMatchObject({ firstname: 'Kim', lastname: 'Lee' });
  });

  it('answers 404 user_not_found for mode=update on a missing user', async () => {
    const response = await putUser('u_ghost?mode=update', {});
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({
      code: 'user_not_found',
      details: { userId: 'u_ghost' },
    });
  });

  it('answers 400 for an unknown mode', async () => {
    const response = await putUser('u_ada?mode=replace', {});
    expect(response.status).toBe(400);
    expect(response.body.error.details.field).toBe('mode');
  });

  it('prunes manual memberships and reports the removed slugs', async () => {
    const response = await putUser('u_ada', {
      memberships: [{ group: 'staff', attributes: { role: 'lead' } }],
      prune_memberships: true,
    });
    expect(response.status).toBe(200);
    expect(response.body.pruned).toEqual(['customer', 'pro']);
    const memberships: { slug: string; source: string; attributes: object }[] =
      response.body.memberships;
    expect(memberships.map((m) => [m.slug, m.source])).toEqual([
      ['power-admins', 'rule'],
      ['staff', 'admin'],
      ['uk-users', 'rule'],
    ]);
    expect(memberships.find((m) => m.slug === 'staff')?.attributes).toEqual({ role: 'lead' });
  });

  it('answers 409 group_is_automatic for an automatic group, leaving memberships as they were', async () => {
    const before = await api.dump();
    const memberships = await membershipsOf('u_grace');
    const response = await putUser('u_grace', { groups: ['staff', 'power-admins'] });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'group_is_automatic',
      details: { group: 'power-admins' },
    });
    expect(await membershipsOf('u_grace')).toEqual(memberships);
    expect(await api.dump()).toEqual(before);
  });

  it('answers 404 user_group_not_found naming an unknown group', async () => {
    const response = await putUser('u_grace', { groups: ['ghosts'] });
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({
      code: 'user_group_not_found',
      details: { group: 'ghosts' },
    });
  });

  it('answers 400 for groups and memberships together, and for prune without a list', async () => {
    const both = await putUser('u_grace', { groups: [], memberships: [] });
    expect(both.status).toBe(400);
    const prune = await putUser('u_grace', { prune_memberships: true });
    expect(prune.status).toBe(400);
    expect(prune.body.error.details.field).toBe('prune_memberships');
  });

  it('answers 403 forbidden for a publishable key and changes nothing', async () => {
    const before = await api.dump();
    const response = await putUser('u_ada', { firstname: 'Eve' }, PUBLISHABLE_KEY);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect((await sessionOf('u_ada')).user.firstname).toBe('Ada');
    expect(await api.dump()).toEqual(before);
  });

  it('answers 400 invalid_json for a body that does not parse', async () => {
    const response = await putUser('u_ada', 'firstname=Eve');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
  });

  it('answers 413 payload_too_large for a body over 64 KB', async () => {
    const before = await api.dump();
    const response = await putUser('u_ada', { attributes: { bio: 'y'.repeat(66_000) } });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect((await sessionOf('u_ada')).user.attributes.bio).toBeUndefined();
    expect(await api.dump()).toEqual(before);
  });

  it('decodes the user id from the path', async () => {
    const response = await putUser(encodeURIComponent('kim@corp.test'), {});
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({
      id: 'kim@corp.test',
      email: 'kim@corp.test',
    });
  });
});
