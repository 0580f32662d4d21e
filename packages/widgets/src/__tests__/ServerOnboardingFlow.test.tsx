import '../styles.css';
import { GroupKitProvider } from '@groupkit/react';
import { render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { type ReactNode, useState } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import {
  FLOW,
  FlowProbe,
  progressOnServer,
  publishWelcome,
  STEP_TITLES,
  setOnline,
  storageKey,
  storeOfflineProgress,
} from '../__stories__/flowsApi';
import { forgetGroupKitStorage } from '../__stories__/onboardingApi';
import { OnboardingFlow } from '../flows/OnboardingFlow';
import { WelcomeStep } from '../onboarding/WelcomeStep';
import { ContentStep } from '../onboarding/ContentStep';
import { DoneStep } from '../onboarding/DoneStep';
import { axeViolations } from './axe';
import { isolatedMockApi } from './isolatedMockApi';

const api = isolatedMockApi();
// An account group of this file's own: the offline test persists under `groupkit:<group>:…`,
// and other test files running in the same origin use `acme`.
const GROUP = 'acme-server-flows';

const flowRequests: string[] = [];
api.onOwnRequest((request) => {
  const { pathname } = new URL(request.url);
  if (pathname.includes('/flows/')) flowRequests.push(`${request.method} ${pathname}`);
});
const puts = () => flowRequests.filter((r) => r.startsWith('PUT'));

beforeAll(() => page.viewport(800, 900));
beforeEach(() => {
  flowRequests.length = 0;
  forgetGroupKitStorage(`groupkit:${GROUP}:`);
});
afterEach(() => {
  setOnline(true);
  forgetGroupKitStorage(`groupkit:${GROUP}:`);
});

interface ProvidersProps {
  userId?: string;
  flowVersions?: Record<string, number>;
  persist?: boolean;
  children: ReactNode;
}

/** A provider over this test's engine (its requests carry the test's id). */
function Providers({ userId = 'u_ada', flowVersions, persist = false, children }: ProvidersProps) {
  const [client] = useState(api.testClient);
  return (
    <GroupKitProvider
      apiKey="pk_test_groupkit"
      client={client}
      userId={userId}
      groupId={GROUP}
      flowVersions={flowVersions}
      persist={persist}
    >
      {children}
    </GroupKitProvider>
  );
}

function renderFlow(props: Omit<ProvidersProps, 'children'> = {}) {
  const onComplete = vi.fn();
  const onDismiss = vi.fn();
  const view = render(
    <Providers {...props}>
      <OnboardingFlow
        flowId={FLOW}
        onComplete={onComplete}
        onDismiss={onDismiss}
        renderDone={(status) => <p>Flow {status}.</p>}
      />
      <FlowProbe />
    </Providers>,
  );
  return { ...view, onComplete, onDismiss };
}

function serve(setup?: () => void) {
  api.engine.identifyGroup({ identifier: GROUP, properties: { name: 'Acme Co.' } });
  publishWelcome(api.engine);
  setup?.();
}

const heading = (name: string | RegExp) =>
  screen.findByRole('heading', { level: 2, name }, { timeout: 3000 });

async function focusedHeading(name: string | RegExp) {
  const h = await heading(name);
  await vi.waitFor(() => expect(h).toHaveFocus());
  return h;
}

async function tabTo(target: HTMLElement, shift = false) {
  for (let i = 0; i < 40 && document.activeElement !== target; i++) {
    await userEvent.tab({ shift });
  }
  expect(target).toHaveFocus();
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });
const probe = () => screen.getByTestId('flow-probe');
const serverProgress = (userId = 'u_ada') => api.engine.getUserFlow(userId, FLOW).progress;

