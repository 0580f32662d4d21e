/**
 * Dashboard operators on the server: sign-in (the seeded PBKDF2 operators, and operators
 * created here, hashed with scrypt), the session cookie reaching admin routes, CSRF, expiry,
 * sign-out, an operator's deletion ending their sessions, and which project a sign-in is
 * for. The same tests on PGlite (one instance for the file) and on the PostgreSQL service.
 */
import { SECRET_KEY } from '@groupkit/mock-api/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type GroupKitApp } from '../app/createApp';
import { createProjectKeys } from '../app/createKeys';
import { findProject } from '../app/operatorAuth';
import { scryptPasswords } from '../app/passwords';
import { type Database, openDatabase } from '../db/connect';
import { migrateDatabase } from '../db/migrate';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { seedDatabase } from '../seed/seedDatabase';
import { createRequestState, StaleKeyOwner } from '../state/requestState';
import { asKey, asOperator, DEMO_PASSWORD, sha256, signIn, trySignIn } from './support/operators';

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2026-06-01T09:00:00.000Z');

describe.each(['pglite', 'postgres'] as const)('operators on %s', (kind) => {
  let database: Database;
  let test: TestDatabase | undefined;
  let app: GroupKitApp;
  let clock = T0;
  const now = () => new Date(clock);
  const query = <Row extends Record<string, unknown>>(text: string, params?: unknown[]) =>
    database.query<Row>(text, params).then((result) => result.rows);

  beforeAll(async () => {
    if (kind === 'pglite') {
      database = await openDatabase('memory');
      await migrateDatabase(database);
    } else {
      test = await createTestDatabase();
      database = await openDatabase(test.url, { poolSize: 4 });
    }
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });
  beforeEach(async () => {
    clock = T0;
    await seedDatabase(database, { scenario: 'default', reset: true, now: now() });
    app = createApp({ database, now });
  });

  it('signs a seeded operator in (PBKDF2 hash, any case of email); the cookie reaches admin routes', async () => {
    const session = await signIn(app, '  Owner@GroupKit.test ');
    expect(session.setCookie).toMatch(
      /^groupkit_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200; Secure$/,
    );
    expect(session.body).toMatchObject({
      operator: { id: 'op_owner', email: 'owner@groupkit.test', role: 'owner' },
      expiresAt: new Date(T0 + 12 * HOUR).toISOString(),
    });

    const who = await asOperator(app, session, '/v1/operator-session');
    expect(who).toMatchObject({
      status: 200,
      body: {
        operator: { id: 'op_owner', lastSignInAt: new Date(T0).toISOString() },
        csrfToken: session.csrfToken,
      },
    });
    // A secret route, an owner route, a route for either key.
    expect((await asOperator(app, session, '/v1/automations')).status).toBe(200);
    expect((await asOperator(app, session, '/v1/operators')).body.data).toHaveLength(3);
    expect((await asOperator(app, session, '/v1/user-groups/beta')).status).toBe(200);

    // Stored: the token's hash and the sign-in time, never the token.
    expect(await query(`select token_hash, operator_id from operator_sessions`)).toEqual([
      { token_hash: sha256(session.token), operator_id: 'op_owner' },
    ]);
    const rows = await query<{ row: string }>(`select t::text as row from operator_sessions t`);
    expect(JSON.stringify(rows)).not.toContain(session.token);
  });

  it('limits an operator by role and refuses a write without the CSRF token', async () => {
    const support = await signIn(app, 'support@groupkit.test');
    expect((await asOperator(app, support, '/v1/users/u_ada')).status).toBe(200);
    const refused = await asOperator(app, support, '/v1/automations');
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'role_forbidden' } } });

    const admin = await signIn(app, 'admin@groupkit.test');
    const forged = await asOperator(app, admin, '/v1/user-groups', {
      method: 'POST',
      json: { slug: 'forged', name: 'Forged' },
      csrf: false,
    });
    expect(forged).toMatchObject({ status: 403, body: { error: { code: 'csrf_failed' } } });
    const made = await asOperator(app, admin, '/v1/user-groups', {
      method: 'POST',
      json: { slug: 'made', name: 'Made' },
    });
    expect(made.status).toBe(201);
    const log = await asOperator(app, admin, '/v1/audit-log?actor=ADMIN@groupkit.test');
    expect(log.body).toMatchObject({
      data: [
        {
          seq: expect.any(Number),
          actor: { type: 'operator', operatorId: 'op_admin', email: 'admin@groupkit.test' },
          action: 'POST /user-groups',
          target: { type: 'user_group', id: (made.body as { id: string }).id },
          request: { slug: 'made', name: 'Made' },
          before: null,
          after: { slug: 'made' },
        },
      ],
      nextBefore: null,
    });
    expect(await query(`select slug from user_groups where slug in ('forged', 'made')`)).toEqual([
      { slug: 'made' },
    ]);
  });

  it('creates an operator with a scrypt hash, who then signs in; a wrong password is refused', async () => {
    const owner = await signIn(app, 'owner@groupkit.test');
    const created = await asOperator(app, owner, '/v1/operators', {
      method: 'POST',
      json: { email: 'New.Admin@Example.com', role: 'admin' },
    });
    expect(created.status).toBe(201);
    const password = created.body.password as string;
    expect(password).toMatch(/^[\w-]{24}$/);
    const [row] = await query<{ email: string; password_hash: string }>(
      `select email, password_hash from operators where email = 'new.admin@example.com'`,
    );
    expect(row?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(row?.password_hash).not.toContain(password);

    const chosen = await asOperator(app, owner, '/v1/operators', {
      method: 'POST',
      json: { email: 'chosen@example.com', role: 'support', password: 'a chosen passphrase' },
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.password).toBeUndefined();

    const wrong = await trySignIn(app, {
      email: 'new.admin@example.com',
      password: 'nope-nope-nope',
    });
    expect(wrong.response.status).toBe(401);
    expect(wrong.body.error?.code).toBe('invalid_credentials');
    const stranger = await trySignIn(app, { email: 'who@example.com', password: DEMO_PASSWORD });
    expect(stranger.body.error?.code).toBe('invalid_credentials');

    const admin = await signIn(app, 'new.admin@example.com', password);
    expect(admin.body.operator).toMatchObject({ role: 'admin', email: 'new.admin@example.com' });
    expect(
      (await signIn(app, 'chosen@example.com', 'a chosen passphrase')).body.operator.role,
    ).toBe('support');
    // The failure before it is forgotten at a right password.
    expect(await query(`select email from sign_in_failures`)).toEqual([
      { email: 'who@example.com' },
    ]);
  });

  it('answers 401 once a session expires; the next sign-in sweeps expired ones', async () => {
    const first = await signIn(app, 'admin@groupkit.test');
    await signIn(app, 'support@groupkit.test');
    clock = T0 + 12 * HOUR - 1;
    expect((await asOperator(app, first, '/v1/user-groups')).status).toBe(200);
    clock = T0 + 12 * HOUR;
    const ended = await asOperator(app, first, '/v1/user-groups');
    expect(ended).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'Your session has ended; sign in again.' } },
    });
    expect((await asOperator(app, first, '/v1/automations')).status).toBe(401);
    expect(await query(`select count(*)::int as n from operator_sessions`)).toEqual([{ n: 2 }]);

    // The admin's expired session and the support operator's go.
    const second = await signIn(app, 'admin@groupkit.test');
    expect(await query(`select token_hash from operator_sessions`)).toEqual([
      { token_hash: sha256(second.token) },
    ]);
  });

  it('ends every session of an operator who is deleted, and of one who signs out', async () => {
    const owner = await signIn(app, 'owner@groupkit.test');
    const admin = await signIn(app, 'admin@groupkit.test');
    const adminAgain = await signIn(app, 'admin@groupkit.test');
    expect((await asOperator(app, admin, '/v1/automations')).status).toBe(200);

    const deleted = await asOperator(app, owner, '/v1/operators/op_admin', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    for (const session of [admin, adminAgain]) {
      const after = await asOperator(app, session, '/v1/automations');
      expect(after).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    }
    expect(await query(`select operator_id from operator_sessions`)).toEqual([
      { operator_id: 'op_owner' },
    ]);

    const out = await asOperator(app, owner, '/v1/operator-session', { method: 'DELETE' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^groupkit_session=; .*Max-Age=0/);
    expect((await asOperator(app, owner, '/v1/operator-session')).status).toBe(401);
    expect(await query(`select count(*)::int as n from operator_sessions`)).toEqual([{ n: 0 }]);
  });

  it('a bearer key wins over a cookie; a cookie that signs no one in is 401, never 500', async () => {
    const admin = await signIn(app, 'admin@groupkit.test');
    const both = await app.fetch(
      new Request('https://api.groupkit.test/v1/operator-session', {
        headers: { cookie: admin.cookie, authorization: `Bearer ${SECRET_KEY}` },
      }),
    );
    // The key is the caller: this endpoint is for operators only.
    expect(both.status).toBe(403);
    for (const cookie of ['groupkit_session=made-up', 'groupkit_session=%00\u00e9', 'other=1']) {
      const response = await app.fetch(
        new Request('https://api.groupkit.test/v1/automations', { headers: { cookie } }),
      );
      expect(response.status).toBe(401);
    }
    // Secret-key requests are as before.
    expect((await asKey(app, SECRET_KEY, '/v1/operators')).body.data).toHaveLength(3);
  });

  it('signs in to the project the body names, or the only one; several and none named is 400', async () => {
    expect(
      (await signIn(app, 'owner@groupkit.test', DEMO_PASSWORD, { project: 'demo' })).cookie,
    ).toBeTruthy();
    await createProjectKeys(database, 'acme2');
    const unnamed = await trySignIn(app, { email: 'owner@groupkit.test', password: DEMO_PASSWORD });
    expect(unnamed.response.status).toBe(400);
    expect(unnamed.body.error).toMatchObject({ code: 'validation_failed' });
    expect((unnamed.body.error as unknown as { details: unknown }).details).toMatchObject({
      field: 'project',
    });
    // An unknown project is a wrong password: projects are not revealed.
    const unknown = await trySignIn(app, {
      email: 'owner@groupkit.test',
      password: DEMO_PASSWORD,
      project: 'nope',
    });
    expect(unknown.response.status).toBe(401);
    expect(unknown.body).toEqual(
      (await trySignIn(app, { email: 'x@y.test', password: 'wrong', project: 'demo' })).body,
    );
    // demo's operators are not acme2's.
    const elsewhere = await trySignIn(app, {
      email: 'owner@groupkit.test',
      password: DEMO_PASSWORD,
      project: 'acme2',
    });
    expect(elsewhere.body.error?.code).toBe('invalid_credentials');
    const named = await signIn(app, 'owner@groupkit.test', DEMO_PASSWORD, { project: 'demo' });
    expect((await asOperator(app, named, '/v1/user-groups/beta')).status).toBe(200);
  });

  it('re-reads the session in the load statement: a role changed or a session ended meanwhile reruns', async () => {
    const admin = await signIn(app, 'admin@groupkit.test');
    const loadAs = (session: { tokenHash: string; operatorId: string; role: string }) =>
      database.transaction(async (tx) => {
        const project = await findProject(tx, 'demo');
        if (!project) throw new Error('no demo project');
        const requestState = await createRequestState(
          tx,
          { ...project, keyHash: null, scope: 'secret', keyId: '', session },
          { now, ids: () => 'id' },
          { writes: false, inTransaction: true },
        );
        await requestState.load({});
        return 'loaded';
      });
    const tokenHash = sha256(admin.token);
    expect(await loadAs({ tokenHash, operatorId: 'op_admin', role: 'admin' })).toBe('loaded');
    await expect(loadAs({ tokenHash, operatorId: 'op_admin', role: 'owner' })).rejects.toThrow(
      StaleKeyOwner,
    );
    clock = T0 + 12 * HOUR;
    await expect(loadAs({ tokenHash, operatorId: 'op_admin', role: 'admin' })).rejects.toThrow(
      StaleKeyOwner,
    );
  });

  it('takes a hasher of the caller’s choosing', async () => {
    const passwords = scryptPasswords({ N: 2 ** 10 });
    const custom = createApp({ database, now, passwords });
    const owner = await signIn(custom, 'owner@groupkit.test');
    const created = await asOperator(custom, owner, '/v1/operators', {
      method: 'POST',
      json: { email: 'cheap@example.com', role: 'support', password: 'twelve chars!' },
    });
    expect(created.status).toBe(201);
    const [row] = await query<{ password_hash: string }>(
      `select password_hash from operators where email = 'cheap@example.com'`,
    );
    expect(row?.password_hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    // Read by the default hasher too: the cost is in the stored hash.
    await signIn(app, 'cheap@example.com', 'twelve chars!');
  });
});
