/**
 * The in-process API key cache never outlives the database: a key revoked, or a project
 * whose settings (identity verification, client-writable properties) changed, after a
 * request cached the key takes effect at the very next request, read or write. On the
 * PostgreSQL service (a database of its own).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type GroupKitApp } from '../app/createApp';
import { createKeyCache } from '../app/keyCache';
import type { KeyOwner } from '../app/keys';
import { type Database, openDatabase } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { seedDatabase } from '../seed/seedDatabase';
import { PUBLISHABLE_KEY } from './support/http';

let testDatabase: TestDatabase | undefined;
let database: Database | undefined;
let app: GroupKitApp;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase(testDatabase.url, { poolSize: 2 });
}, 60_000);

beforeEach(async () => {
  await seedDatabase(database as Database, { scenario: 'default', reset: true });
  // A new app per test: a new, empty cache.
  app = createApp({ database: database as Database });
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

const call = (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${PUBLISHABLE_KEY}`);
  if (init.body) headers.set('content-type', 'application/json');
  return app.fetch(new Request(`https://api.groupkit.test${path}`, { ...init, headers }));
};
const session = () => call('/v1/session?userId=u_ada&groupId=acme');
const join = () =>
  call('/v1/users/u_ada/membership-changes', {
    method: 'POST',
    body: JSON.stringify({ changes: '+community' }),
  });
const sql = (text: string) => (database as Database).query(text);

describe('a cached API key', () => {
  it('answers 401 at the next read and write once the key is deleted', async () => {
    expect((await session()).status).toBe(200);
    await sql(`delete from api_keys where kind = 'publishable'`);
    const read = await session();
    expect(read.status).toBe(401);
    expect(await read.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await join()).status).toBe(401);
  });

  it('follows identity verification turned on, then off, at the next request', async () => {
    expect((await session()).status).toBe(200);
    await sql(`update projects set identity_verification = true`);
    // Cached as off: the load statement sees it on, and the request runs again.
    const refused = await session();
    expect(await refused.json()).toMatchObject({ error: { code: 'identity_unverified' } });
    await sql(`update projects set identity_verification = false`);
    // Cached as on: refused before loading, so it runs again from a fresh lookup.
    expect((await session()).status).toBe(200);
  });

  it('follows the properties browsers may write, changed by another process, at the next identify', async () => {
    const identify = () =>
      call('/v1/groups/identify', {
        method: 'POST',
        body: JSON.stringify({ identifier: 'acme', properties: { onboarding: { step: 1 } } }),
      });
    expect((await identify()).status).toBe(200);
    await sql(`update projects set client_writable_properties = '{}'`);
    // Cached as allowed: the load statement sees the new list, and the request runs again.
    const refused = await identify();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'property_not_writable' } });
    await sql(`update projects set client_writable_properties = '{onboarding}'`);
    expect((await identify()).status).toBe(200);
  });
});

describe('createKeyCache', () => {
  const owner = (keyHash: string): KeyOwner => ({
    id: 'p',
    identityVerification: false,
    clientWritableProperties: [],
    identitySecret: '',
    nextLegacyId: 1,
    keyHash,
    scope: 'publishable',
    keyId: 'k',
  });

  it('forgets an entry after its TTL', () => {
    let now = 0;
    const cache = createKeyCache({ ttlMs: 100, now: () => now });
    cache.set(owner('a'));
    now = 99;
    expect(cache.get('a')?.keyHash).toBe('a');
    now = 100;
    expect(cache.get('a')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const cache = createKeyCache({ maxEntries: 2 });
    cache.set(owner('a'));
    cache.set(owner('b'));
    cache.set(owner('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')?.keyHash).toBe('c');
  });
});
