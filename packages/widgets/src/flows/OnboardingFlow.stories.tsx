import { useFlow } from '@groupkit/react/flows';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  FLOW,
  FlowProbe,
  type FlowStoryArgs,
  progressOnServer,
  publishWelcome,
  STEP_TITLES,
  setOnline,
  storeOfflineProgress,
  withFlowProvider,
} from '../__stories__/flowsApi';
import { forgetGroupKitStorage, onboardingApi } from '../__stories__/onboardingApi';
import { groupKitArgTypes, withGroupKit } from '../__stories__/withGroupKit';
import { OnboardingFlow } from './OnboardingFlow';
import type { ServerOnboardingFlowProps } from './ServerFlow';

type Args = ServerOnboardingFlowProps & FlowStoryArgs;

const usage = `
An onboarding flow defined on the server: its steps (welcome, choose groups, enter a code,
content with a call to action, done) are data, published as numbered versions and targeted by
groups. The user's progress is kept on the server, written optimistically through the SDK's
ordered change queue (offline moves wait and go once the browser is back), so another device
resumes at the same step. \`localStorage\` is only an offline cache.

\`\`\`tsx
import { GroupKitProvider } from '@groupkit/react';
import { OnboardingFlow } from '@groupkit/widgets/flows';

<GroupKitProvider apiKey="pk_test_groupkit" userId={user.id} flowVersions={dev ? { welcome: 3 } : undefined}>
  <OnboardingFlow flowId="welcome" onComplete={() => navigate('/home')} />
</GroupKitProvider>
\`\`\`

Headless: \`useFlow('welcome')\` from \`@groupkit/react/flows\` (status, version, step, and
\`next\` / \`back\` / \`skip\` / \`complete\` / \`dismiss\` / \`restart\`). The probe under each story
shows what it says.
`;

const meta: Meta<Args> = {
  title: 'Widgets/OnboardingFlow (server)',
  component: OnboardingFlow,
  tags: ['autodocs'],
  // A provider with the story's flowVersions (persisting only for the offline story), inside
  // withGroupKit's frame; storage is forgotten before and after each story.
  decorators: [withFlowProvider, withGroupKit],
  beforeEach: () => {
    forgetGroupKitStorage();
    return () => forgetGroupKitStorage();
  },
  render: ({
    userId: _u,
    theme: _t,
    locale: _l,
    dir: _d,
    width: _w,
    flowVersions: _v,
    persist: _p,
    ...props
  }) => (
    <>
      <OnboardingFlow {...props} />
      <FlowProbe flowId={props.flowId} />
    </>
  ),
  args: { flowId: FLOW, userId: 'u_ada', theme: 'light', onComplete: fn(), onDismiss: fn() },
  argTypes: {
    ...groupKitArgTypes,
    flowVersions: { control: false },
    persist: { control: false },
  },
  parameters: {
    ...onboardingApi((engine) => publishWelcome(engine)).parameters,
    docs: { description: { component: usage } },
  },
};

export default meta;
type Story = StoryObj<Args>;

type Canvas = ReturnType<typeof within>;

const heading = (canvas: Canvas, name: string | RegExp) =>
  canvas.findByRole('heading', { level: 2, name }, { timeout: 3000 });

/** Presses `button` and waits for the next step's heading, which must take focus. */
async function goTo(canvas: Canvas, button: string | RegExp, title: string | RegExp) {
  await userEvent.click(canvas.getByRole('button', { name: button }));
  const next = await heading(canvas, title);
  await waitFor(() => expect(next).toHaveFocus());
  return next;
}

const probe = (canvas: Canvas) => canvas.getByTestId('flow-probe');

/** Ada through every step of version 1: each move saved on the server, in order. */
export const WholeFlow: Story = {
  name: 'Ada: the whole flow',
  ...onboardingApi((engine) => publishWelcome(engine)),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await heading(canvas, STEP_TITLES[0]);
    await expect(canvas.getByText('Step 1 of 5')).toBeVisible();
    await goTo(canvas, 'Next', STEP_TITLES[1]);
    await goTo(canvas, 'Next', STEP_TITLES[2]);
    await goTo(canvas, 'Skip', STEP_TITLES[3]);
    await expect(canvas.getByRole('link', { name: 'Open the docs' })).toBeVisible();
    await goTo(canvas, 'Next', STEP_TITLES[4]);
    await waitFor(() => expect(probe(canvas)).toHaveTextContent('step “done”'));
    await waitFor(() => expect(probe(canvas)).not.toHaveTextContent('saving'));
    await userEvent.click(canvas.getByRole('button', { name: 'Finish' }));
    await waitFor(() => expect(canvas.queryByRole('region')).toBeNull());
    await expect(probe(canvas)).toHaveTextContent('completed');
    await expect(args.onComplete).toHaveBeenCalledTimes(1);
  },
};

