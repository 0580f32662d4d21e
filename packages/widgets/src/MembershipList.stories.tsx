import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import {
  failingSessionApi,
  groupKitArgTypes,
  type GroupKitStoryArgs,
  mockApi,
  pendingSessionApi,
  withGroupKit,
} from './__stories__/withGroupKit';
import { MembershipList, type MembershipListProps } from './MembershipList';

type Args = MembershipListProps & GroupKitStoryArgs;

const meta: Meta<Args> = {
  title: 'Widgets/MembershipList',
  component: MembershipList,
  tags: ['autodocs'],
  decorators: [withGroupKit],
  args: { userId: 'u_ada', theme: 'light' },
  argTypes: groupKitArgTypes,
  parameters: {
    ...mockApi(),
    docs: {
      description: {
        component: [
          'The groups the signed-in user is in, each with how they came to be in it (joined, with a code, assigned, automatic), and Leave on the groups they may leave themselves (leaving a code group asks first). Pending joins and leaves show at once.',
          '',
          '```tsx',
          "import { MembershipList } from '@groupkit/widgets';",
          '',
          '<GroupKitProvider apiKey="pk_..." userId={user.id} groupId={team.id}>',
          '  <MembershipList headingLevel={3} />',
          '</GroupKitProvider>',
          '```',
        ].join('\n'),
      },
    },
  },
};

export default meta;
type Story = StoryObj<Args>;

/** Ada: two groups an admin assigned and two that rules put her in. */
export const Ready: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const items = await canvas.findAllByRole('listitem');
    await expect(items.map((li) => li.textContent)).toEqual([
      'CustomerAssigned',
      'ProAssigned',
      'Power adminsAutomatic',
      'UK usersAutomatic',
    ]);
  },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Customer');
  },
};

/** Ada joined the newsletter and redeemed a beta code: both groups offer Leave. */
export const CanLeave: Story = {
  parameters: mockApi('default', {
    setup: (engine) => {
      engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
      engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' });
    },
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Leave Product newsletter' });
    await expect(canvas.getByRole('button', { name: 'Leave Beta testers' })).toBeEnabled();
  },
};

/** Leaving a code group asks first: joining again needs a code. */
export const ConfirmCodeLeave: Story = {
  parameters: CanLeave.parameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Leave Beta testers' }));
    await expect(canvas.getByRole('button', { name: 'Leave group' })).toHaveFocus();
  },
};

/** A user with no memberships at all. */
export const Empty: Story = {
  parameters: mockApi('empty'),
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('You are not in any groups yet.');
  },
};

export const Loading: Story = {
  parameters: pendingSessionApi(),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading your groups…');
    await expect(canvas.getByRole('region')).toHaveAttribute('aria-busy', 'true');
  },
};

/** The API keeps failing: shown once the client's retries (with backoff) are spent. */
export const LoadError: Story = {
  parameters: failingSessionApi(),
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByRole('alert', undefined, { timeout: 5000 }),
    ).toHaveTextContent('Your groups could not be loaded.');
  },
};

/** Every string can be replaced, e.g. for another language. */
export const CustomMessages: Story = {
  args: {
    messages: {
      heading: 'Team groups',
      source: { admin: 'Added by your admin' },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: 'Team groups' });
    await expect(await canvas.findAllByText('Added by your admin')).toHaveLength(2);
    await expect(canvas.getAllByText('Automatic')).toHaveLength(2);
  },
};

/** The German catalogue. */
export const German: Story = {
  args: { locale: 'de' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: 'Deine Gruppen' });
    await expect(await canvas.findAllByText('Zugewiesen')).toHaveLength(2);
  },
};

/** Right-to-left: the badge sits at the inline end, on the left. */
export const RightToLeft: Story = {
  args: { dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const [first] = await canvas.findAllByRole('listitem');
    const badge = first?.querySelector('.groupkit-badge');
    const name = first?.querySelector('.groupkit-memberships-name');
    await expect(badge?.getBoundingClientRect().left).toBeLessThan(
      name?.getBoundingClientRect().left ?? 0,
    );
  },
};

/** The smallest phones: 320 px wide, names and badges wrap instead of overflowing. */
export const Mobile320: Story = {
  args: { width: 320, userId: 'u_grace' },
  play: async ({ canvasElement }) => {
    const list = await within(canvasElement).findByRole('list');
    await expect(list.scrollWidth).toBeLessThanOrEqual(list.clientWidth);
  },
};
