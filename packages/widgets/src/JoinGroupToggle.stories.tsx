import { useMembershipToggle } from '@groupkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  codeMemberApi,
  failingChangeApi,
  forgetGroupKitStorage,
  memberOfApi,
  pendingChangeApi,
} from './__stories__/joinGroupToggleApi';
import {
  groupKitArgTypes,
  type GroupKitStoryArgs,
  mockApi,
  pendingSessionApi,
  withGroupKit,
} from './__stories__/withGroupKit';
import { JoinGroupToggle, type JoinGroupToggleProps } from './JoinGroupToggle';

type Args = JoinGroupToggleProps & GroupKitStoryArgs;

const meta: Meta<Args> = {
  title: 'Widgets/JoinGroupToggle',
  component: JoinGroupToggle,
  tags: ['autodocs'],
  decorators: [withGroupKit],
  // The provider keeps unsent changes in localStorage and resends them on mount: forget them
  // before and after each story, so Pending's never-answered join reaches no other story.
  beforeEach: () => {
    forgetGroupKitStorage();
    return forgetGroupKitStorage;
  },
  // The decorator's args (user, theme, language, direction, width) are not the widget's props.
  render: ({ userId: _u, theme: _t, locale: _l, dir: _d, width: _w, ...props }) => (
    <JoinGroupToggle {...props} />
  ),
  args: { group: 'newsletter', userId: 'u_ada', theme: 'light' },
  argTypes: {
    ...groupKitArgTypes,
    group: {
      control: 'select',
      options: ['newsletter', 'community', 'beta', 'spring-summit', 'uk-users', 'pro', 'nope'],
    },
  },
  parameters: {
    ...mockApi(),
    docs: {
      description: {
        component: `A switch to join or leave one open group: optimistic, rolled back and announced
when the server refuses, locked (with the reason) for groups the user cannot change.

\`\`\`tsx
import { JoinGroupToggle } from '@groupkit/widgets';
import '@groupkit/widgets/styles.css';

<GroupKitProvider apiKey="pk_live_…" userId={user.id}>
  <JoinGroupToggle group="newsletter" onJoined={() => toast('Subscribed')} />
</GroupKitProvider>
\`\`\`

Parts can be swapped with render props (\`renderLabel\`, \`renderDescription\`, \`renderError\`);
\`checked\` + \`onCheckedChange\` make it controlled (the parent then decides what to send).
Other props and the \`ref\` go on the switch (\`role="switch"\`); \`className\` and \`rootProps\` on the
row around it. For your own markup, \`useMembershipToggle\` from \`@groupkit/react\` gives the same
state (\`checked\`, \`pending\`, \`lockReason\`, \`error\`, \`toggle\`): see the Headless story.`,
      },
    },
  },
};

export default meta;
type Story = StoryObj<Args>;

/** Ada is not subscribed. Mouse: click on, click off again (each click is one request). */
export const Off: Story = {
  parameters: mockApi(),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('switch', { name: 'Product newsletter' });
    await waitFor(() => expect(toggle).toBeEnabled());
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(toggle).toHaveAccessibleDescription('A monthly email about what is new.');
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await waitFor(() => expect(toggle).toHaveAttribute('aria-busy', 'false'));
    await userEvent.click(canvas.getByText('Product newsletter'));
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await waitFor(() => expect(toggle).toHaveAttribute('aria-busy', 'false'));
  },
};

/** Ada is in the community forum. */
export const On: Story = {
  args: { group: 'community' },
  parameters: memberOfApi('community'),
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'Community forum' });
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    await expect(toggle).toHaveAttribute('data-state', 'checked');
  },
};

/** Keyboard only: Tab to the switch, Space joins, Enter leaves. */
export const Keyboard: Story = {
  parameters: mockApi(),
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch');
    await waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.tab();
    await expect(toggle).toHaveFocus();
    await userEvent.keyboard(' ');
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await userEvent.keyboard('{Enter}');
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await waitFor(() => expect(toggle).toHaveAttribute('aria-busy', 'false'));
  },
};

/** The join never answers: shown at once (optimistic), busy until the server confirms. */
export const Pending: Story = {
  parameters: pendingChangeApi(),
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch');
    await waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect(toggle).toHaveAttribute('aria-busy', 'true');
  },
};

/** The server refuses the join: the switch rolls back and an alert says why; focus stays. */
export const FailureRollback: Story = {
  parameters: failingChangeApi('group_not_active'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('switch');
    await waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.click(toggle);
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Could not join Product newsletter. It is not open right now.',
      ),
    );
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(toggle).toHaveAttribute('aria-busy', 'false');
    await expect(toggle).toHaveFocus();
  },
};

/** A rule puts Ada in UK users: she cannot leave it. */
export const LockedAutomatic: Story = {
  args: { group: 'uk-users' },
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'UK users' });
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    await expect(toggle).toHaveAttribute('aria-disabled', 'true');
    await expect(toggle).toHaveAccessibleDescription(/^Assigned automatically/);
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
  },
};

/** Pro is hidden from the directory and only an admin changes it; Ada's membership names it. */
export const LockedAdminOnly: Story = {
  args: { group: 'pro' },
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'Pro' });
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect(toggle).toHaveAttribute('aria-disabled', 'true');
    await expect(toggle).toHaveAccessibleDescription('Managed by your admin');
  },
};

/** Beta is joined with a campaign code (see JoinGroupCodeForm), not with the switch. */
export const CodeGroup: Story = {
  args: { group: 'beta' },
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'Beta testers' });
    await expect(toggle).toHaveAttribute('aria-disabled', 'true');
    await expect(toggle).toHaveAccessibleDescription(/^Join with a code/);
  },
};

