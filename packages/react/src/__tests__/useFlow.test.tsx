import { createGroupKitClient, isGroupKitApiError } from '@groupkit/client';
import { computeUserHash, createGroupsEngine, createHandlers } from '@groupkit/mock-api';
import { QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFlow } from '../useFlow';
import { useGroupKitStore } from '../useGroupKitStore';
import { WELCOME, publishFlow } from './support/flows';
import { flowQueryKey } from '../flowState';
import { holdAnswers } from './support/faults';
import { BASE, setupMockApi, TestProvider, type TestProviderProps } from './support/mockApi';
import { setOnline } from './support/network';

const api = setupMockApi();
const FLOW_PATH = '/v1/users/u_ada/flows/welcome';
const puts = () => api.requests.filter((r) => r === `PUT ${FLOW_PATH}`);

afterEach(() => setOnline(true));

function useFlowAndQueue(flowId: string) {
  return {
    flow: useFlow(flowId),
    pending: useGroupKitStore((s) => s.pending.length),
    online: useGroupKitStore((s) => s.online),
  };
}

/** `useFlow` under its own provider and QueryClient: a device of its own (or a reload). */
function renderFlow(props: TestProviderProps = {}, flowId = 'welcome') {
  const queryClient = new QueryClient();
  return renderHook(() => useFlowAndQueue(flowId), {
    wrapper: ({ children }: { children: ReactNode }) => (
      <TestProvider queryClient={queryClient} {...props}>
        {children}
      </TestProvider>
    ),
  });
}

type View = ReturnType<typeof renderFlow>;

async function loaded(view: View) {
  await waitFor(() => expect(view.result.current.flow.status).not.toBe('loading'));
  return view;
}

/** Runs moves one after another, as a user clicking, and waits until the server has them all. */
async function moves(view: View, ...names: ('next' | 'skip' | 'back' | 'dismiss' | 'complete')[]) {
  for (const name of names) await act(async () => void (await view.result.current.flow[name]()));
  await waitFor(() => expect(view.result.current.pending).toBe(0));
}

const serverProgress = (userId = 'u_ada') => api.engine.getUserFlow(userId, 'welcome').progress;

