import '../styles.css';
import { createGroupsEngine, createHandlers, type GroupsEngine } from '@groupkit/mock-api';
import { startMockWorker } from '@groupkit/mock-api/browser';
import { GroupKitProvider } from '@groupkit/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import {
  FLOW_ID,
  forgetGroupKitStorage,
  redeemBeta,
  storageKey,
  storeProgress,
} from '../__stories__/onboardingApi';
import { GroupKitLocaleProvider } from '../locale';
import { germanMessages } from '../messages';
import { DoneStep } from '../onboarding/DoneStep';
import { GroupOnboarding, type GroupOnboardingProps } from '../onboarding/GroupOnboarding';
import { WelcomeStep } from '../onboarding/WelcomeStep';
import { OnboardingFlow } from '../OnboardingFlow';
import { axeViolations } from './axe';

// An account group of this file's own: progress is persisted under `groupkit:<group>:<user>`,
// and other test files running in the same origin use `acme`.
const GROUP = 'acme-onboarding-flow';
const KEY_PREFIX = `groupkit:${GROUP}:`;

let mock: Awaited<ReturnType<typeof startMockWorker>>;
let engine: GroupsEngine;
beforeAll(async () => {
  mock = await startMockWorker();
  await page.viewport(800, 900);
});
beforeEach(() => forgetGroupKitStorage(KEY_PREFIX));
afterEach(() => {
  cleanup();
  mock.worker.resetHandlers();
  forgetGroupKitStorage(KEY_PREFIX);
});
afterAll(() => mock.worker.stop());

/** A fresh engine per test, with this file's account group named "Acme Co.". */
function serve(setup?: (engine: GroupsEngine) => void, latency?: number) {
  engine = createGroupsEngine();
  engine.identifyGroup({ identifier: GROUP, properties: { name: 'Acme Co.' } });
  setup?.(engine);
  mock.worker.use(...createHandlers(engine, { latency }));
  return engine;
}

function Providers({
  userId = 'u_ada',
  de = false,
  children,
}: {
  userId?: string;
  de?: boolean;
  children: ReactNode;
}) {
  const app = (
    <GroupKitProvider apiKey="pk_test_groupkit" userId={userId} groupId={GROUP}>
      {children}
    </GroupKitProvider>
  );
  return de ? (
    <GroupKitLocaleProvider locale="de-DE" messages={germanMessages}>
      {app}
    </GroupKitLocaleProvider>
  ) : (
    app
  );
}

function renderFlow(props: Partial<GroupOnboardingProps> = {}, userId = 'u_ada', de = false) {
  const onComplete = vi.fn();
  const onDismiss = vi.fn();
  const ui = (user = userId) => (
    <Providers userId={user} de={de}>
      <GroupOnboarding onComplete={onComplete} onDismiss={onDismiss} {...props} />
    </Providers>
  );
  const view = render(ui());
  return { ...view, onComplete, onDismiss, switchUser: (user: string) => view.rerender(ui(user)) };
}

const heading = (name: string | RegExp) =>
  screen.findByRole('heading', { level: 2, name }, { timeout: 3000 });

/** Waits for the step titled `name` and for focus to land on its heading. */
async function focusedHeading(name: string | RegExp) {
  const h = await heading(name);
  await vi.waitFor(() => expect(h).toHaveFocus());
  return h;
}

/** Tabs (forwards, or backwards with `shift`) until `target` has focus. */
async function tabTo(target: HTMLElement, shift = false) {
  for (let i = 0; i < 30 && document.activeElement !== target; i++) {
    await userEvent.tab({ shift });
  }
  expect(target).toHaveFocus();
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });
const stored = (userId = 'u_ada') =>
  JSON.parse(localStorage.getItem(storageKey(userId, GROUP)) ?? '{}') as {
    flows?: Record<string, { step: number; status: string; seen: string[] }>;
  };

