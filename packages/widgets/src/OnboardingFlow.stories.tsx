import { useFlowProgress } from '@groupkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  FLOW_ID,
  forgetGroupKitStorage,
  onboardingApi,
  redeemBeta,
  resumeOnCodeStep,
  storeProgress,
  withPersistence,
} from './__stories__/onboardingApi';
import { groupKitArgTypes, type GroupKitStoryArgs, withGroupKit } from './__stories__/withGroupKit';
import { ChooseGroupsStep } from './onboarding/ChooseGroupsStep';
import { DoneStep } from './onboarding/DoneStep';
import { EnterCodeStep } from './onboarding/EnterCodeStep';
import { GroupOnboarding, type GroupOnboardingProps } from './onboarding/GroupOnboarding';
import { WelcomeStep } from './onboarding/WelcomeStep';
import { OnboardingFlow, OnboardingStep } from './OnboardingFlow';

type Args = GroupOnboardingProps & GroupKitStoryArgs;

const usage = `
A short onboarding flow: "Step 2 of 4" with a progress bar, Back / Next (Finish on the last
step), Skip on optional steps, × and Escape to dismiss. Focus moves to each new step's heading.
Progress is kept per user and account group in the provider's store (\`localStorage\`), so a
reload resumes the same step and another user starts fresh.

\`\`\`tsx
import { GroupKitProvider } from '@groupkit/react';
import { GroupOnboarding } from '@groupkit/widgets/onboarding';
import '@groupkit/widgets/styles.css';

<GroupKitProvider apiKey="pk_test_groupkit" userId={user.id} groupId="acme">
  <GroupOnboarding onComplete={() => navigate('/home')} />
</GroupKitProvider>
\`\`\`

Or compose your own: built-in steps and \`OnboardingFlow.Step\`, each optionally \`gate\`d like
\`<GroupGate>\` (a gated step is not counted for users it skips):

\`\`\`tsx
<OnboardingFlow id="tour" onComplete={finish} onDismiss={later}>
  <WelcomeStep />
  <OnboardingFlow.Step id="profile" title="Your profile" optional>
    <ProfileForm />
  </OnboardingFlow.Step>
  <EnterCodeStep gate={{ exclude: ['beta'] }} />
  <DoneStep />
</OnboardingFlow>
\`\`\`

\`renderProgress(state, node)\` and \`renderNav(state, node)\` replace the progress and the
buttons (\`state\` has \`back\`, \`next\`, \`skip\`, \`dismiss\`); \`renderDone(status)\` shows
something once the flow is over. \`useFlowProgress(id).reset()\` shows it again.
`;

const meta: Meta<Args> = {
  title: 'Widgets/OnboardingFlow',
  component: GroupOnboarding,
  subcomponents: {
    OnboardingFlow,
    'OnboardingFlow.Step': OnboardingStep,
    WelcomeStep,
    ChooseGroupsStep,
    EnterCodeStep,
    DoneStep,
  },
  tags: ['autodocs'],
  // Progress is persisted per user (withPersistence): forget it before and after each story,
  // so none resumes where another left off.
  decorators: [withPersistence, withGroupKit],
  beforeEach: () => {
    forgetGroupKitStorage();
    return () => forgetGroupKitStorage();
  },
  // The decorator's args (user, theme, language, direction, width) are not the flow's props.
  render: ({ userId: _u, theme: _t, locale: _l, dir: _d, width: _w, ...props }) => (
    <GroupOnboarding {...props} />
  ),
  args: { userId: 'u_ada', theme: 'light', onComplete: fn(), onDismiss: fn() },
  argTypes: groupKitArgTypes,
  parameters: { ...onboardingApi(), docs: { description: { component: usage } } },
};

export default meta;
type Story = StoryObj<Args>;

type Canvas = ReturnType<typeof within>;

const heading = (canvas: Canvas, name: string | RegExp) =>
  canvas.findByRole('heading', { level: 2, name }, { timeout: 3000 });

/** Presses `name` and waits for the next step's heading, which must take focus. */
async function goTo(canvas: Canvas, button: string | RegExp, title: string | RegExp) {
  await userEvent.click(canvas.getByRole('button', { name: button }));
  const next = await heading(canvas, title);
  await waitFor(() => expect(next).toHaveFocus());
  return next;
}