describe('useFlow: a server-defined flow', () => {
  it('shows the first step of the latest version before the user starts, and sends nothing to show it', async () => {
    publishFlow(api.engine);
    const view = await loaded(renderFlow());
    expect(view.result.current.flow).toMatchObject({
      status: 'not_started',
      version: 1,
      step: 'hello',
      stepIndex: 0,
      completedSteps: [],
      error: null,
      isPending: false,
    });
    expect(view.result.current.flow.steps.map((s) => s.id)).toEqual(WELCOME.steps.map((s) => s.id));
    expect(api.requests.filter((r) => r.includes('/flows/'))).toEqual([`GET ${FLOW_PATH}`]);
  });

  it('moves at once, saves each move on the server in order, and keeps completed steps in flow order', async () => {
    publishFlow(api.engine);
    const view = await loaded(renderFlow());
    act(() => {
      // Faster than React renders: each move starts from the one before it.
      void view.result.current.flow.next();
      void view.result.current.flow.skip();
      void view.result.current.flow.next();
    });
    expect(view.result.current.flow).toMatchObject({
      status: 'in_progress',
      step: 'docs',
      completedSteps: ['hello', 'code'],
      isPending: true,
    });
    await waitFor(() => expect(view.result.current.pending).toBe(0));
    expect(puts()).toHaveLength(3);
    expect(serverProgress()).toMatchObject({
      status: 'in_progress',
      step: 'docs',
      completedSteps: ['hello', 'code'],
    });
    await moves(view, 'back', 'back');
    expect(view.result.current.flow).toMatchObject({
      step: 'pick',
      completedSteps: ['hello', 'code'],
    });
    await moves(view, 'next', 'next', 'next', 'next');
    expect(view.result.current.flow).toMatchObject({
      status: 'completed',
      step: 'done',
      completedSteps: ['hello', 'pick', 'code', 'docs', 'done'],
    });
    expect(serverProgress().status).toBe('completed');
  });

  it('a second provider with empty storage (another device) resumes at the same step', async () => {
    publishFlow(api.engine);
    const first = await loaded(renderFlow());
    await moves(first, 'next', 'next');
    expect(first.result.current.flow.step).toBe('code');
    first.unmount();

    localStorage.clear();
    const second = await loaded(renderFlow());
    expect(second.result.current.flow).toMatchObject({
      status: 'in_progress',
      version: 1,
      step: 'code',
      completedSteps: ['hello', 'pick'],
    });
    // And the other way round: a move on the second device shows on the first.
    await moves(second, 'dismiss');
    const third = await loaded(renderFlow({ persist: false }));
    expect(third.result.current.flow).toMatchObject({ status: 'dismissed', step: 'code' });
  });

  it('a user on version 2 stays there after version 3 is published; a new user gets 3', async () => {
    publishFlow(api.engine, WELCOME, 1);
    const ada = await loaded(renderFlow());
    expect(ada.result.current.flow.version).toBe(2);
    await moves(ada, 'next');
    ada.unmount();

    api.engine.updateFlowDraft('welcome', { steps: WELCOME.steps.slice(3) });
    expect(api.engine.publishFlow('welcome').version).toBe(3);

    const adaAgain = await loaded(renderFlow());
    expect(adaAgain.result.current.flow).toMatchObject({ version: 2, step: 'pick' });
    await moves(adaAgain, 'next');
    expect(api.engine.getUserFlow('u_ada', 'welcome').progress).toMatchObject({
      version: 2,
      step: 'code',
    });

    const grace = await loaded(renderFlow({ userId: 'u_grace' }));
    expect(grace.result.current.flow).toMatchObject({
      status: 'not_started',
      version: 3,
      step: 'docs',
    });
  });

  it.each([
    ['include', { include: ['pro'] }, 'u_ada', 'u_grace'],
    ['exclude', { exclude: ['pro'] }, 'u_grace', 'u_ada'],
  ])(
    'targets by groups (%s): shown to one user, unavailable to the other',
    async (_, targeting, shown, hidden) => {
      publishFlow(api.engine, { ...WELCOME, targeting });
      const yes = await loaded(renderFlow({ userId: shown }));
      expect(yes.result.current.flow).toMatchObject({ status: 'not_started', version: 1 });
      const no = await loaded(renderFlow({ userId: hidden }));
      expect(no.result.current.flow).toMatchObject({
        status: 'unavailable',
        flow: null,
        version: null,
        step: null,
        stepIndex: -1,
        steps: [],
      });
      // Nothing to move: nothing is sent.
      let outcome: Awaited<ReturnType<typeof no.result.current.flow.next>> | undefined;
      await act(async () => {
        outcome = await no.result.current.flow.next();
      });
      expect(outcome?.error?.message).toMatch(/no version of this flow is served to this user/);
      expect(api.requests.filter((r) => r.startsWith('PUT'))).toEqual([]);
    },
  );

  it('is unavailable while nothing is published, and pinned versions win (flowVersions)', async () => {
    api.engine.createFlow(WELCOME);
    const none = await loaded(renderFlow());
    expect(none.result.current.flow.status).toBe('unavailable');
    none.unmount();

    api.engine.publishFlow('welcome');
    api.engine.updateFlowDraft('welcome', { steps: WELCOME.steps.slice(3) });
    api.engine.publishFlow('welcome');
    const pinned = await loaded(renderFlow({ flowVersions: { welcome: 1 } }));
    expect(pinned.result.current.flow).toMatchObject({ version: 1, step: 'hello' });
    expect(api.requests).toContain(`GET ${FLOW_PATH}`);
    await moves(pinned, 'next');
    // Saved in the pinned version.
    expect(api.engine.getUserFlow('u_ada', 'welcome', '1').progress).toMatchObject({
      version: 1,
      step: 'pick',
    });
    pinned.unmount();
    // Unpinned, Ada stays on the version she started.
    const unpinned = await loaded(renderFlow());
    expect(unpinned.result.current.flow).toMatchObject({ version: 1, step: 'pick' });
  });

  it('progress made offline is sent once when back online: one PUT per move, in order, none lost or doubled', async () => {
    publishFlow(api.engine);
    const view = await loaded(renderFlow());
    setOnline(false);
    act(() => {
      void view.result.current.flow.next();
      void view.result.current.flow.next();
      void view.result.current.flow.back();
    });
    await waitFor(() => expect(view.result.current.online).toBe(false));
    expect(view.result.current.flow).toMatchObject({
      step: 'pick',
      completedSteps: ['hello', 'pick'],
    });
    expect(puts()).toEqual([]);

    const steps: string[] = [];
    const record = ({ request }: { request: Request }) => {
      if (request.method === 'PUT')
        void request
          .clone()
          .json()
          .then((body: { step: string }) => steps.push(body.step));
    };
    api.server.events.on('request:start', record);
    act(() => setOnline(true));
    await waitFor(() => expect(view.result.current.pending).toBe(0));
    api.server.events.removeListener('request:start', record);
    expect(puts()).toHaveLength(3);
    expect(steps).toEqual(['pick', 'code', 'pick']);
    expect(serverProgress()).toMatchObject({ step: 'pick', completedSteps: ['hello', 'pick'] });
    expect(view.result.current.flow).toMatchObject({ step: 'pick', isPending: false });
  });

  it('resumes offline after a reload: the cached flow at the same step, its unsent moves sent once online', async () => {
    publishFlow(api.engine);
    const first = await loaded(renderFlow());
    await moves(first, 'next');
    setOnline(false);
    act(() => void first.result.current.flow.next());
    first.unmount(); // the tab closes, offline

    const requestsBefore = api.requests.length;
    const reopened = renderFlow(); // reopened offline: same storage, a fresh QueryClient
    await waitFor(() => expect(reopened.result.current.flow.status).toBe('in_progress'));
    expect(reopened.result.current.flow).toMatchObject({
      version: 1,
      step: 'code',
      completedSteps: ['hello', 'pick'],
      isPending: true,
    });
    expect(api.requests.slice(requestsBefore).filter((r) => r.includes('/flows/'))).toEqual([]);

    act(() => setOnline(true));
    await waitFor(() => expect(reopened.result.current.pending).toBe(0));
    expect(puts()).toHaveLength(2); // the online move, then the offline one: once each
    expect(serverProgress()).toMatchObject({ step: 'code' });
    expect(reopened.result.current.flow).toMatchObject({ step: 'code', isPending: false });
  });

  it('a refused write leaves no optimistic state behind, and onError hears it once', async () => {
    publishFlow(api.engine);
    const onError = vi.fn();
    api.server.use(
      http.put(`${BASE}${FLOW_PATH}`, () =>
        HttpResponse.json(
          { error: { code: 'validation_failed', message: 'Refused.', details: {} } },
          { status: 400 },
        ),
      ),
    );
    const view = await loaded(renderFlow({ onError }));
    let outcome: Awaited<ReturnType<typeof view.result.current.flow.next>> | undefined;
    await act(async () => {
      outcome = await view.result.current.flow.next();
    });
    expect(isGroupKitApiError(outcome?.error) && outcome.error.code).toBe('validation_failed');
    expect(view.result.current.flow).toMatchObject({
      status: 'not_started',
      step: 'hello',
      completedSteps: [],
      isPending: false,
    });
    expect(view.result.current.flow.error).toBe(outcome?.error);
    expect(view.result.current.pending).toBe(0);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(outcome?.error, { action: 'flow' });
    expect(JSON.parse(localStorage.getItem('groupkit:acme:u_ada') ?? '{}').pending).toEqual([]);
    expect(serverProgress().status).toBe('not_started');
  });

  it('a write the server cannot take yet (503) waits and goes again, still shown meanwhile', async () => {
    publishFlow(api.engine);
    const onError = vi.fn();
    let refused = 0;
    api.server.use(
      http.put(`${BASE}${FLOW_PATH}`, () => {
        if (refused++ > 0) return undefined; // then the real handler
        return HttpResponse.json(
          { error: { code: 'database_unavailable', message: 'Down.', details: {} } },
          { status: 503, headers: { 'retry-after': '0' } },
        );
      }),
    );
    const view = await loaded(renderFlow({ onError }));
    await moves(view, 'next');
    expect(puts()).toHaveLength(2);
    expect(view.result.current.flow).toMatchObject({ step: 'pick', error: null });
    expect(serverProgress().step).toBe('pick');
    expect(onError).not.toHaveBeenCalled();
  });

  it('a write to a retired version is refused and the flow reloads with the current version', async () => {
    publishFlow(api.engine);
    const view = await loaded(renderFlow());
    await moves(view, 'next');
    api.engine.publishFlow('welcome');
    api.engine.retireFlowVersion('welcome', 1);
    let outcome: Awaited<ReturnType<typeof view.result.current.flow.next>> | undefined;
    await act(async () => {
      outcome = await view.result.current.flow.next();
    });
    expect(isGroupKitApiError(outcome?.error) && outcome.error.code).toBe('flow_version_retired');
    await waitFor(() => expect(view.result.current.flow.version).toBe(2));
    expect(view.result.current.flow).toMatchObject({ status: 'not_started', step: 'hello' });
  });

  it('a read that overlaps a write never undoes it', async () => {
    publishFlow(api.engine);
    const queryClient = new QueryClient();
    const view = await loaded(renderFlow({ queryClient }));
    // The server answers the reload before the move reaches it; the answer travels slowly.
    const slow = holdAnswers(api.server, api.engine, BASE, 'get', '/users/u_ada/flows/welcome');
    let reload: Promise<void> | undefined;
    act(() => {
      reload = queryClient.invalidateQueries({ queryKey: flowQueryKey('u_ada', 'welcome') });
    });
    await waitFor(() => expect(slow.held).toBe(1));
    await act(async () => void (await view.result.current.flow.next()));
    expect(serverProgress().step).toBe('pick');
    await act(async () => {
      slow.release();
      await reload;
    });
    expect(view.result.current.flow).toMatchObject({ step: 'pick', completedSteps: ['hello'] });
  });

  it('restart and goTo move anywhere in the flow; a move to nowhere sends nothing', async () => {
    publishFlow(api.engine);
    const view = await loaded(renderFlow());
    await act(async () => void (await view.result.current.flow.goTo('docs')));
    expect(view.result.current.flow).toMatchObject({ step: 'docs', stepIndex: 3 });
    await moves(view, 'complete');
    expect(view.result.current.flow).toMatchObject({
      status: 'completed',
      completedSteps: ['docs'],
    });
    await act(async () => void (await view.result.current.flow.restart()));
    expect(view.result.current.flow).toMatchObject({
      status: 'in_progress',
      step: 'hello',
      completedSteps: [],
    });
    const before = puts().length;
    let outcomes: { ok: boolean; error: { code: string } | null }[] = [];
    await act(async () => {
      outcomes = [
        await view.result.current.flow.back(),
        await view.result.current.flow.goTo('nope'),
      ];
    });
    expect(outcomes.map((o) => o.ok)).toEqual([false, false]);
    expect(outcomes.map((o) => o.error?.code)).toEqual(['step_not_found', 'step_not_found']);
    expect(puts()).toHaveLength(before);
    await waitFor(() => expect(view.result.current.pending).toBe(0));
  });

  it('sends nothing without a user, and says so', async () => {
    publishFlow(api.engine);
    const view = renderFlow({ userId: null });
    expect(view.result.current.flow.status).toBe('loading');
    let outcome: Awaited<ReturnType<typeof view.result.current.flow.next>> | undefined;
    await act(async () => {
      outcome = await view.result.current.flow.next();
    });
    expect(outcome?.error?.message).toMatch(/needs a signed-in user/);
    expect(outcome?.error?.code).toBe('no_user');
    expect(api.requests).toEqual([]);
  });

  it("with identity verification on, reads and writes only with the user's own hash", async () => {
    api.engine = createGroupsEngine({ scenario: 'verified' });
    api.server.resetHandlers(...createHandlers(api.engine, { baseUrl: BASE }));
    publishFlow(api.engine);
    const refused = await loaded(renderFlow({ userHash: await computeUserHash('u_grace') }));
    expect(refused.result.current.flow.status).toBe('error');
    expect(isGroupKitApiError(refused.result.current.flow.error)).toBe(true);
    refused.unmount();

    const view = await loaded(renderFlow({ userHash: await computeUserHash('u_ada') }));
    expect(view.result.current.flow.status).toBe('not_started');
    await moves(view, 'next');
    expect(serverProgress().step).toBe('pick');
  });

  it('runs on a client given to the provider', async () => {
    publishFlow(api.engine);
    const client = createGroupKitClient({ apiKey: 'pk_test_groupkit', baseUrl: BASE });
    const view = await loaded(renderFlow({ client }));
    await moves(view, 'next');
    expect(serverProgress().step).toBe('pick');
  });
});
