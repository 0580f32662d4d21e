import { describe, expect, it } from 'vitest';
import { createGroupKitAdminClient } from '../admin';
import { createGroupKitClient } from '../createGroupKitClient';
import {
  BASE,
  PUBLISHABLE_KEY,
  rejection,
  SECRET_KEY,
  setupMockApi,
  testAdminClient,
  testClient,
} from './mockApi';

const api = setupMockApi();
const admin = testAdminClient();

/** Every method only the admin client has: all of them need the secret key. */
const ADMIN_ONLY_METHODS = [
  'addGroupMembers',
  'createApiKey',
  'createAutomation',
  'createCodes',
  'createFlow',
  'createOperator',
  'createUserGroup',
  'deleteApiKey',
  'deleteAutomation',
  'deleteCode',
  'deleteFlow',
  'deleteOperator',
  'deleteUser',
  'deleteUserGroup',
  'exportAudienceCsv',
  'exportAuditLogCsv',
  'exportGroupMembersCsv',
  'getAutomation',
  'getCode',
  'getFlow',
  'getFlowFunnel',
  'getProject',
  'getUser',
  'getUserGroupByLegacyId',
  'getUserGroupLegacyId',
  'listApiKeys',
  'listAuditLog',
  'listAutomationRuns',
  'listAutomations',
  'listCodeRedemptions',
  'listCodes',
  'listConditionsHistory',
  'listFlows',
  'listGroupMembers',
  'listOperators',
  'listUsers',
  'previewAudience',
  'publishFlow',
  'removeGroupMembers',
  'retireFlowVersion',
  'updateAutomation',
  'updateCode',
  'updateFlowDraft',
  'updateOperator',
  'updateProject',
  'updateUserGroup',
  'upsertUser',
];

describe('createGroupKitAdminClient', () => {
  it('refuses a publishable key with a TypeError, before any request', () => {
    const create = () => createGroupKitAdminClient({ apiKey: PUBLISHABLE_KEY, baseUrl: BASE });
    expect(create).toThrowError(TypeError);
    expect(create).toThrowError(
      'createGroupKitAdminClient needs a secret key (sk_...); never use it in a browser',
    );
  });

  it('refuses a missing or malformed key the same way', () => {
    for (const apiKey of ['', 'sk_', 'groupkit', ' sk_test_groupkit', undefined]) {
      expect(() => createGroupKitAdminClient({ apiKey: apiKey as string })).toThrowError(
        /needs a secret key \(sk_\.\.\.\)/,
      );
    }
  });

  it('has every end-user method plus the admin ones, and the browser client none of these', () => {
    const browser = createGroupKitClient({ apiKey: PUBLISHABLE_KEY });
    const adminOnly = Object.keys(admin).filter((key) => !(key in browser));
    expect(adminOnly.sort()).toEqual(ADMIN_ONLY_METHODS);
    expect(Object.keys(admin)).toEqual(expect.arrayContaining(Object.keys(browser)));
    expect(admin).toMatchObject({ apiKey: SECRET_KEY, baseUrl: BASE });
  });
});