describe('OnboardingFlow in Chromium', () => {
  it('walks the whole flow with the keyboard alone, focus on each new heading', async () => {
    serve();
    const { container, onComplete, onDismiss } = renderFlow();

    const welcome = await heading('Welcome to Acme Co.');
    // Nothing is focused on mount (no autoFocus): the page keeps its own focus.
    expect(welcome).not.toHaveFocus();
    expect(screen.getByRole('region', { name: 'Welcome to Acme Co.' })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    await tabTo(button('Next'));
    await userEvent.keyboard('{Enter}');

    await focusedHeading('Choose your groups');
    const newsletter = await screen.findByRole('switch', { name: 'Product newsletter' });
    await vi.waitFor(() => expect(newsletter).toBeEnabled());
    await tabTo(newsletter);
    await userEvent.keyboard(' ');
    await vi.waitFor(() => expect(newsletter).toHaveAttribute('aria-checked', 'true'));
    expect(await axeViolations(container)).toEqual([]);
    await tabTo(button('Next'));
    await userEvent.keyboard('{Enter}');

    await focusedHeading('Have an invite code?');
    await tabTo(screen.getByRole('textbox', { name: 'Group code' }));
    await userEvent.keyboard('BETA-2026{Enter}');
    const joined = await screen.findByRole('status');
    expect(joined).toHaveTextContent('You joined Beta testers.');
    // Now in beta, the step gated `exclude: ['beta']` stays: it is the one she is on.
    expect(screen.getByText('Step 3 of 4')).toBeVisible();
    expect(await axeViolations(container)).toEqual([]);
    await tabTo(button('Next'));
    await userEvent.keyboard('{Enter}');

    await focusedHeading('You’re all set');
    expect(screen.getByText('Step 4 of 4')).toBeVisible();
    const list = screen.getByRole('list', { name: 'You joined 2 groups:' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Product newsletter', 'Beta testers With a code']);
    expect(await axeViolations(container)).toEqual([]);

    // Back returns to the code step (still counted), with focus on its heading.
    await tabTo(button('Back'), true);
    await userEvent.keyboard('{Enter}');
    await focusedHeading('Have an invite code?');
    expect(screen.getByText('Step 3 of 4')).toBeVisible();
    await tabTo(button('Next'));
    await userEvent.keyboard(' ');
    await focusedHeading('You’re all set');

    await tabTo(button('Finish'));
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(screen.queryByRole('region')).toBeNull());
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onDismiss).not.toHaveBeenCalled();
    // The record of the starting memberships is gone with the flow.
    expect(stored().flows?.[FLOW_ID]).toEqual({
      step: 3,
      stepId: 'done',
      status: 'completed',
      seen: ['welcome', 'groups', 'code', 'done'],
    });
  });

  it('shows "Step n of m" as text and as a named progressbar, and names the region', async () => {
    serve();
    renderFlow();
    const welcome = await heading('Welcome to Acme Co.');
    const bar = screen.getByRole('progressbar', { name: 'Step 1 of 4' }) as HTMLProgressElement;
    expect(bar.value).toBe(1);
    expect(bar.max).toBe(4);
    expect(welcome).toHaveAttribute('tabindex', '-1');
    expect(welcome).toHaveAccessibleDescription('Step 1 of 4');
    expect(button('Next')).toHaveAttribute('type', 'button');
    expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Skip' })).toBeNull();

    await userEvent.click(button('Next'));
    await focusedHeading('Choose your groups');
    expect(screen.getByRole('progressbar', { name: 'Step 2 of 4' })).toHaveProperty('value', 2);
    expect(screen.getByRole('region', { name: 'Choose your groups' })).toHaveAttribute(
      'data-step',
      'groups',
    );
    // The directory inside takes the next heading level.
    expect(await screen.findByRole('heading', { level: 3, name: 'Groups' })).toBeVisible();

    await userEvent.click(button('Next'));
    await focusedHeading('Have an invite code?');
    expect(button('Skip')).toBeVisible();
    await userEvent.click(button('Back'));
    await focusedHeading('Choose your groups');
  });

  it('Escape dismisses once (a code panel’s own Escape first), and it stays dismissed', async () => {
    serve();
    const { container, onDismiss, onComplete, unmount } = renderFlow();
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await focusedHeading('Choose your groups');
    const haveCode = (
      await screen.findAllByRole('button', { name: 'Have a code?' })
    )[0] as HTMLElement;
    await userEvent.click(haveCode);
    const input = screen.getByRole('textbox', { name: 'Group code' });
    await vi.waitFor(() => expect(input).toHaveFocus());

    // The directory's panel handles this Escape: it closes, the flow stays.
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(haveCode).toHaveFocus());
    expect(screen.getByRole('region', { name: 'Choose your groups' })).toBeInTheDocument();
    expect(onDismiss).not.toHaveBeenCalled();

    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(screen.queryByRole('region')).toBeNull());
    await userEvent.keyboard('{Escape}');
    expect(onDismiss).toHaveBeenCalledTimes(1);
    expect(onComplete).not.toHaveBeenCalled();
    expect(container).toBeEmptyDOMElement();
    expect(stored().flows?.[FLOW_ID]?.status).toBe('dismissed');

    // After a reload it is still dismissed, and nothing fires again.
    unmount();
    const again = renderFlow();
    await new Promise((r) => setTimeout(r, 300));
    expect(again.container).toBeEmptyDOMElement();
    expect(again.onDismiss).not.toHaveBeenCalled();
  });

  it('dismisses with the labelled × button', async () => {
    serve();
    const { onDismiss } = renderFlow();
    await heading('Welcome to Acme Co.');
    const close = button('Dismiss onboarding');
    expect(close).toHaveTextContent('×');
    await userEvent.click(close);
    await vi.waitFor(() => expect(screen.queryByRole('region')).toBeNull());
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('skips a gated step for users who do not pass, and leaves it out of the count', async () => {
    serve((e) => redeemBeta(e, 'u_grace'));
    const { container } = renderFlow({}, 'u_grace');
    await heading('Welcome to Acme Co.');
    expect(screen.getByText('Step 1 of 3')).toBeVisible();
    await userEvent.click(button('Next'));
    await focusedHeading('Choose your groups');
    expect(screen.getByText('Step 2 of 3')).toBeVisible();
    await userEvent.click(button('Next'));
    await focusedHeading('You’re all set');
    expect(screen.getByText('Step 3 of 3')).toBeVisible();
    expect(screen.getByRole('progressbar')).toHaveProperty('max', 3);
    expect(screen.getByText(/You did not join any groups/)).toBeVisible();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('waits for memberships before showing anything: a gated step never flashes', async () => {
    serve((e) => redeemBeta(e, 'u_grace'), 300);
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(document.body.textContent ?? ''));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const { container } = renderFlow({}, 'u_grace');
    expect(container).toBeEmptyDOMElement();
    await heading('Welcome to Acme Co.');
    observer.disconnect();
    expect(screen.getByText('Step 1 of 3')).toBeVisible();
    expect(seen.filter((text) => text.includes('of 4'))).toEqual([]);
  });

  it('resumes the same step after a reload (the provider remounted), without taking focus', async () => {
    serve();
    const first = renderFlow();
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await focusedHeading('Choose your groups');
    const newsletter = await screen.findByRole('switch', { name: 'Product newsletter' });
    await vi.waitFor(() => expect(newsletter).toBeEnabled());
    await userEvent.click(newsletter);
    await vi.waitFor(() =>
      expect(engine.listMemberships('u_ada').map((m) => m.slug)).toContain('newsletter'),
    );
    await userEvent.click(button('Next'));
    await focusedHeading('Have an invite code?');
    expect(stored().flows?.[FLOW_ID]).toEqual({
      step: 2,
      stepId: 'code',
      status: 'active',
      seen: ['welcome', 'groups'],
      // What the user held when the flow began: the done step compares with it.
      startedWith: engine
        .listMemberships('u_ada')
        .filter((m) => m.slug !== 'newsletter')
        .map((m) => m.groupId),
    });
    first.unmount();

    const { container } = renderFlow();
    const resumed = await heading('Have an invite code?');
    expect(screen.getByText('Step 3 of 4')).toBeVisible();
    expect(resumed).not.toHaveFocus();
    // What was joined before the reload still counts as joined during the flow.
    await userEvent.click(button('Skip'));
    await focusedHeading('You’re all set');
    const list = screen.getByRole('list', { name: 'You joined 1 group:' });
    expect(list).toHaveTextContent('Product newsletter');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('starts fresh for a different user, and keeps the first user’s progress', async () => {
    serve();
    const { switchUser } = renderFlow();
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await focusedHeading('Choose your groups');

    switchUser('u_grace');
    await heading('Welcome to Acme Co.');
    expect(screen.getByText('Step 1 of 4')).toBeVisible();
    // Grace's own progress: at the start (only her starting memberships are recorded).
    expect(stored('u_grace').flows?.[FLOW_ID]).toMatchObject({ step: 0, seen: [] });

    switchUser('u_ada');
    await heading('Choose your groups');
    expect(screen.getByText('Step 2 of 4')).toBeVisible();
  });

  it('onComplete fires once, and a completed flow stays completed after a reload', async () => {
    serve((e) =>
      storeProgress(
        'u_ada',
        { step: 3, status: 'active', seen: ['welcome', 'groups', 'code'] },
        e.listMemberships('u_ada').map((m) => m.groupId),
        { groupId: GROUP },
      ),
    );
    const { onComplete, unmount } = renderFlow({
      renderDone: (status) => <p>Onboarding {status}.</p>,
    });
    await heading('You’re all set');
    const finish = button('Finish');
    await userEvent.dblClick(finish);
    expect(await screen.findByText('Onboarding completed.')).toBeVisible();
    expect(onComplete).toHaveBeenCalledTimes(1);
    unmount();
    const again = renderFlow({ renderDone: (status) => <p>Onboarding {status}.</p> });
    expect(await screen.findByText('Onboarding completed.')).toBeVisible();
    expect(again.onComplete).not.toHaveBeenCalled();
  });

  it('speaks German with the German catalogue, plurals included', async () => {
    serve();
    const { container } = renderFlow({}, 'u_ada', true);
    await heading('Willkommen bei Acme Co.');
    expect(screen.getByText('Schritt 1 von 4')).toBeVisible();
    expect(button('Einführung schließen')).toBeVisible();
    await userEvent.click(button('Weiter'));
    await focusedHeading('Wähle deine Gruppen');
    const newsletter = await screen.findByRole('switch', { name: 'Product newsletter' });
    await vi.waitFor(() => expect(newsletter).toBeEnabled());
    await userEvent.click(newsletter);
    await userEvent.click(button('Weiter'));
    await focusedHeading('Hast du einen Einladungscode?');
    await userEvent.click(button('Überspringen'));
    await focusedHeading('Alles bereit');
    expect(screen.getByRole('list', { name: 'Du bist 1 Gruppe beigetreten:' })).toBeVisible();
    expect(button('Fertig')).toBeVisible();
    expect(button('Zurück')).toBeVisible();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('is axe-clean in the dark theme, on the groups step', async () => {
    serve();
    const { container } = renderFlow();
    container.setAttribute('data-groupkit-theme', 'dark');
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await focusedHeading('Choose your groups');
    await screen.findByRole('list', { name: 'Groups' });
    expect(await axeViolations(container)).toEqual([]);
  });

  it('composes custom steps: autoFocus, headingLevel, gates, render props and unstyled', async () => {
    serve();
    const { container } = render(
      <Providers>
        <OnboardingFlow
          id="custom"
          autoFocus
          unstyled
          className="mine"
          headingLevel={3}
          messages={{ finish: 'Let’s go' }}
          renderProgress={(state, node) => (
            <>
              {node}
              <span>{`${state.id}: ${state.step}/${state.total}`}</span>
            </>
          )}
          renderNav={(state, nav) => (
            <>
              {nav}
              <button type="button" onClick={state.dismiss}>
                Later
              </button>
            </>
          )}
        >
          <WelcomeStep title="Hello!">
            <a href="#intro">Read the intro</a>
          </WelcomeStep>
          <OnboardingFlow.Step id="plus" title="For Plus" gate={{ include: ['plus'] }}>
            <p>Plus only.</p>
          </OnboardingFlow.Step>
          <OnboardingFlow.Step id="pro" title="For Pro" gate={{ include: ['pro'] }} optional>
            <p>Pro only.</p>
          </OnboardingFlow.Step>
          <DoneStep />
        </OnboardingFlow>
      </Providers>,
    );
    const hello = await screen.findByRole('heading', { level: 3, name: 'Hello!' });
    await vi.waitFor(() => expect(hello).toHaveFocus());
    expect(screen.getByText('welcome: 1/3')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Read the intro' })).toBeVisible();
    const root = screen.getByRole('region');
    expect(root).toHaveClass('groupkit-onboarding', 'mine');
    expect(root).not.toHaveClass('groupkit-root');
    expect(root).toHaveAttribute('data-unstyled', 'true');
    await userEvent.click(button('Next'));
    expect(await screen.findByRole('heading', { level: 3, name: 'For Pro' })).toHaveFocus();
    await userEvent.click(button('Skip'));
    await screen.findByRole('heading', { level: 3, name: 'You’re all set' });
    expect(button('Let’s go')).toBeVisible();
    await userEvent.click(button('Later'));
    await vi.waitFor(() => expect(screen.queryByRole('region')).toBeNull());
    expect(await axeViolations(container)).toEqual([]);
  });

  it('explains how to fix a built-in step used outside a flow', () => {
    serve();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() =>
      render(
        <Providers>
          <DoneStep />
        </Providers>,
      ),
    ).toThrow(/put it inside <OnboardingFlow id="…">/);
    expect(() =>
      render(
        <Providers>
          <DoneStep />
        </Providers>,
      ),
    ).toThrow(expect.objectContaining({ code: 'no_provider' }));
    vi.mocked(console.error).mockRestore();
  });
});
