import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { forgetGroupKitStorage, onboardingApi, redeemBeta } from './__stories__/onboardingApi';
import { groupKitArgTypes, type GroupKitStoryArgs, withGroupKit } from './__stories__/withGroupKit';
import { JoinGroupCodeForm } from './JoinGroupCodeForm';
import { JoinGroupToggle } from './JoinGroupToggle';
import { joinAnyGroupItem, joinGroupItem, redeemCodeItem } from './onboarding/checklistItems';
import { OnboardingChecklist, type OnboardingChecklistProps } from './OnboardingChecklist';

type Args = OnboardingChecklistProps & GroupKitStoryArgs;

const usage = `
A checklist that ticks itself from the user's real memberships: nothing to store, nothing to
mark by hand. "2 of 3 done" and a progress bar are announced politely as items complete.

\`\`\`tsx
import { joinAnyGroupItem, joinGroupItem, OnboardingChecklist, redeemCodeItem } from '@groupkit/widgets/onboarding';

const items = [
  joinAnyGroupItem({ href: '/groups' }),
  redeemCodeItem({ onSelect: () => setCodeDialogOpen(true) }),
  joinGroupItem('newsletter', { label: 'Subscribe to the newsletter' }),
];

<OnboardingChecklist items={items} />
\`\`\`

An item of your own is \`{ id, label, done: ({ memberships, groups }) => boolean }\`, with an
optional \`href\` or \`onSelect\` (the label is a link or button until the item is done).
`;

const newsletter = joinGroupItem('newsletter', { label: 'Subscribe to the newsletter' });
const items = [joinAnyGroupItem({ href: '#groups' }), redeemCodeItem(), newsletter];

const meta: Meta<Args> = {
  title: 'Widgets/OnboardingChecklist',
  component: OnboardingChecklist,
  tags: ['autodocs'],
  decorators: [withGroupKit],
  beforeEach: () => {
    forgetGroupKitStorage();
    return () => forgetGroupKitStorage();
  },
  render: ({ userId: _u, theme: _t, locale: _l, dir: _d, width: _w, ...props }) => (
    <OnboardingChecklist {...props} />
  ),
  args: { userId: 'u_ada', theme: 'light', items },
  argTypes: groupKitArgTypes,
  parameters: { ...onboardingApi(), docs: { description: { component: usage } } },
};

export default meta;
type Story = StoryObj<Args>;

const progress = (canvasElement: HTMLElement, text: string) =>
  within(canvasElement).findByRole('progressbar', { name: text }, { timeout: 3000 });

/** Ada has done nothing yet: three open items, the first a link. */
export const NothingDone: Story = {
  ...onboardingApi(),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const bar = await progress(canvasElement, '0 of 3 done');
    await expect(bar).toHaveAttribute('max', '3');
    const list = canvas.getByRole('list', { name: 'Get started' });
    await expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('To do: Join a group');
    await expect(canvas.getByRole('link', { name: 'Join a group' })).toHaveAttribute(
      'href',
      '#groups',
    );
  },
};

/** The items tick themselves as Ada subscribes and redeems a code beside the checklist. */
export const CompletesItself: Story = {
  ...onboardingApi(),
  args: { items: [joinAnyGroupItem(), redeemCodeItem({ onSelect: fn() }), newsletter] },
  render: ({ userId: _u, theme: _t, locale: _l, dir: _d, width: _w, ...props }) => (
    <div style={{ display: 'grid', gap: 16 }}>
      <OnboardingChecklist {...props} />
      <JoinGroupToggle group="newsletter" />
      <JoinGroupCodeForm />
    </div>
  ),
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await progress(canvasElement, '0 of 3 done');
    await step('subscribe: two items done', async () => {
      const toggle = canvas.getByRole('switch', { name: 'Product newsletter' });
      await waitFor(() => expect(toggle).toBeEnabled());
      await userEvent.click(toggle);
      await progress(canvasElement, '2 of 3 done');
      await expect(canvas.getByText('Subscribe to the newsletter').closest('li')).toHaveAttribute(
        'data-state',
        'done',
      );
    });
    await step('redeem BETA-2026: all done', async () => {
      await userEvent.type(canvas.getByRole('textbox', { name: 'Group code' }), 'BETA-2026{Enter}');
      const bar = await progress(canvasElement, '3 of 3 done');
      await expect(bar).toHaveAttribute('value', '3');
      await expect(canvas.queryByRole('button', { name: 'Redeem your invite code' })).toBeNull();
    });
  },
};

/** Everything done before: the newsletter joined and BETA-2026 redeemed. */
export const AllDone: Story = {
  ...onboardingApi((engine) => {
    engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    redeemBeta(engine);
  }),
  play: async ({ canvasElement }) => {
    await progress(canvasElement, '3 of 3 done');
    await expect(within(canvasElement).queryByRole('link')).toBeNull();
  },
};

export const Dark: Story = {
  ...onboardingApi((engine) => redeemBeta(engine)),
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await progress(canvasElement, '2 of 3 done');
  },
};

/** The German catalogue (labels of your own items stay as you wrote them). */
export const German: Story = {
  ...onboardingApi((engine) => redeemBeta(engine)),
  args: {
    locale: 'de',
    items: [joinAnyGroupItem({ href: '#groups' }), redeemCodeItem(), joinGroupItem('newsletter')],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await progress(canvasElement, '2 von 3 erledigt');
    await canvas.findByRole('heading', { name: 'Erste Schritte' });
    await expect(canvas.getByText('Tritt Product newsletter bei')).toBeVisible();
    await expect(canvas.getAllByRole('listitem')[1]).toHaveTextContent(
      'Erledigt: Löse deinen Einladungscode ein',
    );
  },
};

export const RightToLeft: Story = {
  name: 'RTL',
  ...onboardingApi((engine) => redeemBeta(engine)),
  args: { dir: 'rtl' },
  play: async ({ canvasElement }) => {
    await progress(canvasElement, '2 of 3 done');
  },
};

export const Mobile320: Story = {
  name: 'Mobile 320px',
  ...onboardingApi(),
  args: { width: 320 },
  play: async ({ canvasElement }) => {
    await progress(canvasElement, '0 of 3 done');
    const root = canvasElement.querySelector('.groupkit-checklist') as HTMLElement;
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
  },
};