describe('<OnboardingFlow flowId> (a server-defined flow) in Chromium', () => {
  it('walks every step with the keyboard, focus on each heading, saved on the server at each move', async () => {
    serve();
    const { container, onComplete, onDismiss } = renderFlow();

    const welcome = await heading(STEP_TITLES[0]);
    expect(welcome).not.toHaveFocus(); // no autoFocus: the page keeps its focus
    expect(screen.getByText('Four quick steps and you are in.')).toBeVisible();
    expect(screen.getByText('Step 1 of 5')).toBeVisible();
    expect(await axeViolations(container)).toEqual([]);
    await tabTo(button('Next'));
    await userEvent.keyboard('{Enter}');

    await focusedHeading(STEP_TITLES[1]);
    // Only the groups the step names, in the directory's order.
    const newsletter = await screen.findByRole('switch', { name: 'Product newsletter' });
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('switch', { name: 'Community forum' })).toBeVisible();
    await vi.waitFor(() => expect(newsletter).toBeEnabled());
    await tabTo(newsletter);
    await userEvent.keyboard(' ');
    await vi.waitFor(() => expect(newsletter).toHaveAttribute('aria-checked', 'true'));
    expect(await axeViolations(container)).toEqual([]);
    await tabTo(button('Next'));
    await userEvent.keyboard('{Enter}');

    // The enter_code step has no title on the server: the step's own, and it may be skipped.
    await focusedHeading(STEP_TITLES[2]);
    expect(screen.getByRole('textbox', { name: 'Group code' })).toBeVisible();
    expect(await axeViolations(container)).toEqual([]);
    await tabTo(button('Skip'));
    await userEvent.keyboard('{Enter}');

    await focusedHeading(STEP_TITLES[3]);
    expect(screen.getByText('Everything about groups is in one place.')).toBeVisible();
    expect(screen.getByText('Search it any time from the help menu.')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Open the docs' })).toHaveAttribute('href', '/docs');
    expect(await axeViolations(container)).toEqual([]);
    await tabTo(button('Next'));
    await userEvent.keyboard('{Enter}');

    await focusedHeading(STEP_TITLES[4]);
    expect(screen.getByRole('list', { name: 'You joined 1 group:' })).toHaveTextContent(
      'Product newsletter',
    );
    expect(await axeViolations(container)).toEqual([]);
    await vi.waitFor(() => expect(serverProgress()).toMatchObject({ step: 'done' }));
    expect(serverProgress().completedSteps).toEqual(['hello', 'pick', 'docs']); // code was skipped

    await tabTo(button('Finish'));
    await userEvent.keyboard('{Enter}');
    await screen.findByText('Flow completed.');
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onDismiss).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(serverProgress().status).toBe('completed'));
    expect(puts()).toHaveLength(5); // one per move, none doubled
  });

  it('a refused move rolls back to the step the server has', async () => {
    serve();
    api.worker.use(
      http.put('*/v1/users/u_ada/flows/welcome', () =>
        HttpResponse.json(
          { error: { code: 'validation_failed', message: 'Refused.', details: {} } },
          { status: 400 },
        ),
      ),
    );
    renderFlow();
    await heading(STEP_TITLES[0]);
    await userEvent.click(button('Next'));
    // Shown at once, then rolled back when the server refuses it.
    await vi.waitFor(() => expect(puts()).toHaveLength(1));
    await heading(STEP_TITLES[0]);
    await vi.waitFor(() => expect(probe()).toHaveTextContent('not_started'));
    expect(probe()).not.toHaveTextContent('saving');
    expect(serverProgress().status).toBe('not_started');
  });

  it('a second provider with empty storage (another device) resumes at the same step, without taking focus', async () => {
    serve();
    const first = renderFlow();
    await heading(STEP_TITLES[0]);
    await userEvent.click(button('Next'));
    await focusedHeading(STEP_TITLES[1]);
    await userEvent.click(button('Next'));
    await focusedHeading(STEP_TITLES[2]);
    await vi.waitFor(() => expect(serverProgress().step).toBe('code'));
    first.unmount();

    localStorage.clear();
    renderFlow();
    const resumed = await heading(STEP_TITLES[2]);
    expect(screen.getByText('Step 3 of 5')).toBeVisible();
    expect(resumed).not.toHaveFocus();
    await userEvent.click(button('Back'));
    await focusedHeading(STEP_TITLES[1]);
  });

  it('a pinned version (flowVersions) shows that version, and saves progress in it', async () => {
    serve(() => {
      api.engine.updateFlowDraft(FLOW, {
        steps: [
          { id: 'hello', type: 'welcome', title: 'Hi there' },
          { id: 'done', type: 'done' },
        ],
      });
      api.engine.publishFlow(FLOW);
    });
    const latest = renderFlow();
    await heading('Hi there');
    expect(screen.getByText('Step 1 of 2')).toBeVisible();
    latest.unmount();

    renderFlow({ flowVersions: { [FLOW]: 1 } });
    await heading(STEP_TITLES[0]);
    expect(screen.getByText('Step 1 of 5')).toBeVisible();
    await userEvent.click(button('Next'));
    await focusedHeading(STEP_TITLES[1]);
    await vi.waitFor(() =>
      expect(api.engine.getUserFlow('u_ada', FLOW, '1').progress).toMatchObject({
        version: 1,
        step: 'pick',
      }),
    );
  });

  it.each([
    ['include', { include: ['pro'] }, 'u_ada', 'u_grace'],
    ['exclude', { exclude: ['pro'] }, 'u_grace', 'u_ada'],
  ])(
    'targeting (%s): the user it is for sees it, the other nothing',
    async (_, targeting, yes, no) => {
      api.engine.identifyGroup({ identifier: GROUP, properties: { name: 'Acme Co.' } });
      publishWelcome(api.engine, { targeting });
      const shown = renderFlow({ userId: yes });
      await heading(STEP_TITLES[0]);
      shown.unmount();

      const hidden = renderFlow({ userId: no });
      await vi.waitFor(() => expect(probe()).toHaveTextContent('unavailable'));
      expect(screen.queryByRole('region')).toBeNull();
      expect(hidden.onComplete).not.toHaveBeenCalled();
      expect(screen.queryByText(/Flow (completed|dismissed)/)).toBeNull();
    },
  );

  it('Escape dismisses for good, on every device', async () => {
    serve(() => progressOnServer(api.engine, 3));
    const { onDismiss, unmount } = renderFlow();
    const docs = await heading(STEP_TITLES[3]);
    docs.focus();
    await userEvent.keyboard('{Escape}');
    await screen.findByText('Flow dismissed.');
    expect(onDismiss).toHaveBeenCalledTimes(1);
    await vi.waitFor(() =>
      expect(serverProgress()).toMatchObject({ status: 'dismissed', step: 'docs' }),
    );
    unmount();
    localStorage.clear();
    renderFlow();
    await screen.findByText('Flow dismissed.');
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('resumes offline from the browser’s copy, and sends the move made offline once when back online', async () => {
    serve(() => progressOnServer(api.engine, 2));
    storeOfflineProgress(api.engine, 3, { groupId: GROUP });
    setOnline(false);
    renderFlow({ persist: true });
    await heading(STEP_TITLES[3]);
    expect(probe()).toHaveTextContent('offline: saved when back online');
    expect(flowRequests).toEqual([]); // nothing asked or sent while offline

    setOnline(true);
    await vi.waitFor(() => expect(serverProgress().step).toBe('docs'));
    await vi.waitFor(() => expect(probe()).not.toHaveTextContent('saving'));
    expect(puts()).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 2, name: STEP_TITLES[3] })).toBeVisible();
    const saved = JSON.parse(localStorage.getItem(storageKey('u_ada', GROUP)) ?? '{}');
    expect(saved.pending).toEqual([]);
    expect(saved.flows[FLOW].server.progress.step).toBe('docs');
  });

  it('a step of a kind this SDK does not know (a newer server) is left out, the flow goes on', async () => {
    serve();
    const { flow } = api.engine.getUserFlow('u_ada', FLOW);
    if (!flow) throw new Error('the flow is published');
    const steps = [flow.steps[0], { id: 'quiz', type: 'quiz', title: 'A quiz' }, flow.steps[3]];
    api.worker.use(
      http.get('*/v1/users/u_ada/flows/welcome', () =>
        HttpResponse.json({
          flow: { ...flow, steps },
          progress: {
            flowId: FLOW,
            version: 1,
            status: 'in_progress',
            step: 'quiz',
            completedSteps: ['hello'],
            updatedAt: new Date().toISOString(),
          },
        }),
      ),
    );
    renderFlow();
    await heading(STEP_TITLES[3]);
    expect(screen.getByText('Step 2 of 2')).toBeVisible();
    expect(screen.queryByText('A quiz')).toBeNull();
  });

  it('flows defined in code work unchanged from the same entry', async () => {
    serve();
    render(
      <Providers>
        <OnboardingFlow id="tour">
          <WelcomeStep />
          <OnboardingFlow.Step id="profile" title="Your profile">
            <p>Tell us about you.</p>
          </OnboardingFlow.Step>
          <DoneStep />
        </OnboardingFlow>
      </Providers>,
    );
    await heading('Welcome to Acme Co.');
    await userEvent.click(button('Next'));
    await focusedHeading('Your profile');
    expect(flowRequests).toEqual([]); // a code flow never asks the server for a flow
  });
});

