/**
 * Admin (secret-key) requests take a place at the app's gate: past its places they wait,
 * then answer 503 with Retry-After; end users, unknown keys and publishable keys never wait
 * for a place. One PGlite for the file, seeded with `default`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmissionGate } from '../app/admissionGate';
import { createApp, type GroupKitApp } from '../app/createApp';
import { type RunningServer, startServer } from '../startServer';
import { PUBLISHABLE_KEY, SECRET_KEY } from './support/http';
import { asOperator, signIn, trySignIn } from './support/operators';

const ORIGIN = 'https://api.groupkit.test';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ database: 'memory', port: 0, scenario: 'default' });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const call = (app: GroupKitApp, path: string, key: string) =>
  app.fetch(new Request(`${ORIGIN}${path}`, { headers: { authorization: `Bearer ${key}` } }));

describe('the admin gate', () => {
  it('queues admin requests past its places and refuses them after their timeout; end users pass', async () => {
    const gate = createAdmissionGate(1);
    const app = createApp({
      database: server.database,
      adminGate: gate,
      adminRequestTimeoutMs: 300,
      retryAfterSeconds: 3,
    });
    // Every place taken (an admin request holding it, as far as the gate knows).
    const held = await gate.enter();

    const refused = await call(app, '/v1/automations', SECRET_KEY);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'database_unavailable',
    );
    expect(gate.waiting).toBe(0);

    // Not queued at all: an end user, a made-up secret key, a publishable key on an admin route.
    const session = await call(app, '/v1/session?userId=u_ada', PUBLISHABLE_KEY);
    expect(session.status).toBe(200);
    expect((await call(app, '/v1/automations', 'sk_made_up')).status).toBe(401);
    expect((await call(app, '/v1/automations', PUBLISHABLE_KEY)).status).toBe(403);

    // A waiting admin request goes as soon as the place is free, and gives it back.
    const waiting = call(app, '/v1/automations', SECRET_KEY);
    await expect.poll(() => gate.waiting).toBe(1);
    held?.();
    expect((await waiting).status).toBe(200);
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('queues an operator on a secret route, and a sign-in; answers a dead cookie at once', async () => {
    const gate = createAdmissionGate(1);
    const app = createApp({
      database: server.database,
      adminGate: gate,
      adminRequestTimeoutMs: 300,
    });
    const admin = await signIn(app, 'admin@groupkit.test');
    const held = await gate.enter();

    const refused = await asOperator(app, admin, '/v1/automations');
    expect(refused).toMatchObject({
      status: 503,
      body: { error: { code: 'database_unavailable' } },
    });
    // Not queued: a route any key may call, the operator's own session, a cookie that signs
    // no one in.
    expect((await asOperator(app, admin, '/v1/user-groups/beta')).status).toBe(200);
    expect((await asOperator(app, admin, '/v1/operator-session')).status).toBe(200);
    const dead = await asOperator(
      app,
      { cookie: 'groupkit_session=nobody', csrfToken: '' },
      '/v1/automations',
    );
    expect(dead.status).toBe(401);
    // A sign-in hashes while it holds a connection: it waits for a place too.
    const signInRefused = await trySignIn(app, { email: 'owner@groupkit.test', password: 'x' });
    expect(signInRefused.response.status).toBe(503);
    expect(gate.waiting).toBe(0);

    const waiting = asOperator(app, admin, '/v1/automations');
    await expect.poll(() => gate.waiting).toBe(1);
    held?.();
    expect((await waiting).status).toBe(200);
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });
});
