import { describe, expect, it } from 'vitest';
import { contractApi, PUBLISHABLE_KEY, SECRET_KEY } from './support/api';

// A fresh world per test: flows and progress made in one must not reach the next.
const api = contractApi({ perTest: true });
const admin = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { key: SECRET_KEY, body });
const asUser = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { key: PUBLISHABLE_KEY, body });

const welcome = {
  id: 'welcome',
  name: 'Welcome',
  steps: [
    { id: 'hello', type: 'welcome', title: 'Hello', body: 'Glad you are here.' },
    { id: 'pick', type: 'choose_groups', groups: ['newsletter', 'beta'] },
    { id: 'code', type: 'enter_code', group: 'beta' },
    {
      id: 'docs',
      type: 'content',
      title: 'Read the docs',
      body: 'Everything in one place.',
      cta: { label: 'Open docs', href: '/docs' },
    },
    { id: 'done', type: 'done' },
  ],
};

async function publishedFlow(flow: Record<string, unknown> = welcome) {
  expect((await admin('POST', '/flows', flow)).status).toBe(201);
  const published = await admin('POST', `/flows/${flow.id as string}/versions`);
  expect(published.status).toBe(201);
  return published.body;
}

const progress = (
  version: number,
  step: string,
  completedSteps: string[],
  status = 'in_progress',
) => ({
  version,
  status,
  step,
  completedSteps,
});