describe('ContentStep', () => {
  it('shows text as paragraphs, never as HTML, and only links that cannot run script', async () => {
    serve();
    const body = 'First <b>line</b>.\n\nSecond paragraph.';
    const { container } = render(
      <Providers>
        <OnboardingFlow id="content">
          <ContentStep
            id="unsafe"
            title="Careful"
            body={body}
            cta={{ label: 'Run', href: 'javascript:alert(1)' }}
          />
          <ContentStep
            id="other-host"
            title="Elsewhere"
            body="B"
            cta={{ label: 'Go', href: '//evil.example' }}
          />
          <ContentStep
            id="safe"
            title="Safe"
            body="C"
            cta={{ label: 'Docs', href: 'https://docs.example' }}
          />
        </OnboardingFlow>
      </Providers>,
    );
    await heading('Careful');
    expect(screen.getByText('First <b>line</b>.')).toBeVisible();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText('Second paragraph.').tagName).toBe('P');
    expect(screen.queryByRole('link')).toBeNull();
    await userEvent.click(button('Next'));
    await focusedHeading('Elsewhere');
    expect(screen.queryByRole('link')).toBeNull();
    await userEvent.click(button('Next'));
    await focusedHeading('Safe');
    expect(screen.getByRole('link', { name: 'Docs' })).toHaveAttribute(
      'href',
      'https://docs.example',
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
