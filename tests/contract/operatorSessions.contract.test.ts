import { describe, expect, it } from 'vitest';
import { contractApi, PUBLISHABLE_KEY, SECRET_KEY } from './support/api';
import {
  OPERATOR_PASSWORD,
  parseSetCookie,
  SEEDED_OPERATORS,
  SESSION_COOKIE,
  signedInOnce,
  signIn,
} from './support/operators';

const START = new Date('2026-11-23T12:00:00Z');
const MINUTE = 60_000;
const HOURS_12 = 12 * 60 * MINUTE;

// One world for the file (a sign-in checks a slow password hash): tests that lock an email out
// or end a session use their own operator or session, and the clock only ever moves forward.
let clock = new Date(START);
const tick = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const api = contractApi({ now: () => clock });
const { call } = api;
const sessions = signedInOnce(api);

const attempt = (email: string, password: string) =>
  call('POST', '/operator-session', { key: null, body: { email, password } });

/** An operator made by the owner for one test, with a password the test knows. */
async function newOperator(email: string, role: 'support' | 'admin' | 'owner') {
  const password = `${email}-password`;
  const created = await call('POST', '/operators', {
    session: sessions.owner,
    body: { email, role, password },
  });
  expect(created.status).toBe(201);
  return { id: created.body.operator.id as string, email, password };
}

