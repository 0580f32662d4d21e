import { describe, expect, it } from 'vitest';
import { SECRET_KEY, contractApi } from './support/api';

const api = contractApi();

const post = (
  path: string,
  body: unknown,
  options: { key?: string; headers?: Record<string, string> } = {},
) => api.call('POST', path, { body, ...options });

describe('POST /v1/users/{userId}/membership-changes', () => {
  it('joins and leaves an open group with the publishable key', async () => {
    const joined = await post('/users/u_alan/membership-changes', { changes: '+newsletter' });
    expect(joined.status).toBe(200);
    expect(joined.body.applied).toEqual([{ op: 'add', group: 'newsletter', result: 'added' }]);
    expect(joined.body.memberships.map((m: { slug: string }) => m.slug)).toContain('newsletter');
    const left = await post('/users/u_alan/membership-changes', {
      changes: [{ op: 'remove', group: 'newsletter' }],
    });
    expect(left.body.applied[0].result).toBe('removed');
  });

  it('answers 4xx naming the op index, and applies nothing', async () => {
    const response = await post('/users/u_alan/membership-changes', {
      changes: '+community,+beta',
    });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({
      code: 'group_not_joinable',
      details: { opIndex: 1 },
    });
    expect(await api.slugsOf('u_alan')).not.toContain('community');
  });

  it('previews with dryRun, then applies', async () => {
    const preview = (
      await post(
        '/users/u_ada/membership-changes',
        { changes: '-pro,+plus', dryRun: true },
        { key: SECRET_KEY },
      )
    ).body;
    expect(preview.automations.map((a: { name: string }) => a.name)).toEqual([
      'Pro cancellation survey',
      'Welcome to Plus',
    ]);
    expect(await api.slugsOf('u_ada')).toContain('pro');
    const applied = (
      await post('/users/u_ada/membership-changes', { changes: '-pro,+plus' }, { key: SECRET_KEY })
    ).body;
    expect(applied.applied).toEqual(preview.applied);
    expect(applied.automations).toEqual(preview.automations);
    const slugs = (body: { memberships: { slug: string }[] }) =>
      body.memberships.map((m) => m.slug);
    expect(slugs(applied)).toEqual(slugs(preview));
  });

  it('names groups by slug in any case: the seed’s "-Pro,+Plus" is "-pro,+plus"', async () => {
    await api.reset(); // Ada holds pro again
    const response = await post(
      '/users/u_ada/membership-changes',
      { changes: '-Pro,+PLUS' },
      { key: SECRET_KEY },
    );
    expect(response.status).toBe(200);
    // Reported under the groups' own slugs, with the automations the lowercase change fires.
    expect(response.body.applied).toEqual([
      { op: 'remove', group: 'pro', result: 'removed' },
      { op: 'add', group: 'plus', result: 'added' },
    ]);
    expect(response.body.automations.map((a: { name: string }) => a.name)).toEqual([
      'Pro cancellation survey',
      'Welcome to Plus',
    ]);
    expect(await api.slugsOf('u_ada')).toEqual(expect.arrayContaining(['plus']));
    expect(await api.slugsOf('u_ada')).not.toContain('pro');
    // The publishable key too, on an open group; an unknown group keeps its typed error.
    const joined = await post('/users/u_alan/membership-changes', { changes: '+NewsLetter' });
    expect(joined.body.applied).toEqual([{ op: 'add', group: 'newsletter', result: 'added' }]);
    const unknown = await post('/users/u_alan/membership-changes', { changes: '+NewsLetters' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'user_group_not_found',
      details: { opIndex: 0, group: 'NewsLetters' },
    });
    await post('/users/u_alan/membership-changes', { changes: '-NEWSLETTER' });
    expect(await api.slugsOf('u_alan')).not.toContain('newsletter');
  });

  it('lets a member leave a code group, unless the group keeps its members', async () => {
    const redeemed = await post('/users/u_grace/redeem-code', { code: 'BETA-2026' });
    expect(redeemed.body.result).toBe('added');
    const left = await post('/users/u_grace/membership-changes', { changes: '-beta' });
    expect(left.status).toBe(200);
    expect(left.body.applied).toEqual([{ op: 'remove', group: 'beta', result: 'removed' }]);
    // Back with the same code (it does not spend another use), then the group keeps members.
    await post('/users/u_grace/redeem-code', { code: 'BETA-2026' });
    const kept = await api.call('PUT', '/user-groups/beta', {
      key: SECRET_KEY,
      body: { allowLeave: false },
    });
    expect(kept.body.allowLeave).toBe(false);
    const refused = await post('/users/u_grace/membership-changes', {
      changes: '+newsletter,-beta',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'leave_not_allowed',
      details: { opIndex: 1, group: 'beta' },
    });
    // Nothing of the refused change applied; an admin still removes members.
    expect(await api.slugsOf('u_grace')).toEqual(expect.arrayContaining(['beta']));
    expect(await api.slugsOf('u_grace')).not.toContain('newsletter');
    const byAdmin = await post(
      '/users/u_grace/membership-changes',
      { changes: '-beta' },
      { key: SECRET_KEY },
    );
    expect(byAdmin.body.applied[0].result).toBe('removed');
    await api.call('PUT', '/user-groups/beta', { key: SECRET_KEY, body: { allowLeave: true } });
  });

  it('lets a member leave an open group even after it closed, and never an automatic one', async () => {
    await api.call('PUT', '/user-groups/community', {
      key: SECRET_KEY,
      body: { stopsAt: '2020-01-01T00:00:00Z' },
    });
    await post('/users/u_ada/membership-changes', { changes: '-community' });
    const ended = await post('/users/u_ada/membership-changes', { changes: '+community' });
    expect(ended.body.error.code).toBe('group_not_active');
    // u_grace joined before it closed (an admin add stands in for that).
    await post('/users/u_grace/membership-changes', { changes: '+community' }, { key: SECRET_KEY });
    const left = await post('/users/u_grace/membership-changes', { changes: '-community' });
    expect(left.body.applied).toEqual([{ op: 'remove', group: 'community', result: 'removed' }]);
    const automatic = await post('/users/u_alan/membership-changes', { changes: '-uk-users' });
    expect(automatic.status).toBe(409);
    expect(automatic.body.error.code).toBe('group_is_automatic');
    await api.call('PUT', '/user-groups/community', { key: SECRET_KEY, body: { stopsAt: null } });
  });

  it('replays a retried request with the same Idempotency-Key instead of applying it twice', async () => {
    const send = () =>
      post(
        '/users/u_grace/membership-changes',
        { changes: '+community' },
        { headers: { 'idempotency-key': 'chg_1' } },
      );
    const first = await send();
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await send();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    const again = await post(
      '/users/u_grace/membership-changes',
      { changes: '-community' },
      { headers: { 'idempotency-key': 'chg_1' } },
    );
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('idempotency_key_reused');
  });

  it.each([
    ['malformed JSON', '{"changes": "+newsletter"', 400, 'invalid_json'],
    ['a non-object body', '[]', 400, 'validation_failed'],
    ['an unknown field', { changes: '+newsletter', force: true }, 400, 'validation_failed'],
    ['a non-boolean dryRun', { changes: '+newsletter', dryRun: 'yes' }, 400, 'validation_failed'],
    ['a malformed change', { changes: 'newsletter' }, 400, 'invalid_change'],
    ['an oversized body', { changes: `+${'a'.repeat(70_000)}` }, 413, 'payload_too_large'],
  ])('refuses %s with a typed error, changing nothing', async (_, body, status, code) => {
    const before = await api.dump();
    const response = await post('/users/u_alan/membership-changes', body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await api.dump()).toEqual(before);
  });
});

describe('automations endpoints (secret key)', () => {
  it('creates an automation, logs its runs and lists them by user', async () => {
    const created = await post(
      '/automations',
      {
        name: 'Forum hello',
        trigger: { event: 'added_to', group: 'community' },
        action: { type: 'email', template: 'hello' },
      },
      { key: SECRET_KEY },
    );
    expect(created.status).toBe(201);
    await post('/users/u_alan/membership-changes', { changes: '+community' });
    const runs = await api.call('GET', '/automations/runs?userId=u_alan', { key: SECRET_KEY });
    expect(
      runs.body.data.map((r: { name: string; opIndex: number }) => [r.name, r.opIndex]),
    ).toEqual([['Forum hello', 0]]);
  });

  it('refuses the publishable key', async () => {
    const response = await post('/automations', {});
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
  });
});