/** One story per step: Ada's progress on the server puts her there (any device shows it). */
function onStep(at: number): Story {
  return {
    ...onboardingApi((engine) => {
      publishWelcome(engine);
      if (at > 0) progressOnServer(engine, at);
    }),
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement);
      const title = await heading(canvas, STEP_TITLES[at] as string);
      await expect(canvas.getByText(`Step ${at + 1} of 5`)).toBeVisible();
      // Resumed, not moved to: focus stays where the page has it.
      await expect(title).not.toHaveFocus();
    },
  };
}

export const StepWelcome = onStep(0);
export const StepChooseGroups = onStep(1);
export const StepEnterCode = onStep(2);
export const StepContent = onStep(3);
export const StepDone = onStep(4);

/**
 * Version 2 is published (a shorter flow), but the provider pins version 1
 * (`flowVersions={{ welcome: 1 }}`), as in development and tests.
 */
export const PinnedOldVersion: Story = {
  name: 'Pinned to an old version',
  ...onboardingApi((engine) => publishWelcome(engine, { v2: true })),
  args: { flowVersions: { [FLOW]: 1 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await heading(canvas, STEP_TITLES[0]);
    await expect(canvas.getByText('Step 1 of 5')).toBeVisible();
    await expect(probe(canvas)).toHaveTextContent('version 1');
  },
};

/** Unpinned, the same engine serves a new user the latest version (2). */
export const LatestVersion: Story = {
  name: 'Latest version (unpinned)',
  ...onboardingApi((engine) => publishWelcome(engine, { v2: true })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await heading(canvas, 'Hi there');
    await expect(canvas.getByText('Step 1 of 3')).toBeVisible();
    await expect(probe(canvas)).toHaveTextContent('version 2');
  },
};

/** The flow targets beta testers (`include: ['beta']`): Ada is not one, so nothing shows. */
export const TargetedOut: Story = {
  name: 'Targeted-out user',
  ...onboardingApi((engine) => publishWelcome(engine, { targeting: { include: ['beta'] } })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(probe(canvas)).toHaveTextContent('unavailable'));
    await expect(canvas.queryByRole('region')).toBeNull();
  },
};

/**
 * Ada moved to the content step while offline and reloaded, still offline: the flow shows from
 * the browser's copy with her unsent move on top, asks the server nothing, and sends the move
 * once the browser is back online.
 */
const offline = onboardingApi((engine) => {
  publishWelcome(engine);
  progressOnServer(engine, 2);
  storeOfflineProgress(engine, 3);
});
export const OfflineResume: Story = {
  name: 'Offline resume',
  parameters: offline.parameters,
  beforeEach: () => {
    offline.beforeEach();
    setOnline(false);
    return () => setOnline(true);
  },
  args: { persist: true },
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step('offline: the cached flow, at the step made offline', async () => {
      await heading(canvas, STEP_TITLES[3]);
      await expect(canvas.getByText('Step 4 of 5')).toBeVisible();
      await expect(probe(canvas)).toHaveTextContent('offline: saved when back online');
    });
    await step('online again: the move is sent once', async () => {
      setOnline(true);
      await waitFor(() => expect(probe(canvas)).not.toHaveTextContent('saving'));
      await expect(probe(canvas)).toHaveTextContent('in_progress, version 1, step “docs”');
    });
  },
};

function ShowAgain() {
  const flow = useFlow(FLOW);
  return (
    <button type="button" onClick={() => void flow.restart()}>
      Show the tour again
    </button>
  );
}

/** Escape dismisses on every device; `renderDone` offers to start over (`restart()`). */
export const Dismissed: Story = {
  ...onboardingApi((engine) => publishWelcome(engine)),
  args: { renderDone: () => <ShowAgain /> },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await heading(canvas, STEP_TITLES[0]);
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Dismiss onboarding' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    const again = await canvas.findByRole('button', { name: 'Show the tour again' });
    await expect(args.onDismiss).toHaveBeenCalledTimes(1);
    await userEvent.click(again);
    await heading(canvas, STEP_TITLES[0]);
    // Restarted on the server too: the story ends with nothing left to send into the next one.
    await waitFor(() => expect(probe(canvas)).not.toHaveTextContent('saving'));
    await expect(probe(canvas)).toHaveTextContent('in_progress, version 1, step “hello”');
  },
};

/** Dark theme, on the content step. */
export const Dark: Story = {
  ...onboardingApi((engine) => {
    publishWelcome(engine);
    progressOnServer(engine, 3);
  }),
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await heading(canvas, STEP_TITLES[3]);
    await expect(canvas.getByRole('link', { name: 'Open the docs' })).toBeVisible();
  },
};
