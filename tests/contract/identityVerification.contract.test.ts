import { computeUserHash } from '@groupkit/mock-api/core';
import { describe, expect, it } from 'vitest';
import { contractApi, PUBLISHABLE_KEY, SECRET_KEY } from './support/api';

const api = contractApi({ scenario: 'verified' });

describe('identity verification', () => {
  const path = '/users/u_ada/memberships';

  it('rejects a publishable request without the user hash', async () => {
    const response = await api.fetch(path, {
      headers: { authorization: `Bearer ${PUBLISHABLE_KEY}` },
    });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('identity_unverified');
  });

  it("rejects another user's hash and accepts the right one", async () => {
    const headers = (hash: string) => ({
      authorization: `Bearer ${PUBLISHABLE_KEY}`,
      'x-groupkit-user-hash': hash,
    });
    expect(
      (await api.fetch(path, { headers: headers(await computeUserHash('u_grace')) })).status,
    ).toBe(401);
    const ok = await api.fetch(path, { headers: headers(await computeUserHash('u_ada')) });
    expect(ok.status).toBe(200);
    expect((await ok.json()).data.map((m: { slug: string }) => m.slug)).toContain('pro');
  });

  it('leaves secret-key requests alone (servers need no hash)', async () => {
    const response = await api.fetch(path, { headers: { authorization: `Bearer ${SECRET_KEY}` } });
    expect(response.status).toBe(200);
  });

  it('guards the session and membership changes too', async () => {
    const session = await api.fetch('/session?userId=u_ada', {
      headers: { authorization: `Bearer ${PUBLISHABLE_KEY}` },
    });
    expect(session.status).toBe(401);
    const before = await api.dump();
    const change = await api.fetch('/users/u_grace/membership-changes', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${PUBLISHABLE_KEY}`,
        'content-type': 'application/json',
        'x-groupkit-user-hash': await computeUserHash('u_ada'),
      },
      body: JSON.stringify({ changes: '+newsletter' }),
    });
    expect(change.status).toBe(401);
    expect((await change.json()).error.code).toBe('identity_unverified');
    expect(await api.dump()).toEqual(before);
  });

  it('computes the same HMAC-SHA256 hex as openssl', async () => {
    // Reference value from: printf u_ada | openssl dgst -sha256 -hmac iv_test_groupkit
    expect(await computeUserHash('u_ada')).toBe(
      'f71a461f7dfc2c0e940ec4f05d8d88cad2dc24d719d537ff9e376e16ed630a54',
    );
  });
});
