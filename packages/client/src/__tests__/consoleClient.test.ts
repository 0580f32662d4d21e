import { describe, expect, it } from 'vitest';
import { createGroupKitConsoleClient } from '../console';
import { createGroupKitClient } from '../createGroupKitClient';
import { GroupKitApiError } from '../errors';
import { BASE, PUBLISHABLE_KEY, rejection, setupMockApi, testAdminClient } from './mockApi';

const api = setupMockApi();
const PASSWORD = 'groupkit-demo-password';

/** A console client of the mock that records what each request sent. */
function consoleClient() {
  const sent: { method: string; path: string; headers: Headers; credentials?: string }[] = [];
  const client = createGroupKitConsoleClient({
    baseUrl: BASE,
    retry: { retries: 0 },
    fetch: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      sent.push({
        method: init?.method ?? 'GET',
        path: url.pathname,
        headers: new Headers(init?.headers),
        credentials: init?.credentials,
      });
      return globalThis.fetch(input, init);
    },
  });
  return { client, sent };
}

const signedInAs = async (role: 'owner' | 'admin' | 'support') => {
  const { client, sent } = consoleClient();
  await client.signIn({ email: `${role}@groupkit.test`, password: PASSWORD });
  return { client, sent };
};

describe('createGroupKitConsoleClient', () => {
  it('has every admin method of the secret-key client, and no API key', () => {
    const { client } = consoleClient();
    const admin = testAdminClient();
    const browser = createGroupKitClient({ apiKey: PUBLISHABLE_KEY });
    const adminOnly = Object.keys(admin).filter((key) => !(key in browser));
    expect(Object.keys(client)).toEqual(expect.arrayContaining(adminOnly));
    expect(client).not.toHaveProperty('apiKey');
    expect(client.baseUrl).toBe(BASE);
  });

  it('signs in without a key, with the cookie sent along (credentials: include)', async () => {
    const { client, sent } = consoleClient();
    const session = await client.signIn({ email: 'Support@GroupKit.test', password: PASSWORD });
    expect(session).toMatchObject({
      operator: { email: 'support@groupkit.test', role: 'support' },
      csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/),
      expiresAt: expect.any(String),
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v1/operator-session' });
    expect(sent[0]?.credentials).toBe('include');
    expect(sent[0]?.headers.has('authorization')).toBe(false);
    expect(sent[0]?.headers.has('x-csrf-token')).toBe(false);
  });

  it('sends the CSRF token on writes only, and the write is audited with the operator', async () => {
    const { client, sent } = await signedInAs('support');
    const { csrfToken } = (await client.getOperatorSession()) ?? { csrfToken: '' };
    await client.listUserGroups();
    expect(await client.addGroupMembers('vip', { user_ids: ['u_alan'] })).toMatchObject({
      added: 1,
    });
    const [, read, list, write] = sent;
    expect(read?.headers.has('x-csrf-token')).toBe(false);
    expect(list?.headers.has('x-csrf-token')).toBe(false);
    expect(write?.headers.get('x-csrf-token')).toBe(csrfToken);
    const audit = api.engine.listAuditLog({ limit: 1 });
    expect(audit.data[0]).toMatchObject({
      action: 'POST /user-groups/:id/users',
      actor: { type: 'operator', email: 'support@groupkit.test' },
    });
  });

  it('an owner makes an API key (its value once), and revokes it: the key stops working', async () => {
    const { client } = await signedInAs('owner');
    const { key, value } = await client.createApiKey('secret');
    expect(value.slice(0, 12)).toBe(key.prefix);
    expect((await client.listApiKeys()).map((k) => k.id)).toEqual(['pk_test', 'sk_test', key.id]);
    const withKey = createGroupKitClient({ apiKey: value, baseUrl: BASE, retry: { retries: 0 } });
    await expect(withKey.listMemberships('u_ada')).resolves.toBeInstanceOf(Array);
    await client.deleteApiKey(key.id);
    const error = await rejection(withKey.listMemberships('u_ada'));
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    // An admin may not: keys are the owner's.
    const { client: adminClient } = await signedInAs('admin');
    expect(await rejection(adminClient.listApiKeys())).toMatchObject({
      status: 403,
      code: 'role_forbidden',
    });
  });

  it('a write with the cookie but without the token is refused: 403 csrf_failed', async () => {
    await signedInAs('admin');
    // Another client shares the cookie jar (MSW's, in Node) but never saw the token.
    const { client: stranger } = consoleClient();
    const error = await rejection(stranger.deleteUserGroup('beta'));
    expect(error).toBeInstanceOf(GroupKitApiError);
    expect(error).toMatchObject({ status: 403, code: 'csrf_failed' });
    // A reload learns the token again from GET, and then may write.
    expect(await stranger.getOperatorSession()).toMatchObject({ operator: { role: 'admin' } });
    await expect(stranger.deleteUserGroup('beta')).resolves.toBeUndefined();
  });

  it('getOperatorSession: the session after a reload, null when signed out', async () => {
    const { client } = await signedInAs('owner');
    expect(await client.getOperatorSession()).toMatchObject({
      operator: { email: 'owner@groupkit.test', role: 'owner' },
    });
    await client.signOut();
    expect(await client.getOperatorSession()).toBeNull();
    // Signing out again (the session is gone already) is not an error.
    await expect(client.signOut()).resolves.toBeUndefined();
    // A later request is 401 unauthorized, typed.
    expect(await rejection(client.listUsers())).toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
  });

  it('a session that ended elsewhere (its operator removed) reads as null', async () => {
    const { client } = await signedInAs('admin');
    api.engine.deleteOperator(api.engine.findOperatorByEmail('admin@groupkit.test')?.id ?? '');
    expect(await client.getOperatorSession()).toBeNull();
  });

  it('wrong passwords: 401 invalid_credentials, then 429 too_many_attempts with retryAt', async () => {
    const { client } = consoleClient();
    const wrong = () =>
      rejection(client.signIn({ email: 'admin@groupkit.test', password: 'nope' }));
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await wrong()).toMatchObject({ status: 401, code: 'invalid_credentials' });
    }
    const locked = (await wrong()) as GroupKitApiError;
    expect(locked).toMatchObject({ status: 429, code: 'too_many_attempts' });
    expect(locked.retryAfter).toBeGreaterThan(0);
    expect(locked.retryAt).toBeInstanceOf(Date);
    // Even the right password waits out the lockout.
    expect(
      await rejection(client.signIn({ email: 'admin@groupkit.test', password: PASSWORD })),
    ).toMatchObject({ code: 'too_many_attempts' });
  }, 30_000);

  it('below the route’s role: 403 role_forbidden naming the role needed', async () => {
    const { client } = await signedInAs('support');
    const error = await rejection(client.updateUserGroup('uk-users', { name: 'UK' }));
    expect(error).toMatchObject({
      status: 403,
      code: 'role_forbidden',
      details: { role: 'admin', yourRole: 'support' },
    });
    expect(await rejection(client.listAuditLog())).toMatchObject({ code: 'role_forbidden' });
  });
});

