import { describe, expect, it } from 'vitest';
import { PUBLISHABLE_KEY, rejection, setupMockApi, testAdminClient, testClient } from './mockApi';

const api = setupMockApi();
const admin = testAdminClient();
const client = testClient(PUBLISHABLE_KEY);

const STEPS = [
  { id: 'hello', type: 'welcome' as const },
  { id: 'done', type: 'done' as const },
];

describe('flow administration against the mock', () => {
  it('creates a draft, publishes it, edits and publishes again; users see the versions', async () => {
    const created = await admin.createFlow({ id: 'welcome', name: 'Welcome', steps: STEPS });
    expect(created).toMatchObject({ id: 'welcome', currentVersion: null, versions: [] });
    expect(created.draft.targeting).toEqual({ include: [], exclude: [] });
    expect((await client.getUserFlow('u_ada', 'welcome')).flow).toBeNull();

    expect(await admin.publishFlow('welcome')).toMatchObject({ version: 1, retiredAt: null });
    const edited = await admin.updateFlowDraft('welcome', { name: 'Welcome aboard' });
    expect(edited.draft.name).toBe('Welcome aboard');
    expect(edited.versions[0]?.name).toBe('Welcome');
    await admin.publishFlow('welcome');

    const flows = await admin.listFlows();
    // Beside the default scenario's seeded Plus tour.
    expect(flows.map((f) => [f.id, f.currentVersion])).toEqual([
      ['plus-tour', 1],
      ['welcome', 2],
    ]);
    expect((await client.getUserFlow('u_ada', 'welcome')).flow?.name).toBe('Welcome aboard');

    const retired = await admin.retireFlowVersion('welcome', 2);
    expect(retired.retiredAt).not.toBeNull();
    expect((await admin.getFlow('welcome')).currentVersion).toBe(1);
  });

  it("counts a version's funnel from the users' progress", async () => {
    await admin.createFlow({ id: 'welcome', name: 'Welcome', steps: STEPS });
    await admin.publishFlow('welcome');
    await client.saveFlowProgress('u_ada', 'welcome', {
      version: 1,
      status: 'completed',
      step: 'done',
      completedSteps: ['hello', 'done'],
    });
    await client.saveFlowProgress('u_grace', 'welcome', {
      version: 1,
      status: 'dismissed',
      step: 'hello',
      completedSteps: [],
    });
    const funnel = await admin.getFlowFunnel('welcome', { version: 1 });
    expect(funnel).toMatchObject({ version: 1, started: 2, completed: 1, dismissed: 1 });
    expect(funnel.steps).toEqual([
      { id: 'hello', reached: 2, completed: 1 },
      { id: 'done', reached: 1, completed: 1 },
    ]);
  });

  it('refuses with typed errors and deletes a flow with its progress', async () => {
    await admin.createFlow({ id: 'welcome', name: 'Welcome', steps: STEPS });
    expect(
      await rejection(admin.createFlow({ id: 'welcome', name: 'Again', steps: STEPS })),
    ).toMatchObject({ status: 409, code: 'flow_id_taken' });
    expect(await rejection(admin.retireFlowVersion('welcome', 4))).toMatchObject({
      status: 404,
      code: 'flow_version_not_found',
    });
    await admin.deleteFlow('welcome');
    expect(await rejection(admin.getFlow('welcome'))).toMatchObject({
      status: 404,
      code: 'flow_not_found',
    });
    expect(api.engine.listFlows().map((f) => f.id)).toEqual(['plus-tour']);
  });
});
