import { describe, expect, it } from 'vitest';
import { pbkdf2Passwords, verifyPbkdf2 } from '../api/passwords';
import { auditLogCsv, parseAuditQuery, redactSecrets } from '../engine/auditLog';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import { isGroupsEngineError } from '../engine/errors';
import { DEMO_OPERATOR_PASSWORD } from '../scenarios/operators';

// Few iterations: these tests are about the format and the comparison, not the cost.
const fast = pbkdf2Passwords(1_000);

describe('operator passwords (PBKDF2, WebCrypto)', () => {
  it('verifies the password that made a hash and nothing else', async () => {
    const hash = await fast.hash('correct horse battery');
    expect(hash).toMatch(/^pbkdf2-sha256\$1000\$[\w-]{22}\$[\w-]{43}$/);
    expect(await fast.verify(hash, 'correct horse battery')).toBe(true);
    expect(await fast.verify(hash, 'correct horse batterY')).toBe(false);
  });

  it('salts every hash: the same password hashes differently twice', async () => {
    expect(await fast.hash('same password!')).not.toBe(await fast.hash('same password!'));
  });

  it('refuses formats it does not know and absurd iteration counts, without throwing', async () => {
    expect(await verifyPbkdf2('scrypt$32768$8$1$AAAA$BBBB', 'x')).toBe(false);
    expect(await verifyPbkdf2('pbkdf2-sha256$0$AAAA$BBBB', 'x')).toBe(false);
    expect(await verifyPbkdf2('pbkdf2-sha256$999999999$AAAA$BBBB', 'x')).toBe(false);
    expect(await verifyPbkdf2('', 'x')).toBe(false);
  });

  it('the seeded demo operators sign in with the documented password', async () => {
    const engine = createGroupsEngine();
    const owner = engine.findOperatorByEmail('owner@groupkit.test');
    expect(owner?.role).toBe('owner');
    expect(await fast.verify(owner?.passwordHash ?? '', DEMO_OPERATOR_PASSWORD)).toBe(true);
  });
});

describe('sign-in lockout', () => {
  it('locks an email after 5 failures in 15 minutes, until the oldest ages out', () => {
    let now = Date.parse('2026-12-03T10:00:00Z');
    const engine = createGroupsEngine({ now: () => new Date(now) });
    for (let i = 0; i < 5; i++) {
      expect(() => engine.failSignIn('owner@groupkit.test')).toThrow(/Wrong email or password/);
      now += 60_000;
    }
    let refusal: unknown;
    try {
      engine.refuseLockedSignIn('owner@groupkit.test');
    } catch (error) {
      refusal = error;
    }
    expect(isGroupsEngineError(refusal) && refusal.code).toBe('too_many_attempts');
    // The first failure was at 10:00; the lock lifts 15 minutes later, at 10:15.
    expect(isGroupsEngineError(refusal) && refusal.details.retryAt).toBe(
      '2026-12-03T10:15:00.000Z',
    );
    expect(isGroupsEngineError(refusal) && refusal.retryAfter).toBe(10 * 60);
    // Another email is not locked.
    expect(() => engine.refuseLockedSignIn('admin@groupkit.test')).not.toThrow();
    now = Date.parse('2026-12-03T10:15:00.001Z');
    expect(() => engine.refuseLockedSignIn('owner@groupkit.test')).not.toThrow();
  });

  it('a sign-in that succeeds forgets earlier failures', () => {
    const engine = createGroupsEngine();
    for (let i = 0; i < 4; i++) expect(() => engine.failSignIn('admin@groupkit.test')).toThrow();
    engine.startSession('op_admin', 'a'.repeat(64));
    expect(() => engine.failSignIn('admin@groupkit.test')).toThrow(/Wrong email/);
    expect(() => engine.refuseLockedSignIn('admin@groupkit.test')).not.toThrow();
  });
});