describe('POST /v1/operator-session (sign-in)', () => {
  it('answers 201 with the operator, the end of the session and a CSRF token', async () => {
    const { status, headers, body } = await attempt('admin@groupkit.test', OPERATOR_PASSWORD);
    expect(status).toBe(201);
    expect(body).toEqual({
      operator: {
        id: 'op_admin',
        email: 'admin@groupkit.test',
        role: 'admin',
        createdAt: expect.any(String),
        lastSignInAt: clock.toISOString(),
      },
      expiresAt: new Date(clock.getTime() + HOURS_12).toISOString(),
      csrfToken: expect.stringMatching(/^\S{16,}$/),
    });
    const cookie = parseSetCookie(headers.get('set-cookie'));
    expect(cookie.name).toBe(SESSION_COOKIE);
    expect(cookie.value).toMatch(/^[\w-]{32,}$/);
    // The session itself never reaches a script: only the CSRF token is in the body.
    expect(body.csrfToken).not.toBe(cookie.value);
    expect(JSON.stringify(body)).not.toContain(cookie.value);
  });

  it('sets the session cookie httpOnly, SameSite=Strict, Secure, for / and 12 hours', async () => {
    const { headers } = await attempt('support@groupkit.test', OPERATOR_PASSWORD);
    const { attributes } = parseSetCookie(headers.get('set-cookie'));
    expect(attributes).toMatchObject({
      httponly: true,
      samesite: 'Strict',
      path: '/',
      'max-age': '43200',
      // The contract's origin is https://api.groupkit.test: not a loopback host.
      secure: true,
    });
    expect(attributes).not.toHaveProperty('domain');
  });

  it('takes the email in any case', async () => {
    const { status, body } = await attempt('  Owner@GroupKit.TEST ', OPERATOR_PASSWORD);
    expect(status).toBe(201);
    expect(body.operator).toMatchObject({ id: 'op_owner', email: 'owner@groupkit.test' });
  });

  it('answers a wrong password and an unknown email alike: 401 invalid_credentials, no cookie', async () => {
    const wrongPassword = await attempt('owner@groupkit.test', 'not-the-password');
    const unknownEmail = await attempt('nobody@groupkit.test', OPERATOR_PASSWORD);
    for (const answer of [wrongPassword, unknownEmail]) {
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('invalid_credentials');
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });
});

describe('sign-in lockout', () => {
  it('locks an email after 5 failures in 15 minutes: the 6th attempt, even right, is 429', async () => {
    const email = SEEDED_OPERATORS.support.email;
    const firstFailure = new Date(clock);
    for (let i = 0; i < 5; i++) {
      const failed = await attempt(email, `wrong-${i}`);
      expect(failed.status, `failure ${i + 1}`).toBe(401);
      expect(failed.body.error.code).toBe('invalid_credentials');
      tick(MINUTE);
    }
    const retryAt = new Date(firstFailure.getTime() + 15 * MINUTE);

    const locked = await attempt(email, OPERATOR_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({
      code: 'too_many_attempts',
      details: { retryAt: retryAt.toISOString() },
    });
    expect(Number(locked.headers.get('retry-after'))).toBe(
      Math.ceil((retryAt.getTime() - clock.getTime()) / 1000),
    );
    expect(locked.headers.get('set-cookie')).toBeNull();
    // The same email in another case is the same lock.
    expect((await attempt('SUPPORT@groupkit.test', OPERATOR_PASSWORD)).status).toBe(429);

    // Per email: another operator still signs in, and the locked one's session still works.
    expect((await attempt(SEEDED_OPERATORS.owner.email, OPERATOR_PASSWORD)).status).toBe(201);
    const session = await call('GET', '/operator-session', { session: sessions.support });
    expect(session.status).toBe(200);

    // The lock lifts when the first failure leaves the window.
    tick(retryAt.getTime() - clock.getTime());
    expect((await attempt(email, OPERATOR_PASSWORD)).status).toBe(201);
  });

  it('forgets the failures once the right password signs in', async () => {
    const email = SEEDED_OPERATORS.admin.email;
    for (let i = 0; i < 4; i++) expect((await attempt(email, `wrong-${i}`)).status).toBe(401);
    expect((await attempt(email, OPERATOR_PASSWORD)).status).toBe(201);
    // Counting starts again: four more failures and a fifth still answer 401, the 6th is 429.
    for (let i = 0; i < 5; i++) expect((await attempt(email, `again-${i}`)).status).toBe(401);
    expect((await attempt(email, OPERATOR_PASSWORD)).status).toBe(429);
  });

  it('locks an unknown email the same way (a lock does not tell who exists)', async () => {
    const email = 'stranger@groupkit.test';
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await attempt(email, OPERATOR_PASSWORD));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(answers[5]?.body.error.code).toBe('too_many_attempts');
    expect(answers[5]?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  });
});

describe('the session cookie', () => {
  it('GET /v1/operator-session answers the session, with the CSRF token sign-in gave', async () => {
    const { status, body } = await call('GET', '/operator-session', { session: sessions.owner });
    expect(status).toBe(200);
    const { lastSignInAt: _, ...operator } = sessions.owner.operator;
    expect(body).toEqual({
      // lastSignInAt moves with every sign-in of the owner, this session's or a later one.
      operator: { ...operator, lastSignInAt: expect.any(String) },
      csrfToken: sessions.owner.csrfToken,
      expiresAt: sessions.owner.expiresAt,
    });
  });

  it('GET /v1/operator-session: 401 without a session, 403 forbidden for any key', async () => {
    const none = await call('GET', '/operator-session', { key: null });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    for (const key of [SECRET_KEY, PUBLISHABLE_KEY]) {
      for (const method of ['GET', 'DELETE']) {
        // A bearer key wins over the cookie sent with it: the key is what is judged.
        const answer = await call(method, '/operator-session', { key, session: sessions.owner });
        expect(answer.status, `${method} with ${key}`).toBe(403);
        expect(answer.body.error.code).toBe('forbidden');
      }
    }
  });

  it('a bearer key wins over the cookie, for better (secret) and for worse (publishable)', async () => {
    // Support may not change the project, but the secret key sent with its cookie may,
    // without a CSRF token, and the audit log names the key.
    const settings = { clientWritableProperties: ['onboarding', 'theme'] };
    const asKey = await call('PATCH', '/project', {
      key: SECRET_KEY,
      headers: { cookie: sessions.support.cookie },
      body: settings,
    });
    expect(asKey.status).toBe(200);
    const log = await call('GET', '/audit-log?limit=1', { session: sessions.admin });
    expect(log.body.data[0]).toMatchObject({ action: 'PATCH /project', actor: { type: 'key' } });

    const asPublishable = await call('GET', '/users', {
      key: PUBLISHABLE_KEY,
      headers: { cookie: sessions.owner.cookie },
    });
    expect(asPublishable.status).toBe(403);
    expect(asPublishable.body.error.code).toBe('forbidden');
  });
});

describe('CSRF: every request but GET sends the session’s token', () => {
  const settings = { clientWritableProperties: ['onboarding', 'locale'] };

  it.each([
    ['without X-CSRF-Token', {}],
    ['with a wrong token', { 'x-csrf-token': 'forged' }],
    ['with another session’s token', 'admin' as const],
  ])('refuses a write %s: 403 csrf_failed, nothing changed', async (_, headers) => {
    const before = await api.dump();
    const answer = await call('PATCH', '/project', {
      key: null,
      headers: {
        cookie: sessions.owner.cookie,
        ...(headers === 'admin' ? { 'x-csrf-token': sessions.admin.csrfToken } : headers),
      },
      body: settings,
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('csrf_failed');
    expect(answer.body.error.message).toContain('X-CSRF-Token');
    expect(await api.dump()).toEqual(before);
  });

  it('accepts the write with the right token', async () => {
    const answer = await call('PATCH', '/project', { session: sessions.owner, body: settings });
    expect(answer.status).toBe(200);
    expect(answer.body.clientWritableProperties).toEqual(settings.clientWritableProperties);
  });

  it('checks the token before the role', async () => {
    const forged = await call('PATCH', '/project', {
      key: null,
      headers: { cookie: sessions.support.cookie },
      body: settings,
    });
    expect(forged.body.error.code).toBe('csrf_failed');
    const sent = await call('PATCH', '/project', { session: sessions.support, body: settings });
    expect(sent.status).toBe(403);
    expect(sent.body.error).toMatchObject({ code: 'role_forbidden', details: { role: 'owner' } });
  });

  it('needs no token on GET', async () => {
    const answer = await call('GET', '/users', {
      key: null,
      headers: { cookie: sessions.support.cookie },
    });
    expect(answer.status).toBe(200);
  });
});

describe('DELETE /v1/operator-session (sign-out)', () => {
  it('ends that session only and clears the cookie', async () => {
    const leaving = await signIn(api, SEEDED_OPERATORS.support.email);
    const forged = await call('DELETE', '/operator-session', {
      key: null,
      headers: { cookie: leaving.cookie },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('csrf_failed');

    const { status, headers, body } = await call('DELETE', '/operator-session', {
      session: leaving,
    });
    expect(status).toBe(204);
    expect(body).toBeNull();
    const cleared = parseSetCookie(headers.get('set-cookie'));
    expect(cleared).toMatchObject({ name: SESSION_COOKIE, value: '' });
    expect(cleared.attributes).toMatchObject({ 'max-age': '0', path: '/', httponly: true });

    for (const path of ['/operator-session', '/users']) {
      const after = await call('GET', path, { session: leaving });
      expect(after.status, path).toBe(401);
      expect(after.body.error.code).toBe('unauthorized');
    }
    // The file's own support session is another session: still signed in.
    expect((await call('GET', '/users', { session: sessions.support })).status).toBe(200);
  });
});

describe('what happens to an operator happens to their sessions', () => {
  it('a deleted operator’s session answers 401 at once, and they cannot sign in', async () => {
    const leaving = await newOperator('leaving@groupkit.test', 'admin');
    const session = await signIn(api, leaving.email, leaving.password);
    expect((await call('GET', '/automations', { session })).status).toBe(200);

    const deleted = await call('DELETE', `/operators/${leaving.id}`, { session: sessions.owner });
    expect(deleted.status).toBe(204);

    for (const path of ['/operator-session', '/automations']) {
      const after = await call('GET', path, { session });
      expect(after.status, path).toBe(401);
      expect(after.body.error.code).toBe('unauthorized');
    }
    const again = await attempt(leaving.email, leaving.password);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('invalid_credentials');
  });

  it('a demoted operator’s next request has the new role; a promoted one’s too', async () => {
    const moving = await newOperator('moving@groupkit.test', 'admin');
    const session = await signIn(api, moving.email, moving.password);
    expect((await call('GET', '/automations', { session })).status).toBe(200);

    const setRole = (role: string) =>
      call('PATCH', `/operators/${moving.id}`, { session: sessions.owner, body: { role } });
    expect((await setRole('support')).status).toBe(200);
    const demoted = await call('GET', '/automations', { session });
    expect(demoted.status).toBe(403);
    expect(demoted.body.error).toMatchObject({
      code: 'role_forbidden',
      details: { role: 'admin' },
    });
    const who = await call('GET', '/operator-session', { session });
    expect(who.body.operator.role).toBe('support');

    expect((await setRole('owner')).status).toBe(200);
    const promoted = await call('PATCH', '/project', {
      session,
      body: { clientWritableProperties: ['onboarding'] },
    });
    expect(promoted.status).toBe(200);
  });

  // Last: it moves the clock past every session of the file.
  it('a session ends 12 hours after sign-in', async () => {
    const session = await signIn(api, SEEDED_OPERATORS.owner.email);
    tick(HOURS_12 - 1000);
    expect((await call('GET', '/operator-session', { session })).status).toBe(200);
    tick(1000);
    const ended = await call('GET', '/operator-session', { session });
    expect(ended.status).toBe(401);
    expect(ended.body.error.code).toBe('unauthorized');
  });
});