describe('operators and the audit log (owner)', () => {
  it('creates an operator with a one-time password, who can then sign in', async () => {
    const { client } = await signedInAs('owner');
    const created = await client.createOperator({ email: 'sam@example.com', role: 'support' });
    expect(created.operator).toMatchObject({ email: 'sam@example.com', role: 'support' });
    expect(created.password).toEqual(expect.any(String));
    expect((await client.listOperators()).map((o) => o.email)).toContain('sam@example.com');

    expect(
      await rejection(client.createOperator({ email: 'SAM@example.com', role: 'admin' })),
    ).toMatchObject({ status: 409, code: 'email_taken' });
    // One cookie jar (a browser's is one per origin too): Sam's sign-in replaces the owner's.
    const sam = consoleClient().client;
    const session = await sam.signIn({
      email: 'sam@example.com',
      password: created.password ?? '',
    });
    expect(session.operator.role).toBe('support');
  }, 30_000);

  it('changes a role, refuses to lose the last owner, and removes an operator', async () => {
    const { client } = await signedInAs('owner');
    const operators = await client.listOperators();
    const id = (email: string) => operators.find((o) => o.email === email)?.id ?? '';
    expect(
      await client.updateOperator(id('support@groupkit.test'), { role: 'admin' }),
    ).toMatchObject({ role: 'admin' });
    expect(
      await rejection(client.updateOperator(id('owner@groupkit.test'), { role: 'admin' })),
    ).toMatchObject({ status: 409, code: 'last_owner' });
    expect(await rejection(client.deleteOperator(id('owner@groupkit.test')))).toMatchObject({
      status: 409,
      code: 'last_owner',
    });
    await client.deleteOperator(id('support@groupkit.test'));
    expect(await rejection(client.deleteOperator(id('support@groupkit.test')))).toMatchObject({
      status: 404,
      code: 'operator_not_found',
    });
  });

  it('lists the audit log with filters and paging, and exports it as CSV', async () => {
    const { client } = await signedInAs('owner');
    await client.createOperator({
      email: 'sam@example.com',
      role: 'support',
      password: 'a'.repeat(12),
    });
    await client.addGroupMembers('vip', { user_ids: ['u_alan'] });
    await client.addGroupMembers('beta', { user_ids: ['u_alan'] });

    const first = await client.listAuditLog({ actor: 'owner@groupkit.test', limit: 2 });
    expect(first.data.map((e) => e.action)).toEqual([
      'POST /user-groups/:id/users',
      'POST /user-groups/:id/users',
    ]);
    expect(first.nextBefore).toEqual(expect.any(Number));
    const second = await client.listAuditLog({
      actor: 'owner@groupkit.test',
      limit: 2,
      before: first.nextBefore ?? undefined,
    });
    expect(second.data.map((e) => [e.action, e.target.type])).toEqual([
      ['POST /operators', 'operator'],
    ]);
    expect(second.nextBefore).toBeNull();
    // The password it was given is never in the log.
    expect(JSON.stringify(second.data[0]?.request)).not.toContain('aaaaaaaaaaaa');

    const byType = await client.listAuditLog({ targetType: 'operator', actor: '', from: '' });
    expect(byType.data).toHaveLength(1);

    const csv = await client.exportAuditLogCsv({ targetType: 'user_group' });
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'seq,at,actor_type,actor,action,target_type,target_id,request,before,after',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('owner@groupkit.test');
  });
});