describe('sessions', () => {
  it('a session signs in its operator until it expires, or the operator is gone', () => {
    let now = Date.parse('2026-12-03T10:00:00Z');
    const engine = createGroupsEngine({ now: () => new Date(now) });
    const { expiresAt } = engine.startSession('op_support', 'h1');
    expect(expiresAt).toBe('2026-12-03T22:00:00.000Z');
    expect(engine.operatorOfSession('h1')?.operator.email).toBe('support@groupkit.test');
    expect(engine.operatorOfSession('h2')).toBeNull();
    now = Date.parse(expiresAt);
    expect(engine.operatorOfSession('h1')).toBeNull();

    now = Date.parse('2026-12-03T10:00:00Z');
    engine.startSession('op_admin', 'h3');
    engine.deleteOperator('op_admin');
    expect(engine.operatorOfSession('h3')).toBeNull();
  });

  it('keeps an owner: the last one can be neither demoted nor removed', () => {
    const engine = createGroupsEngine();
    expect(() => engine.updateOperator('op_owner', { role: 'admin' })).toThrow(/last owner/);
    expect(() => engine.deleteOperator('op_owner')).toThrow(/last owner/);
    engine.updateOperator('op_admin', { role: 'owner' });
    expect(engine.deleteOperator('op_owner').email).toBe('owner@groupkit.test');
  });
});

describe('audit redaction', () => {
  it('replaces passwords at any depth, and the fields a route names', () => {
    expect(
      redactSecrets({ email: 'a@b.c', password: 'x', nested: [{ password: 'y', value: 1 }] }),
    ).toEqual({
      email: 'a@b.c',
      password: '[redacted]',
      nested: [{ password: '[redacted]', value: 1 }],
    });
    expect(redactSecrets({ key: { id: 'k' }, value: 'sk_live_x' }, ['value'])).toEqual({
      key: { id: 'k' },
      value: '[redacted]',
    });
  });
});

describe('the command line as an audit actor', () => {
  it('is found by ?actor=cli (and by nothing an operator or key answers to), and has an empty CSV actor cell', () => {
    const engine = createGroupsEngine();
    const entry = (actor: Parameters<typeof engine.appendAudit>[0]['actor'], id: string) =>
      engine.appendAudit({
        actor,
        action: 'groupkit-server admins create',
        target: { type: 'operator', id },
        request: { email: `${id}@example.com`, role: 'admin', password: 'chosen-password' },
        before: null,
        after: null,
      });
    entry({ type: 'cli' }, 'op_cli');
    entry({ type: 'key', keyId: 'sk_test' }, 'op_key');
    const actorOf = (query: string) =>
      engine.listAuditLog(parseAuditQuery(new URLSearchParams(query))).data.map((e) => e.target.id);
    expect(actorOf('actor=cli')).toEqual(['op_cli']);
    expect(actorOf('actor=CLI')).toEqual(['op_cli']);
    expect(actorOf('actor=sk_test')).toEqual(['op_key']);
    const page = engine.listAuditLog(parseAuditQuery(new URLSearchParams('actor=cli')));
    expect(page.data[0]?.request).toMatchObject({ password: '[redacted]' });
    const [, row] = auditLogCsv(page).split('\r\n');
    expect(row?.split(',').slice(2, 5)).toEqual(['cli', '', 'groupkit-server admins create']);
  });
});

describe('snapshots', () => {
  it('restores a version 2 snapshot with the demo keys and operators, and an empty log', () => {
    const { apiKeys, operators, operatorSessions, signInFailures, auditLog, ...v2 } =
      createGroupsEngine().snapshot();
    void [apiKeys, operators, operatorSessions, signInFailures, auditLog];
    const restored = createGroupsEngine({ snapshot: { ...v2, version: 2 } as never });
    expect(restored.listApiKeys().map((k) => k.id)).toEqual(['pk_test', 'sk_test']);
    expect(restored.listOperators().map((o) => o.email)).toEqual([
      'owner@groupkit.test',
      'admin@groupkit.test',
      'support@groupkit.test',
    ]);
    expect(restored.listAuditLog({ limit: 50 })).toEqual({ data: [], nextBefore: null });
  });
});