/** Ada, step by step: the newsletter on the groups step, BETA-2026 on the code step. */
export const AdaWholeFlow: Story = {
  name: 'Ada: the whole flow',
  ...onboardingApi(),
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step('welcome names the account group', async () => {
      await heading(canvas, 'Welcome to Acme Co.');
      await expect(canvas.getByText('Step 1 of 4')).toBeVisible();
      await expect(canvas.getByRole('progressbar', { name: 'Step 1 of 4' })).toHaveAttribute(
        'value',
        '1',
      );
      await expect(canvas.queryByRole('button', { name: 'Back' })).toBeNull();
    });
    await step('choose groups: subscribe to the newsletter', async () => {
      await goTo(canvas, 'Next', 'Choose your groups');
      await expect(canvas.getByText('Step 2 of 4')).toBeVisible();
      const toggle = await canvas.findByRole('switch', { name: 'Product newsletter' });
      await waitFor(() => expect(toggle).toBeEnabled());
      await userEvent.click(toggle);
      await expect(toggle).toHaveAttribute('aria-checked', 'true');
    });
    await step('enter a code: BETA-2026', async () => {
      await goTo(canvas, 'Next', 'Have an invite code?');
      await expect(canvas.getByRole('button', { name: 'Skip' })).toBeVisible();
      await userEvent.type(canvas.getByRole('textbox', { name: 'Group code' }), 'BETA-2026{Enter}');
      await expect(await canvas.findByRole('status')).toHaveTextContent('You joined Beta testers.');
      // Now a member of beta, Ada keeps the step she is on: still step 3 of 4.
      await expect(canvas.getByText('Step 3 of 4')).toBeVisible();
    });
    await step('done lists both groups', async () => {
      await goTo(canvas, 'Next', 'You’re all set');
      await expect(canvas.getByText('Step 4 of 4')).toBeVisible();
      const list = canvas.getByRole('list', { name: 'You joined 2 groups:' });
      const items = within(list).getAllByRole('listitem');
      await expect(items.map((li) => li.textContent)).toEqual([
        'Product newsletter',
        'Beta testers With a code',
      ]);
      await expect(canvas.getByRole('button', { name: 'Finish' })).toBeVisible();
    });
  },
};

/** Finish on the last step: `onComplete` fires once and the flow is gone, for good. */
export const Completed: Story = {
  ...onboardingApi((engine) =>
    storeProgress(
      'u_ada',
      { step: 3, status: 'active', seen: ['welcome', 'groups', 'code'] },
      engine.listMemberships('u_ada').map((m) => m.groupId),
    ),
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await heading(canvas, 'You’re all set');
    await expect(canvas.getByText('You did not join any groups.', { exact: false })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Finish' }));
    await waitFor(() => expect(canvas.queryByRole('region')).toBeNull());
    await expect(args.onComplete).toHaveBeenCalledTimes(1);
    await expect(args.onDismiss).not.toHaveBeenCalled();
  },
};

/**
 * Grace is already a beta tester: the code step (gated `exclude: ['beta']`) is skipped and not
 * counted, so she sees three steps.
 */
export const GatedCodeStep: Story = {
  name: 'Gate: code step skipped for beta',
  ...onboardingApi((engine) => redeemBeta(engine, 'u_grace')),
  args: { userId: 'u_grace' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await heading(canvas, 'Welcome to Acme Co.');
    await expect(canvas.getByText('Step 1 of 3')).toBeVisible();
    await goTo(canvas, 'Next', 'Choose your groups');
    await expect(canvas.getByText('Step 2 of 3')).toBeVisible();
    await goTo(canvas, 'Next', 'You’re all set');
    await expect(canvas.getByText('Step 3 of 3')).toBeVisible();
    await goTo(canvas, 'Back', 'Choose your groups');
  },
};

/**
 * A reload on the code step: stored progress resumes there (no focus is taken on mount), and
 * the summary still knows the newsletter was joined before the reload.
 */
export const Resumed: Story = {
  name: 'Resumed mid-flow',
  ...onboardingApi(resumeOnCodeStep),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const title = await heading(canvas, 'Have an invite code?');
    await expect(canvas.getByText('Step 3 of 4')).toBeVisible();
    await expect(title).not.toHaveFocus();
    await goTo(canvas, 'Skip', 'You’re all set');
    const list = canvas.getByRole('list', { name: 'You joined 1 group:' });
    await expect(list).toHaveTextContent('Product newsletter');
  },
};