describe('secret-key user-group administration against the mock', () => {
  it('creates, updates and deletes a user group', async () => {
    const created = await admin.createUserGroup({
      slug: 'gold',
      name: 'Gold',
      type: 'manual',
      joinType: 'open',
    });
    expect(created).toMatchObject({ slug: 'gold', name: 'Gold', memberCount: 0 });
    const updated = await admin.updateUserGroup('gold', { name: 'Gold members' });
    expect(updated).toMatchObject({ id: created.id, name: 'Gold members' });
    await expect(admin.deleteUserGroup(created.id)).resolves.toBeUndefined();
    expect(await rejection(admin.getUserGroup('gold'))).toMatchObject({
      status: 404,
      code: 'user_group_not_found',
    });
  });

  it('reports a taken slug as 409 slug_taken', async () => {
    const error = await rejection(
      admin.createUserGroup({ slug: 'beta', name: 'Beta again', type: 'manual' }),
    );
    expect(error).toMatchObject({ status: 409, code: 'slug_taken' });
  });

  it('lists every group with sorting and search, which the directory does not offer', async () => {
    const page = await admin.listUserGroups({ searchText: 'EARLY ACCESS', pageSize: 5 });
    expect(page.data.map((g) => g.slug)).toEqual(['early-access']);
    expect(page).toMatchObject({ page: 1, pageSize: 5, total: 1 });
    const bySlug = await admin.listUserGroups({ sortAttr: 'slug', sortDir: 'desc' });
    const slugs = bySlug.data.map((g) => g.slug);
    expect(slugs).toEqual([...slugs].sort().reverse());
  });

  it('maps legacy ids both ways', async () => {
    const { id, legacyId } = await admin.getUserGroupLegacyId('vip');
    expect((await admin.getUserGroup('vip')).id).toBe(id);
    expect((await admin.getUserGroupByLegacyId(legacyId)).slug).toBe('vip');
  });

  it('reads the conditions history of the automatic uk-users group', async () => {
    const history = await admin.listConditionsHistory('uk-users');
    expect(history[0]).toMatchObject({ version: 1, ruleset: { operator: expect.any(String) } });
  });

  it('adds, lists, exports and removes members', async () => {
    const added = await admin.addGroupMembers('beta', { user_ids: ['u_ada', 'u_grace'] });
    expect(added).toEqual({ added: 2, unchanged: 0, memberCount: 2 });

    const members = await admin.listGroupMembers('beta', { sortAttr: 'firstname' });
    expect(members.data.map((m) => [m.id, m.source])).toEqual([
      ['u_ada', 'admin'],
      ['u_grace', 'admin'],
    ]);

    const csv = await admin.exportGroupMembersCsv('beta', { email: false, delimiter: ';' });
    expect(csv.trim().split(/\r?\n/)).toEqual([
      'userid;firstname;lastname',
      'grace.hopper;Grace;Hopper',
      'ada.lovelace;Ada;Lovelace',
    ]);

    const removed = await admin.removeGroupMembers('beta', { user_ids: ['u_ada'] });
    expect(removed).toEqual({ removed: 1, memberCount: 1 });
  });

  it('creates unique codes and lists them with the seeded ones', async () => {
    const { data: created, warnings } = await admin.createCodes('vip', {
      mode: 'unique',
      count: 2,
      prefix: 'VIPX-',
    });
    expect(created).toHaveLength(2);
    expect(warnings).toEqual([]);
    expect(created[0]).toMatchObject({ mode: 'unique', maxRedemptions: 1, status: 'active' });
    const codes = (await admin.listCodes('vip')).map((c) => c.code);
    expect(codes).toContain('VIP-0001');
    expect(codes).toEqual(expect.arrayContaining(created.map((c) => c.code)));
  });

  it('revokes a leaked code, shows who used it, and deletes it', async () => {
    const [leaked] = (await admin.listCodes('vip')).filter((c) => c.code === 'VIP-0002');
    const id = (leaked as { id: string }).id;
    await admin.redeemCode('u_grace', { code: 'VIP-0002' });
    const used = await admin.listCodeRedemptions('vip', id);
    expect(used).toMatchObject({ total: 1, data: [{ userId: 'u_grace' }] });
    const { code } = await admin.updateCode('vip', id, { active: false });
    expect(code).toMatchObject({ active: false, status: 'revoked' });
    expect(await admin.getCode('vip', id)).toEqual(code);
    await admin.deleteCode('vip', id);
    expect(await rejection(admin.getCode('vip', id))).toMatchObject({ code: 'code_invalid' });
  });
});

