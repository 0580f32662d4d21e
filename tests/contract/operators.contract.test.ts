import { describe, expect, it } from 'vitest';
import { contractApi, SECRET_KEY } from './support/api';
import { SEEDED_OPERATORS, signedInOnce, signIn } from './support/operators';

const NOW = new Date('2026-11-23T12:00:00Z');

// Operators managed by an owner (or the secret key). One world for the file: each test adds
// the operators it changes, and the last-owner rule comes last.
const api = contractApi({ now: () => NOW });
const sessions = signedInOnce(api, ['owner']);
const asOwner = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { session: sessions.owner, body });

describe('GET /v1/operators', () => {
  it('lists everyone who can sign in, in creation order, never a password', async () => {
    const { status, body } = await asOwner('GET', '/operators');
    expect(status).toBe(200);
    expect(body.data.map((o: { id: string; role: string }) => [o.id, o.role])).toEqual([
      ['op_owner', 'owner'],
      ['op_admin', 'admin'],
      ['op_support', 'support'],
    ]);
    expect(body.data[0]).toEqual({
      id: 'op_owner',
      email: 'owner@groupkit.test',
      role: 'owner',
      createdAt: expect.any(String),
      lastSignInAt: NOW.toISOString(),
    });
    expect(body.data[1].lastSignInAt).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/password|hash/i);
  });

  it('answers the secret key the same list', async () => {
    const byKey = await api.call('GET', '/operators', { key: SECRET_KEY });
    expect(byKey.status).toBe(200);
    expect(byKey.body).toEqual((await asOwner('GET', '/operators')).body);
  });
});

describe('POST /v1/operators', () => {
  it('generates a password when none is given, shows it once, and it signs in', async () => {
    const { status, body } = await asOwner('POST', '/operators', {
      email: ' New.Support@GroupKit.test ',
      role: 'support',
    });
    expect(status).toBe(201);
    expect(body).toEqual({
      operator: {
        id: expect.any(String),
        email: 'new.support@groupkit.test',
        role: 'support',
        createdAt: NOW.toISOString(),
        lastSignInAt: null,
      },
      password: expect.stringMatching(/^\S{12,}$/),
    });
    const session = await signIn(api, 'new.support@groupkit.test', body.password);
    expect(session.operator.id).toBe(body.operator.id);
  });

  it('does not echo a password the request chose', async () => {
    const { status, body } = await asOwner('POST', '/operators', {
      email: 'chosen@groupkit.test',
      role: 'admin',
      password: 'a chosen password',
    });
    expect(status).toBe(201);
    expect(Object.keys(body)).toEqual(['operator']);
    expect(body.operator).toMatchObject({ email: 'chosen@groupkit.test', role: 'admin' });
    const listed = await asOwner('GET', '/operators');
    expect(listed.body.data.map((o: { email: string }) => o.email)).toContain(
      'chosen@groupkit.test',
    );
  });

  it('refuses an email that is taken, in any case: 409 email_taken', async () => {
    const before = await api.dump();
    const taken = await asOwner('POST', '/operators', {
      email: 'ADMIN@groupkit.test',
      role: 'support',
      password: 'another password',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
    expect(await api.dump()).toEqual(before);
  });
});

describe('PATCH and DELETE /v1/operators/{operatorId}', () => {
  it('changes a role and a password: the old password no longer signs in', async () => {
    const created = await asOwner('POST', '/operators', {
      email: 'changing@groupkit.test',
      role: 'support',
      password: 'first password!',
    });
    const { id } = created.body.operator;

    const promoted = await asOwner('PATCH', `/operators/${id}`, { role: 'admin' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ id, email: 'changing@groupkit.test', role: 'admin' });

    const repassworded = await asOwner('PATCH', `/operators/${id}`, {
      password: 'second password!',
    });
    expect(repassworded.status).toBe(200);
    expect(repassworded.body).toEqual(promoted.body);

    const old = await api.call('POST', '/operator-session', {
      key: null,
      body: { email: 'changing@groupkit.test', password: 'first password!' },
    });
    expect(old.status).toBe(401);
    const session = await signIn(api, 'changing@groupkit.test', 'second password!');
    expect(session.operator.role).toBe('admin');
  });

  it('removes an operator: 204, gone from the list, a second delete is 404', async () => {
    const created = await asOwner('POST', '/operators', {
      email: 'short-lived@groupkit.test',
      role: 'support',
      password: 'short-lived password',
    });
    const { id } = created.body.operator;
    const deleted = await asOwner('DELETE', `/operators/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    const listed = await asOwner('GET', '/operators');
    expect(listed.body.data.map((o: { id: string }) => o.id)).not.toContain(id);

    for (const [method, body] of [
      ['DELETE', undefined],
      ['PATCH', { role: 'admin' }],
    ] as const) {
      const again = await asOwner(method, `/operators/${id}`, body);
      expect(again.status, method).toBe(404);
      expect(again.body.error.code).toBe('operator_not_found');
    }
  });

  it('keeps a last owner: demoting or deleting them is 409 last_owner, until another owner exists', async () => {
    const { owner } = SEEDED_OPERATORS;
    const before = await api.dump();
    const demote = await asOwner('PATCH', `/operators/${owner.id}`, { role: 'admin' });
    const remove = await asOwner('DELETE', `/operators/${owner.id}`);
    for (const refused of [demote, remove]) {
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('last_owner');
    }
    expect(await api.dump()).toEqual(before);

    // Keeping the role is no demotion.
    expect((await asOwner('PATCH', `/operators/${owner.id}`, { role: 'owner' })).status).toBe(200);

    const promoted = await asOwner('PATCH', `/operators/${SEEDED_OPERATORS.admin.id}`, {
      role: 'owner',
    });
    expect(promoted.status).toBe(200);
    const demoted = await asOwner('PATCH', `/operators/${owner.id}`, { role: 'admin' });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe('admin');
  });
});