function ShowAgain() {
  const flow = useFlowProgress(FLOW_ID);
  return (
    <button type="button" onClick={flow.reset}>
      Show the tour again
    </button>
  );
}

/** Escape dismisses (so does ×): `onDismiss` fires once; `renderDone` offers to start over. */
export const Dismissed: Story = {
  ...onboardingApi(),
  args: { renderDone: () => <ShowAgain /> },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await heading(canvas, 'Welcome to Acme Co.');
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Dismiss onboarding' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    const again = await canvas.findByRole('button', { name: 'Show the tour again' });
    await expect(canvas.queryByRole('heading')).toBeNull();
    await expect(args.onDismiss).toHaveBeenCalledTimes(1);
    await userEvent.click(again);
    await heading(canvas, 'Welcome to Acme Co.');
    await userEvent.click(canvas.getByRole('button', { name: 'Dismiss onboarding' }));
    await canvas.findByRole('button', { name: 'Show the tour again' });
    await expect(args.onDismiss).toHaveBeenCalledTimes(2);
  },
};

/** Dark theme, on the groups step (the directory inside drops its own box). */
export const Dark: Story = {
  ...onboardingApi(),
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await heading(canvas, 'Welcome to Acme Co.');
    await goTo(canvas, 'Next', 'Choose your groups');
    await canvas.findByRole('list', { name: 'Groups' });
  },
};

/** The German catalogue. */
export const German: Story = {
  ...onboardingApi(),
  args: { locale: 'de' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await heading(canvas, 'Willkommen bei Acme Co.');
    await expect(canvas.getByText('Schritt 1 von 4')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Einführung schließen' })).toBeVisible();
    await goTo(canvas, 'Weiter', 'Wähle deine Gruppen');
    await goTo(canvas, 'Weiter', 'Hast du einen Einladungscode?');
    await expect(canvas.getByRole('button', { name: 'Überspringen' })).toBeVisible();
    await goTo(canvas, 'Überspringen', 'Alles bereit');
    await expect(canvas.getByRole('button', { name: 'Fertig' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Zurück' })).toBeVisible();
  },
};

/** Right to left: Back sits at the inline start, Next at the end, × at the top end. */
export const RightToLeft: Story = {
  name: 'RTL',
  ...onboardingApi(resumeOnCodeStep),
  args: { dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await heading(canvas, 'Have an invite code?');
    const back = canvas.getByRole('button', { name: 'Back' }).getBoundingClientRect();
    const next = canvas.getByRole('button', { name: 'Next' }).getBoundingClientRect();
    await expect(back.left).toBeGreaterThan(next.left);
  },
};

/** The smallest phones: the buttons wrap, nothing overflows 320 px. */
export const Mobile320: Story = {
  name: 'Mobile 320px',
  ...onboardingApi(resumeOnCodeStep),
  args: { width: 320 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await heading(canvas, 'Have an invite code?');
    const root = canvasElement.querySelector('.groupkit-onboarding') as HTMLElement;
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
    await expect(root.getBoundingClientRect().width).toBeLessThanOrEqual(320);
  },
};

/** Your own flow: built-in and custom steps, a gate, and the progress and buttons replaced. */
export const CustomFlow: Story = {
  ...onboardingApi(),
  render: ({ userId: _u, theme: _t, locale: _l, dir: _d, width: _w, ...props }) => (
    <OnboardingFlow
      {...props}
      id="custom-tour"
      headingLevel={3}
      renderProgress={(state) => `${state.step} / ${state.total}`}
      renderNav={(state, nav) => (
        <>
          {nav}
          <a href="#help">Help</a>
        </>
      )}
    >
      <WelcomeStep title="Hello!" />
      <OnboardingFlow.Step id="pro-tips" title="Tips for Pro" gate={{ include: ['pro'] }}>
        <p>Pro includes priority support.</p>
      </OnboardingFlow.Step>
      <OnboardingFlow.Step id="plus-tips" title="Tips for Plus" gate={{ include: ['plus'] }}>
        <p>Plus includes the Plus perks.</p>
      </OnboardingFlow.Step>
      <DoneStep />
    </OnboardingFlow>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { level: 3, name: 'Hello!' }, { timeout: 3000 });
    await expect(canvas.getByText('1 / 3')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await canvas.findByRole('heading', { level: 3, name: 'Tips for Pro' });
    await expect(canvas.getByRole('link', { name: 'Help' })).toBeVisible();
  },
};