describe('flows defined on the server', () => {
  it('publishes the draft as version 1, and later drafts as 2, 3… without changing 1', async () => {
    const v1 = await publishedFlow();
    expect(v1).toMatchObject({ flowId: 'welcome', version: 1, retiredAt: null, name: 'Welcome' });
    expect(v1.steps).toEqual(welcome.steps);

    const edited = await admin('PUT', '/flows/welcome', { name: 'Welcome aboard' });
    expect(edited.status).toBe(200);
    expect(edited.body.draft.name).toBe('Welcome aboard');
    expect((await admin('POST', '/flows/welcome/versions')).body.version).toBe(2);

    const { body } = await admin('GET', '/flows/welcome');
    expect(
      body.versions.map((v: { version: number; name: string }) => [v.version, v.name]),
    ).toEqual([
      [1, 'Welcome'],
      [2, 'Welcome aboard'],
    ]);
    expect(body.currentVersion).toBe(2);
  });

  it('a user’s progress is kept on the server: a second device resumes at the same step', async () => {
    await publishedFlow();
    const first = await asUser('GET', '/users/u_ada/flows/welcome');
    expect(first.status).toBe(200);
    expect(first.body.flow.version).toBe(1);
    expect(first.body.progress).toEqual({
      flowId: 'welcome',
      version: null,
      status: 'not_started',
      step: null,
      completedSteps: [],
      updatedAt: null,
    });

    const saved = await asUser(
      'PUT',
      '/users/u_ada/flows/welcome',
      progress(1, 'code', ['pick', 'hello']),
    );
    expect(saved.status).toBe(200);
    // Completed steps come back in the flow's order, whatever order they were sent in.
    expect(saved.body).toMatchObject({
      version: 1,
      step: 'code',
      completedSteps: ['hello', 'pick'],
    });

    const otherDevice = await asUser('GET', '/users/u_ada/flows/welcome');
    expect(otherDevice.body.progress).toMatchObject({ status: 'in_progress', step: 'code' });
  });

  it('a user who started version 1 stays on it when 2 is published; a new user gets 2', async () => {
    await publishedFlow();
    await asUser('PUT', '/users/u_ada/flows/welcome', progress(1, 'pick', ['hello']));
    await admin('PUT', '/flows/welcome', { steps: welcome.steps.slice(3) });
    await admin('POST', '/flows/welcome/versions');

    const ada = await asUser('GET', '/users/u_ada/flows/welcome');
    expect(ada.body.flow.version).toBe(1);
    expect(ada.body.progress.step).toBe('pick');
    const grace = await asUser('GET', '/users/u_grace/flows/welcome');
    expect(grace.body.flow.version).toBe(2);
    expect(grace.body.flow.steps.map((s: { id: string }) => s.id)).toEqual(['docs', 'done']);
  });

  it('retiring a version moves its users to the current one and refuses writes to it', async () => {
    await publishedFlow();
    await asUser('PUT', '/users/u_ada/flows/welcome', progress(1, 'pick', ['hello']));
    await admin('POST', '/flows/welcome/versions');
    const retired = await admin('POST', '/flows/welcome/versions/1/retire');
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).not.toBeNull();

    const ada = await asUser('GET', '/users/u_ada/flows/welcome');
    expect(ada.body.flow.version).toBe(2);
    expect(ada.body.progress.status).toBe('not_started');
    const late = await asUser('PUT', '/users/u_ada/flows/welcome', progress(1, 'code', ['hello']));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('flow_version_retired');
  });

  it('a pinned version is served whatever the user started (development and tests)', async () => {
    await publishedFlow();
    await admin('POST', '/flows/welcome/versions');
    const pinned = await asUser('GET', '/users/u_ada/flows/welcome?version=1');
    expect(pinned.body.flow.version).toBe(1);
    const missing = await asUser('GET', '/users/u_ada/flows/welcome?version=9');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('flow_version_not_found');
  });

  it('targets by groups, as GroupGate does: include any, exclude any', async () => {
    const group = await admin('POST', '/user-groups', {
      slug: 'flow-testers',
      name: 'Flow testers',
      type: 'manual',
    });
    expect(group.status).toBe(201);
    await admin('POST', '/user-groups/flow-testers/users', { user_ids: ['u_grace'] });

    await publishedFlow({ ...welcome, id: 'testers', targeting: { include: ['flow-testers'] } });
    expect((await asUser('GET', '/users/u_grace/flows/testers')).body.flow?.version).toBe(1);
    expect((await asUser('GET', '/users/u_ada/flows/testers')).body.flow).toBeNull();

    await publishedFlow({ ...welcome, id: 'others', targeting: { exclude: ['flow-testers'] } });
    expect((await asUser('GET', '/users/u_grace/flows/others')).body.flow).toBeNull();
    expect((await asUser('GET', '/users/u_ada/flows/others')).body.flow?.version).toBe(1);
  });

  it('a user who started stays on the flow when their groups change', async () => {
    await admin('POST', '/user-groups', {
      slug: 'flow-testers',
      name: 'Flow testers',
      type: 'manual',
    });
    await admin('POST', '/user-groups/flow-testers/users', { user_ids: ['u_grace'] });
    await publishedFlow({ ...welcome, targeting: { include: ['flow-testers'] } });
    await asUser('PUT', '/users/u_grace/flows/welcome', progress(1, 'pick', ['hello']));
    await admin('DELETE', '/user-groups/flow-testers/users', { user_ids: ['u_grace'] });
    const grace = await asUser('GET', '/users/u_grace/flows/welcome');
    expect(grace.body.flow?.version).toBe(1);
    expect(grace.body.progress.step).toBe('pick');
  });

  it('counts a funnel per version that equals the progress records', async () => {
    await publishedFlow();
    await asUser('PUT', '/users/u_ada/flows/welcome', progress(1, 'code', ['hello', 'pick']));
    await asUser(
      'PUT',
      '/users/u_grace/flows/welcome',
      progress(1, 'done', ['hello', 'pick', 'code', 'docs', 'done'], 'completed'),
    );
    await asUser('PUT', '/users/u_alan/flows/welcome', progress(1, 'hello', [], 'dismissed'));
    const { status, body } = await admin('GET', '/flows/welcome/funnel?version=1');
    expect(status).toBe(200);
    expect(body).toEqual({
      flowId: 'welcome',
      version: 1,
      started: 3,
      steps: [
        { id: 'hello', reached: 3, completed: 2 },
        { id: 'pick', reached: 2, completed: 2 },
        { id: 'code', reached: 2, completed: 1 },
        { id: 'docs', reached: 1, completed: 1 },
        { id: 'done', reached: 1, completed: 1 },
      ],
      completed: 1,
      dismissed: 1,
    });
  });

  it('refuses bad flows with the field named, and stores nothing', async () => {
    const before = await api.dump();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...welcome, id: 'Bad Id' }, 'id'],
      [{ ...welcome, steps: [] }, 'steps'],
      [{ ...welcome, steps: [welcome.steps[0], welcome.steps[0]] }, 'steps[1].id'],
      [{ ...welcome, steps: [{ id: 'done', type: 'done' }, welcome.steps[0]] }, 'steps[0].type'],
      [
        { ...welcome, steps: [{ id: 'x', type: 'choose_groups', groups: ['nope'] }] },
        'steps[0].groups[0]',
      ],
      [
        {
          ...welcome,
          steps: [
            {
              id: 'x',
              type: 'content',
              title: 'T',
              body: 'B',
              cta: { label: 'Go', href: 'javascript:alert(1)' },
            },
          ],
        },
        'steps[0].cta.href',
      ],
      [{ ...welcome, targeting: { include: ['nope'] } }, 'targeting.include[0]'],
      [{ ...welcome, colour: 'red' }, 'colour'],
    ];
    for (const [flow, field] of cases) {
      const { status, body } = await admin('POST', '/flows', flow);
      expect([status, body.error?.details?.field]).toEqual([400, field]);
    }
    expect(await api.dump()).toEqual(before);
  });

  it('refuses progress that does not fit the version', async () => {
    await publishedFlow();
    const wrongStep = await asUser('PUT', '/users/u_ada/flows/welcome', progress(1, 'nowhere', []));
    expect(wrongStep.status).toBe(400);
    expect(wrongStep.body.error.details.field).toBe('step');
    const wrongStatus = await asUser(
      'PUT',
      '/users/u_ada/flows/welcome',
      progress(1, 'hello', [], 'not_started'),
    );
    expect(wrongStatus.status).toBe(400);
    const noVersion = await asUser('PUT', '/users/u_ada/flows/welcome', progress(7, 'hello', []));
    expect(noVersion.status).toBe(404);
    const noFlow = await asUser('GET', '/users/u_ada/flows/nope');
    expect(noFlow.status).toBe(404);
    expect(noFlow.body.error.code).toBe('flow_not_found');
    const noUser = await asUser('GET', '/users/u_nobody/flows/welcome');
    expect(noUser.body.error.code).toBe('user_not_found');
  });

  it('flow ids are unique: a second create is 409', async () => {
    await admin('POST', '/flows', welcome);
    const again = await admin('POST', '/flows', welcome);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('flow_id_taken');
  });
});