/** Ada joined Beta with a code: the switch lets her leave (joining again takes a code). */
export const CodeGroupMember: Story = {
  args: { group: 'beta' },
  parameters: codeMemberApi(),
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'Beta testers' });
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    await expect(toggle).not.toHaveAttribute('aria-disabled');
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle).toHaveAttribute('aria-disabled', 'true'));
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(toggle).toHaveAccessibleDescription(/^Join with a code/);
  },
};

/** Beta keeps its members (`allowLeave: false`): Ada stays in, and the switch says why. */
export const KeepsMembers: Story = {
  args: { group: 'beta' },
  parameters: codeMemberApi({ keepsMembers: true }),
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'Beta testers' });
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    await expect(toggle).toHaveAttribute('aria-disabled', 'true');
    await expect(toggle).toHaveAccessibleDescription(/^Members stay in this group/);
  },
};

/** The summit's window opens in 30 days. */
export const Scheduled: Story = {
  args: { group: 'spring-summit' },
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'Spring summit' });
    await expect(toggle).toHaveAttribute('aria-disabled', 'true');
    await expect(toggle).toHaveAccessibleDescription(/^Opens on \d{1,2} \w+ \d{4}/);
  },
};

/** A slug the directory does not list: locked as "Not available" (no crash, no empty space). */
export const Unavailable: Story = {
  args: { group: 'no-such-group' },
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'no-such-group' });
    await expect(toggle).toHaveAccessibleDescription('Not available');
  },
};

/** The session never answers: a skeleton the size of the real thing, busy and disabled. */
export const Loading: Story = {
  parameters: pendingSessionApi(),
  play: async ({ canvasElement }) => {
    const toggle = within(canvasElement).getByRole('switch', { name: 'Loading…' });
    await expect(toggle).toHaveAttribute('aria-busy', 'true');
    await expect(toggle).toBeDisabled();
  },
};

export const Dark: Story = {
  args: { theme: 'dark', group: 'community' },
  parameters: memberOfApi('community'),
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'Community forum' });
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
  },
};

/** Right to left: the label on the right, the thumb moves to the left when on. */
export const RTL: Story = {
  args: { dir: 'rtl', group: 'community' },
  parameters: memberOfApi('community'),
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch');
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    const thumb = toggle.firstElementChild as HTMLElement;
    await waitFor(() =>
      expect(thumb.getBoundingClientRect().left).toBeLessThan(
        toggle.getBoundingClientRect().left + 6,
      ),
    );
  },
};

/** The German catalogue and German dates. */
export const German: Story = {
  args: { locale: 'de', group: 'spring-summit' },
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch', { name: 'Spring summit' });
    await expect(toggle).toHaveAccessibleDescription(/^Öffnet am \d{1,2}\. \S+ \d{4}/);
  },
};

/** The smallest phones: the text wraps, the switch keeps its size. */
export const Mobile320: Story = {
  args: { width: 320, group: 'community' },
  play: async ({ canvasElement }) => {
    const toggle = await within(canvasElement).findByRole('switch');
    const root = toggle.parentElement as HTMLElement;
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
    await expect(root.getBoundingClientRect().width).toBeLessThanOrEqual(320);
    await expect(toggle.getBoundingClientRect().width).toBe(44);
  },
};

function ControlledToggle() {
  const [chosen, setChosen] = useState(false);
  return (
    <>
      <JoinGroupToggle group="newsletter" checked={chosen} onCheckedChange={setChosen} />
      <p>{chosen ? 'You chose the newsletter (not saved yet).' : 'Nothing chosen.'}</p>
    </>
  );
}

/** Controlled: the parent holds the choice (e.g. to save a whole form at once); no request. */
export const Controlled: Story = {
  render: () => <ControlledToggle />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('switch');
    await waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect(toggle).toHaveAttribute('aria-busy', 'false');
    await canvas.findByText('You chose the newsletter (not saved yet).');
  },
};

/** Render props swap a part's content; ids, ARIA links and the lock reason stay in place. */
export const CustomSlot: Story = {
  args: {
    group: 'community',
    renderLabel: (name) => <strong>{name} 💬</strong>,
    renderDescription: (text, { group }) => `${text} ${group?.memberCount ?? 0} members so far.`,
    renderError: (_error, t) => t.errors.fallback,
  },
  parameters: failingChangeApi('forbidden', 403),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('switch', { name: 'Community forum 💬' });
    await expect(toggle).toHaveAccessibleDescription(/members so far\.$/);
    await waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.click(toggle);
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Something went wrong. Please try again.',
      ),
    );
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
  },
};

/** A switch of your own on `useMembershipToggle`: the same state and rules, your markup and words. */
function HeadlessSwitch({ group }: { group: string }) {
  const { name, checked, pending, loading, lockReason, toggle } = useMembershipToggle(group);
  return (
    <p>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-busy={pending || loading}
        disabled={loading || lockReason !== null}
        onClick={() => void toggle()}
      >
        {name}
      </button>{' '}
      {lockReason === 'code' ? 'Ask us for a code.' : lockReason}
    </p>
  );
}

/** Headless: the widget's state and lock reasons (`lockReason`) without its markup. */
export const Headless: Story = {
  render: () => (
    <>
      <HeadlessSwitch group="newsletter" />
      <HeadlessSwitch group="beta" />
    </>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('switch', { name: 'Product newsletter' });
    await waitFor(() => expect(toggle).toBeEnabled());
    await expect(canvas.getByRole('switch', { name: 'Beta testers' })).toBeDisabled();
    await expect(canvas.getByText('Ask us for a code.')).toBeVisible();
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await waitFor(() => expect(toggle).toHaveAttribute('aria-busy', 'false'));
  },
};