describe('secret-key users, account groups and automations against the mock', () => {
  it('creates a user with groups (created: true), then updates them (created: false)', async () => {
    const created = await admin.upsertUser('u_edsger', {
      firstname: 'Edsger',
      groups: ['newsletter'],
    });
    expect(created.created).toBe(true);
    expect(created.user.firstname).toBe('Edsger');
    expect(created.memberships.map((m) => m.slug)).toEqual(['newsletter']);
    const updated = await admin.upsertUser('u_edsger', { lastname: 'Dijkstra' });
    expect(updated).toMatchObject({ created: false, user: { lastname: 'Dijkstra' } });
  });

  it("refuses mode: 'update' for a user that does not exist", async () => {
    const error = await rejection(admin.upsertUser('u_nobody', {}, { mode: 'update' }));
    expect(error).toMatchObject({ status: 404, code: 'user_not_found' });
  });

  it('identifies a new account group, then merges into it', async () => {
    const first = await admin.identifyGroup({ identifier: 'globex', properties: { seats: 3 } });
    expect(first).toMatchObject({ created: true, group: { id: 'globex' } });
    const second = await admin.identifyGroup({ identifier: 'globex', properties: { plan: 'Pro' } });
    expect(second.created).toBe(false);
    expect((await admin.getGroup('globex')).properties).toMatchObject({ seats: 3, plan: 'Pro' });
  });

  it('creates an automation that then fires on a membership change, and logs the run', async () => {
    const automation = await admin.createAutomation({
      name: 'Welcome to beta',
      trigger: { event: 'added_to', group: 'beta' },
      action: { type: 'email', template: 'welcome-beta' },
    });
    expect((await admin.listAutomations()).map((a) => a.id)).toContain(automation.id);

    const change = await admin.changeMemberships('u_alan', '+beta');
    expect(change.automations).toEqual([
      { automationId: automation.id, name: 'Welcome to beta', opIndex: 0 },
    ]);
    const runs = await admin.listAutomationRuns({ userId: 'u_alan' });
    expect(runs).toEqual([
      expect.objectContaining({ automationId: automation.id, userId: 'u_alan', event: 'added_to' }),
    ]);
    expect(await admin.listAutomationRuns()).toEqual(api.engine.listAutomationRuns());
  });
});

describe('the support desk and audiences against the mock', () => {
  it('finds a user, then shows how each of their memberships came to be', async () => {
    const found = await admin.listUsers({ searchText: 'turing' });
    expect(found).toMatchObject({ total: 1, data: [{ id: 'u_alan', username: 'alan.turing' }] });
    const { user, memberships } = await admin.getUser('u_alan');
    expect(user.lastname).toBe('Turing');
    expect(memberships).toEqual(api.engine.getUser('u_alan').memberships);
    expect(await rejection(admin.getUser('u_nobody'))).toMatchObject({ code: 'user_not_found' });
  });

  it('previews and exports an audience by the rule <GroupGate> applies', async () => {
    const audience = { include: ['plus', 'pro'], exclude: ['staff'] };
    const preview = await admin.previewAudience({ ...audience, pageSize: 1 });
    expect(preview).toMatchObject({ total: 2, pageSize: 1 });
    const csv = await admin.exportAudienceCsv(audience);
    expect(csv.trimEnd().split('\r\n')).toEqual([
      'userid,firstname,lastname,email',
      'grace.hopper,Grace,Hopper,grace.hopper@example.com',
      'ada.lovelace,Ada,Lovelace,ada.lovelace@example.com',
    ]);
  });
});

describe("the project's settings against the mock", () => {
  it('reads them, and a change decides what the next browser identify may write', async () => {
    expect(await admin.getProject()).toEqual({
      clientWritableProperties: ['onboarding'],
      identityVerification: false,
    });
    const browser = testClient(PUBLISHABLE_KEY);
    const refused = await rejection(
      browser.identifyGroup({ identifier: 'acme', properties: { theme: 'dark' } }),
    );
    expect(refused).toMatchObject({ status: 403, code: 'property_not_writable' });

    const updated = await admin.updateProject({
      clientWritableProperties: ['onboarding', 'theme'],
    });
    expect(updated).toEqual({
      clientWritableProperties: ['onboarding', 'theme'],
      identityVerification: false,
    });
    await browser.identifyGroup({ identifier: 'acme', properties: { theme: 'dark' } });
    expect((await admin.getGroup('acme')).properties).toMatchObject({ theme: 'dark' });
  });

  it('refuses a bad setting with 400 naming it, and keeps the project as it was', async () => {
    const error = await rejection(admin.updateProject({ clientWritableProperties: ['a', 'a'] }));
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      details: { field: 'clientWritableProperties' },
    });
    expect((await admin.getProject()).clientWritableProperties).toEqual(['onboarding']);
  });
});
