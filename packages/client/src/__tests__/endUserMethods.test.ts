import { describe, expect, it } from 'vitest';
import { createClientCore } from '../clientCore';
import { GroupKitApiError, GroupKitChangeError, GroupKitErrorCode } from '../errors';
import { BASE, PUBLISHABLE_KEY, rejection, SECRET_KEY, setupMockApi, testClient } from './mockApi';

const api = setupMockApi();
const client = testClient(PUBLISHABLE_KEY);
// Plan groups (pro, plus) are not user-viewable: only a server moves users between them.
const server = testClient(SECRET_KEY);

describe('end-user methods against the mock', () => {
  it('reads one viewable user group by slug, and 404s a hidden one', async () => {
    const newsletter = await client.getUserGroup('newsletter');
    expect(newsletter).toMatchObject({ slug: 'newsletter', joinType: 'open', status: 'active' });
    expect(await client.getUserGroup(newsletter.id)).toEqual(newsletter);
    const error = await rejection(client.getUserGroup('no-such-group'));
    expect(error).toBeInstanceOf(GroupKitApiError);
    expect(error).toMatchObject({ status: 404, code: 'user_group_not_found' });
  });

  it("applies Ada's -pro,+plus in order and reports both automations it fired", async () => {
    const result = await server.changeMemberships('u_ada', '-pro,+plus');
    expect(result.applied).toEqual([
      { op: 'remove', group: 'pro', result: 'removed' },
      { op: 'add', group: 'plus', result: 'added' },
    ]);
    const slugs = result.memberships.map((m) => m.slug);
    expect(slugs).toContain('plus');
    expect(slugs).not.toContain('pro');
    expect(result.automations.map((a) => a.name).sort()).toEqual([
      'Pro cancellation survey',
      'Welcome to Plus',
    ]);
    expect(api.engine.listAutomationRuns('u_ada')).toHaveLength(2);
  });

  it('fires nothing for +plus,-pro: order is meaning', async () => {
    const result = await server.changeMemberships('u_ada', [
      { op: 'add', group: 'plus' },
      { op: 'remove', group: 'pro' },
    ]);
    expect(result.applied.map((op) => op.result)).toEqual(['added', 'removed']);
    expect(result.automations).toEqual([]);
  });

  it('previews a change with dryRun without changing anything', async () => {
    const preview = await server.changeMemberships('u_ada', '-pro', { dryRun: true });
    expect(preview.applied).toEqual([{ op: 'remove', group: 'pro', result: 'removed' }]);
    expect((await client.listMemberships('u_ada')).map((m) => m.slug)).toContain('pro');
  });

  it('lets a user join an open group with a publishable key', async () => {
    const result = await client.changeMemberships('u_alan', '+newsletter');
    expect(result.applied).toEqual([{ op: 'add', group: 'newsletter', result: 'added' }]);
    expect((await client.listMemberships('u_alan')).map((m) => m.slug)).toContain('newsletter');
  });

  it('refuses malformed changes before sending anything', async () => {
    const error = await rejection(client.changeMemberships('u_ada', '+pro,,-plus'));
    expect(error).toBeInstanceOf(GroupKitChangeError);
    expect(error).toMatchObject({ code: 'invalid_change', index: 1 });
    expect(api.engine.listAutomationRuns('u_ada')).toEqual([]);
  });

  it('surfaces the server refusing a change it cannot apply (automatic group)', async () => {
    const error = await rejection(client.changeMemberships('u_ada', '+uk-users'));
    expect(error).toMatchObject({ status: 409, code: 'group_is_automatic' });
  });

  it('redeems BETA-2026 once, then reports unchanged', async () => {
    const first = await client.redeemCode('u_alan', { code: 'beta-2026' });
    expect(first).toMatchObject({ result: 'added', group: { slug: 'beta' } });
    expect(first.membership.source).toBe('code');
    const again = await client.redeemCode('u_alan', { code: 'BETA-2026', group: 'beta' });
    expect(again.result).toBe('unchanged');
  });

  it('reports an expired code as 410 code_expired', async () => {
    const error = await rejection(client.redeemCode('u_alan', { code: 'EARLY-2025' }));
    expect(error).toMatchObject({ status: 410, code: 'code_expired' });
  });

  it('merges into an account group with a publishable key; only the secret key creates one', async () => {
    const refused = await rejection(
      client.identifyGroup({ identifier: 'globex', properties: { onboarding: { step: 1 } } }),
    );
    expect(refused).toMatchObject({ status: 404, code: 'group_not_found' });
    const first = await testClient(SECRET_KEY).identifyGroup({
      identifier: 'globex',
      properties: { seats: 3, onboarding: { step: 1 } },
    });
    expect(first).toMatchObject({
      created: true,
      group: { id: 'globex', properties: { seats: 3 } },
    });
    const second = await client.identifyGroup({
      identifier: 'globex',
      userId: 'u_ada',
      properties: { onboarding: null },
    });
    expect(second.created).toBe(false);
    expect((await client.getGroup('globex')).properties).toEqual({ seats: 3 });
  });

  it('refuses a property the project keeps server-only: 403 property_not_writable naming it', async () => {
    const refused = await rejection(
      client.identifyGroup({ identifier: 'acme', properties: { onboarding: {}, seats: 99 } }),
    );
    expect(refused).toBeInstanceOf(GroupKitApiError);
    expect(refused).toMatchObject({
      status: 403,
      code: GroupKitErrorCode.property_not_writable,
      details: { property: 'seats' },
    });
    expect((await client.getGroup('acme')).properties).not.toHaveProperty('onboarding');
  });

  it('still gets 403 forbidden from an admin endpoint with a publishable key', async () => {
    // The browser client has no admin methods; the API refuses them to a publishable key anyway.
    const { call } = createClientCore(
      { apiKey: PUBLISHABLE_KEY, baseUrl: BASE, retry: { retries: 0 } },
      'test',
    );
    const error = await rejection(call('GET', '/automations'));
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
    expect((error as Error).message).toMatch(/secret key/);
  });
});
