import { describe, expect, it } from 'vitest';
import { contractApi, PUBLISHABLE_KEY, SECRET_KEY } from './support/api';

// A fresh world per test: keys made or revoked in one must not reach the next.
const api = contractApi({ perTest: true });
const owner = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { key: SECRET_KEY, body });

interface KeyInfo {
  id: string;
  kind: string;
  prefix: string;
  createdAt: string;
}

describe('API keys, managed by owners', () => {
  it('lists the project’s keys by id, kind and prefix, never the key itself', async () => {
    const { status, body } = await owner('GET', '/api-keys');
    expect(status).toBe(200);
    const keys = body.data as KeyInfo[];
    expect(keys.map(({ id, kind, prefix }) => ({ id, kind, prefix }))).toEqual([
      { id: 'pk_test', kind: 'publishable', prefix: PUBLISHABLE_KEY.slice(0, 12) },
      { id: 'sk_test', kind: 'secret', prefix: SECRET_KEY.slice(0, 12) },
    ]);
    expect(JSON.stringify(body)).not.toContain(SECRET_KEY);
  });

  it('makes a key that works at once and is shown only in the answer that made it', async () => {
    const created = await owner('POST', '/api-keys', { kind: 'secret' });
    expect(created.status).toBe(201);
    const value = created.body.value as string;
    expect(value).toMatch(/^sk_live_[A-Za-z0-9_-]{32}$/);
    expect(created.body.key).toMatchObject({ kind: 'secret', prefix: value.slice(0, 12) });

    const withNewKey = await api.call('GET', '/users/u_ada', { key: value });
    expect(withNewKey.status).toBe(200);
    const listed = await owner('GET', '/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(value);
    expect((listed.body.data as KeyInfo[]).map((k) => k.id)).toContain(created.body.key.id);
  });

  it('a new publishable key acts as a browser key: admin routes refuse it', async () => {
    const created = await owner('POST', '/api-keys', { kind: 'publishable' });
    const value = created.body.value as string;
    expect(value).toMatch(/^pk_live_/);
    expect((await api.call('GET', '/users/u_ada/memberships', { key: value })).status).toBe(200);
    const refused = await api.call('GET', '/users', { key: value });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  it('revokes a key: the next request with it is 401, other keys keep working', async () => {
    const created = await owner('POST', '/api-keys', { kind: 'secret' });
    const rotated = created.body.value as string;
    const revoked = await api.call('DELETE', '/api-keys/sk_test', { key: rotated });
    expect(revoked.status).toBe(204);

    const old = await api.call('GET', '/users/u_ada', { key: SECRET_KEY });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('unauthorized');
    expect((await api.call('GET', '/users/u_ada', { key: rotated })).status).toBe(200);
  });

  it('refuses an unknown key id (404) and a bad kind (400), changing nothing', async () => {
    const before = await api.dump();
    const missing = await owner('DELETE', '/api-keys/sk_nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('api_key_not_found');
    const bad = await owner('POST', '/api-keys', { kind: 'root' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'kind' } });
    const extra = await owner('POST', '/api-keys', { kind: 'secret', name: 'ci' });
    expect(extra.status).toBe(400);
    expect(await api.dump()).toEqual(before);
  });

  it('audits a new key without its value', async () => {
    const created = await owner('POST', '/api-keys', { kind: 'secret' });
    const value = created.body.value as string;
    const log = await owner('GET', '/audit-log?targetType=api_key');
    expect(log.status).toBe(200);
    const [entry] = log.body.data;
    expect(entry).toMatchObject({
      action: 'POST /api-keys',
      actor: { type: 'key', keyId: 'sk_test' },
      target: { type: 'api_key', id: created.body.key.id },
      after: { key: { id: created.body.key.id }, value: '[redacted]' },
    });
    expect(JSON.stringify(log.body)).not.toContain(value);
  });

  it('audits a revoked key: before names what was revoked, never the key or its hash', async () => {
    const created = await owner('POST', '/api-keys', { kind: 'publishable' });
    const value = created.body.value as string;
    const key = created.body.key as KeyInfo;
    expect((await owner('DELETE', `/api-keys/${key.id}`)).status).toBe(204);
    const log = await owner('GET', '/audit-log?targetType=api_key');
    const [entry] = log.body.data;
    expect(entry).toMatchObject({
      action: 'DELETE /api-keys/:id',
      actor: { type: 'key', keyId: 'sk_test' },
      target: { type: 'api_key', id: key.id },
      request: null,
      after: null,
    });
    // Exactly the listing's fields: nothing more (no hash) is kept.
    expect(entry.before).toEqual({
      id: key.id,
      kind: 'publishable',
      prefix: value.slice(0, 12),
      createdAt: key.createdAt,
    });
    const logged = JSON.stringify(log.body);
    expect(logged).not.toContain(value);
    const hash = Array.from(
      new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))),
      (byte) => byte.toString(16).padStart(2, '0'),
    ).join('');
    expect(logged).not.toContain(hash);
  });
});
