import { computeUserHash } from '@groupkit/mock-api/core';
import { describe, expect, it } from 'vitest';
import { contractApi, PUBLISHABLE_KEY, SECRET_KEY } from './support/api';

const NOW = new Date('2026-11-23T12:00:00Z');

// A fresh world per test: the default scenario lets browsers write `onboarding` only.
const api = contractApi({ now: () => NOW, perTest: true });

/** `POST /v1/groups/identify` for acme, as a browser (publishable key) unless told. */
const identify = (
  properties: Record<string, unknown>,
  { key = PUBLISHABLE_KEY, query = '', headers = {} as Record<string, string> } = {},
) =>
  api.call('POST', `/groups/identify${query}`, {
    key,
    headers,
    body: { identifier: 'acme', properties },
  });

/** Acme's properties as stored, read with the secret key. */
const acmeProperties = async () =>
  (await api.call('GET', '/groups/acme', { key: SECRET_KEY })).body.properties;

const project = (method: 'GET' | 'PATCH', body?: unknown) =>
  api.call(method, '/project', { key: SECRET_KEY, body });

describe('account-group properties written with a publishable key', () => {
  it('writes a property the project lets browsers write', async () => {
    const response = await identify({ onboarding: { step: 2, seen: ['welcome'] } });
    expect(response.status).toBe(200);
    expect(response.body.group.properties.onboarding).toEqual({ step: 2, seen: ['welcome'] });
    expect(await acmeProperties()).toEqual({
      name: 'Acme Co.',
      plan: 'Pro',
      seats: 25,
      region: 'eu',
      onboarding: { step: 2, seen: ['welcome'] },
    });
  });

  it('refuses any other key with 403 naming it, and stores nothing of the write', async () => {
    const before = await api.dump();
    const response = await identify({ onboarding: { step: 3 }, plan: 'Free', seats: 1 });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({
      code: 'property_not_writable',
      details: { property: 'plan' },
    });
    expect(response.body.error.message).toMatch(/"plan"/);
    // The allowed key in the same write is not stored either, nor is updatedAt moved.
    expect(await acmeProperties()).not.toHaveProperty('onboarding');
    expect(await api.dump()).toEqual(before);
  });

  it('counts removing a key (null) as writing it', async () => {
    const response = await identify({ plan: null });
    expect(response.status).toBe(403);
    expect(response.body.error.details).toEqual({ property: 'plan' });
    expect((await acmeProperties()).plan).toBe('Pro');
  });

  it('lets the secret key write anything', async () => {
    const response = await identify(
      { plan: 'Enterprise', seats: null, onboarding: { step: 1 }, billing: { vat: 'GB1' } },
      { key: SECRET_KEY },
    );
    expect(response.status).toBe(200);
    expect(await acmeProperties()).toEqual({
      name: 'Acme Co.',
      plan: 'Enterprise',
      region: 'eu',
      onboarding: { step: 1 },
      billing: { vat: 'GB1' },
    });
  });
});

describe('PATCH /v1/project', () => {
  it('changes what the next publishable write may do, and GET /v1/project shows it', async () => {
    expect((await project('GET')).body).toEqual({
      clientWritableProperties: ['onboarding'],
      identityVerification: false,
    });
    expect((await identify({ theme: 'dark' })).status).toBe(403);

    const patched = await project('PATCH', { clientWritableProperties: ['theme'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({
      clientWritableProperties: ['theme'],
      identityVerification: false,
    });
    expect((await project('GET')).body).toEqual(patched.body);

    expect((await identify({ theme: 'dark' })).status).toBe(200);
    expect((await acmeProperties()).theme).toBe('dark');
    const refused = await identify({ onboarding: { step: 1 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({ property: 'onboarding' });
  });

  it('with an empty list, leaves browsers no property to write', async () => {
    expect((await project('PATCH', { clientWritableProperties: [] })).status).toBe(200);
    const refused = await identify({ onboarding: { step: 1 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/no property/);
    // Touching the group (no properties) writes no property, so it is still allowed.
    expect((await identify({})).status).toBe(200);
  });

  it('keeps what it is not given', async () => {
    await project('PATCH', { identityVerification: true });
    const patched = await project('PATCH', { clientWritableProperties: ['onboarding', 'theme'] });
    expect(patched.body).toEqual({
      clientWritableProperties: ['onboarding', 'theme'],
      identityVerification: true,
    });
    expect((await project('PATCH', {})).body).toEqual(patched.body);
  });
});

describe('with identity verification on', () => {
  const hashOf = async (userId: string) => ({
    'x-groupkit-user-hash': await computeUserHash(userId),
  });

  it('still needs the user and their hash for a publishable write of an allowed key', async () => {
    await api.reset({ scenario: 'verified', now: () => NOW });
    const before = await api.dump();
    const anonymous = await identify({ onboarding: { step: 1 } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('identity_unverified');
    expect(anonymous.body.error.message).toMatch(/userId/);
    const wrongHash = await identify(
      { onboarding: { step: 1 } },
      { query: '?userId=u_ada', headers: await hashOf('u_grace') },
    );
    expect(wrongHash.status).toBe(401);
    expect(await api.dump()).toEqual(before);

    const verified = await identify(
      { onboarding: { step: 1 } },
      { query: '?userId=u_ada', headers: await hashOf('u_ada') },
    );
    expect(verified.status).toBe(200);
    expect((await acmeProperties()).onboarding).toEqual({ step: 1 });
  });

  it('does not widen the list: a verified user still may not write other keys', async () => {
    await api.reset({ scenario: 'verified', now: () => NOW });
    const response = await identify(
      { seats: 99 },
      { query: '?userId=u_ada', headers: await hashOf('u_ada') },
    );
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('property_not_writable');
  });

  it('applies from the next request once PATCH /v1/project turns it on', async () => {
    expect((await identify({ onboarding: { step: 1 } })).status).toBe(200);
    await project('PATCH', { identityVerification: true });
    const refused = await identify({ onboarding: { step: 2 } });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('identity_unverified');
    // Servers need no hash.
    expect((await identify({ plan: 'Free' }, { key: SECRET_KEY })).status).toBe(200);
  });
});
