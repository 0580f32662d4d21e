import { describe, expect, it } from 'vitest';
import { serveMockApi } from './support/mockServer';

const BASE = 'https://changes.groupkit.test';
const { engine } = serveMockApi({ baseUrl: BASE });

function post(
  path: string,
  body: unknown,
  { key = 'pk_test_groupkit', headers = {} as Record<string, string> } = {},
) {
  return fetch(`${BASE}/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /v1/users/{userId}/membership-changes', () => {
  it('joins and leaves an open group with the publishable key', async () => {
    const joined = await post('/users/u_alan/membership-changes', { changes: '+newsletter' });
    expect(joined.status).toBe(200);
    const body = await joined.json();
    expect(body.applied).toEqual([{ op: 'add', group: 'newsletter', result: 'added' }]);
    expect(body.memberships.map((m: { slug: string }) => m.slug)).toContain('newsletter');
    const left = await post('/users/u_alan/membership-changes', {
      changes: [{ op: 'remove', group: 'newsletter' }],
    });
    expect((await left.json()).applied[0].result).toBe('removed');
  });

  it('answers 4xx naming the op index, and applies nothing', async () => {
    const response = await post('/users/u_alan/membership-changes', {
      changes: '+community,+beta',
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatchObject({
      code: 'group_not_joinable',
      details: { opIndex: 1 },
    });
    expect(engine.listMemberships('u_alan').map((m) => m.slug)).not.toContain('community');
  });

  it('previews with dryRun, then applies', async () => {
    const preview = await (
      await post(
        '/users/u_ada/membership-changes',
        { changes: '-pro,+plus', dryRun: true },
        { key: 'sk_test_groupkit' },
      )
    ).json();
    expect(preview.automations.map((a: { name: string }) => a.name)).toEqual([
      'Pro cancellation survey',
      'Welcome to Plus',
    ]);
    expect(engine.listMemberships('u_ada').map((m) => m.slug)).toContain('pro');
    const applied = await (
      await post(
        '/users/u_ada/membership-changes',
        { changes: '-pro,+plus' },
        { key: 'sk_test_groupkit' },
      )
    ).json();
    expect(applied.applied).toEqual(preview.applied);
    expect(applied.automations).toEqual(preview.automations);
    const slugs = (body: { memberships: { slug: string }[] }) =>
      body.memberships.map((m) => m.slug);
    expect(slugs(applied)).toEqual(slugs(preview));
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
    expect(await second.json()).toEqual(await first.json());
    const again = await post(
      '/users/u_grace/membership-changes',
      { changes: '-community' },
      { headers: { 'idempotency-key': 'chg_1' } },
    );
    expect(again.status).toBe(422);
    expect((await again.json()).error.code).toBe('idempotency_key_reused');
  });

  it.each([
    ['malformed JSON', '{"changes": "+newsletter"', 400, 'invalid_json'],
    ['a non-object body', '[]', 400, 'validation_failed'],
    ['an unknown field', { changes: '+newsletter', force: true }, 400, 'validation_failed'],
    ['a non-boolean dryRun', { changes: '+newsletter', dryRun: 'yes' }, 400, 'validation_failed'],
    ['a malformed change', { changes: 'newsletter' }, 400, 'invalid_change'],
    ['an oversized body', { changes: `+${'a'.repeat(70_000)}` }, 413, 'payload_too_large'],
  ])('refuses %s with a typed error', async (_, body, status, code) => {
    const response = await post('/users/u_alan/membership-changes', body);
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
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
      { key: 'sk_test_groupkit' },
    );
    expect(created.status).toBe(201);
    await post('/users/u_alan/membership-changes', { changes: '+community' });
    const runs = await fetch(`${BASE}/v1/automations/runs?userId=u_alan`, {
      headers: { authorization: 'Bearer sk_test_groupkit' },
    });
    expect(
      (await runs.json()).data.map((r: { name: string; opIndex: number }) => [r.name, r.opIndex]),
    ).toEqual([['Forum hello', 0]]);
  });

  it('refuses the publishable key', async () => {
    const response = await post('/automations', {}, { key: 'pk_test_groupkit' });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden');
  });
});
