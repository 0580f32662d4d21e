import { describe, expect, it } from 'vitest';
import { createClientCore } from '../clientCore';
import { getUserFlow, saveFlowProgress } from '../flows';
import { BASE, PUBLISHABLE_KEY, rejection, setupMockApi, testClient } from './mockApi';

const api = setupMockApi();
const client = testClient(PUBLISHABLE_KEY);

function publishWelcome() {
  api.engine.createFlow({
    id: 'welcome',
    name: 'Welcome',
    steps: [
      { id: 'hello', type: 'welcome' },
      { id: 'done', type: 'done' },
    ],
  });
  return api.engine.publishFlow('welcome');
}

describe('flow methods against the mock', () => {
  it('reads the flow a user sees and saves their progress; any device reads it back', async () => {
    publishWelcome();
    const first = await client.getUserFlow('u_ada', 'welcome');
    expect(first.flow?.version).toBe(1);
    expect(first.progress).toMatchObject({ status: 'not_started', step: null });

    const saved = await client.saveFlowProgress('u_ada', 'welcome', {
      version: 1,
      status: 'in_progress',
      step: 'done',
      completedSteps: ['hello'],
    });
    expect(saved).toMatchObject({ version: 1, step: 'done', completedSteps: ['hello'] });
    // The standalone functions over a core, as the React SDK calls them.
    const core = createClientCore({ apiKey: PUBLISHABLE_KEY, baseUrl: BASE });
    expect((await getUserFlow(core, 'u_ada', 'welcome')).progress.step).toBe('done');
  });

  it('pins a version with ?version= and refuses a retired one on write', async () => {
    publishWelcome();
    api.engine.publishFlow('welcome');
    expect((await client.getUserFlow('u_ada', 'welcome')).flow?.version).toBe(2);
    expect((await client.getUserFlow('u_ada', 'welcome', { version: 1 })).flow?.version).toBe(1);
    api.engine.retireFlowVersion('welcome', 1);
    const core = createClientCore({ apiKey: PUBLISHABLE_KEY, baseUrl: BASE });
    const error = await rejection(
      saveFlowProgress(core, 'u_ada', 'welcome', {
        version: 1,
        status: 'in_progress',
        step: 'hello',
        completedSteps: [],
      }),
    );
    expect(error).toMatchObject({ status: 409, code: 'flow_version_retired' });
  });

  it('encodes the ids in the path', async () => {
    const error = await rejection(client.getUserFlow('u_ada', 'a/b'));
    expect(error).toMatchObject({ status: 404, code: 'flow_not_found' });
  });
});
