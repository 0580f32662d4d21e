import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { GroupBadge } from './GroupBadge';
import { GroupDirectory, type GroupDirectoryProps } from './GroupDirectory';
import { failingOnceSessionApi, freshMockApi } from './__stories__/groupDirectoryApi';
import {
  groupKitArgTypes,
  type GroupKitStoryArgs,
  mockApi,
  pendingSessionApi,
  withGroupKit,
} from './__stories__/withGroupKit';

type Args = GroupDirectoryProps & GroupKitStoryArgs;

const usage = `
The directory end users browse: a switch for open groups, "Have a code?" for code groups, and
the state of automatic and scheduled groups. Long directories are paginated and searchable.

\`\`\`tsx
import { GroupKitProvider } from '@groupkit/react';
import { GroupDirectory } from '@groupkit/widgets';
import '@groupkit/widgets/styles.css';

<GroupKitProvider apiKey="pk_test_groupkit" userId={user.id}>
  <GroupDirectory includeScheduled pageSize={20} />
</GroupKitProvider>
\`\`\`

Replace a part with a \`render*\` prop (\`renderLoading\`, \`renderEmpty\`, \`renderError(retry)\`,
\`renderItem(group, defaultItem)\`); each keeps the surrounding region, list and focus handling.
`;

const meta: Meta<Args> = {
  title: 'Widgets/GroupDirectory',
  component: GroupDirectory,
  tags: ['autodocs'],
  decorators: [withGroupKit],
  args: { userId: 'u_ada', theme: 'light' },
  argTypes: groupKitArgTypes,
  parameters: { ...mockApi(), docs: { description: { component: usage } } },
};

export default meta;
type Story = StoryObj<Args>;

const rowOf = (canvasElement: HTMLElement, name: string) =>
  within(canvasElement)
    .getByText(name, { selector: '.groupkit-directory-name, .groupkit-toggle-label' })
    .closest('li') as HTMLElement;

/** Ada's directory: switches for open groups, codes for private ones, a rule group she is in. */
export const Ready: Story = {
  ...freshMockApi(),
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Groups' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(6);
    await step('toggle "Product newsletter"', async () => {
      const toggle = within(rowOf(canvasElement, 'Product newsletter')).getByRole('switch');
      const before = toggle.getAttribute('aria-checked');
      await userEvent.click(toggle);
      await waitFor(() =>
        expect(toggle).toHaveAttribute('aria-checked', before === 'true' ? 'false' : 'true'),
      );
    });
  },
};

/** Opening "Have a code?" on Beta testers and redeeming BETA-2026. */
export const RedeemCode: Story = {
  ...freshMockApi(),
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('list', { name: 'Groups' });
    const row = within(rowOf(canvasElement, 'Beta testers'));
    const button = row.getByRole('button', { name: 'Have a code?' });
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const input = row.getByRole('textbox', { name: 'Group code' });
    await waitFor(() => expect(input).toHaveFocus());
    await userEvent.type(input, 'BETA-2026{Enter}');
    await expect(await row.findByText('You joined Beta testers.')).toBeInTheDocument();
    await expect(row.getByText('Member')).toBeInTheDocument();
  },
};

/** Tab reaches every control in order; Space flips a switch; Escape closes a code form. */
export const KeyboardOnly: Story = {
  ...freshMockApi(),
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('list', { name: 'Groups' });
    const newsletter = within(rowOf(canvasElement, 'Product newsletter')).getByRole('switch');
    const beta = within(rowOf(canvasElement, 'Beta testers')).getByRole('button');
    (canvasElement.ownerDocument.activeElement as HTMLElement | null)?.blur();
    await userEvent.tab();
    await expect(newsletter).toHaveFocus();
    const before = newsletter.getAttribute('aria-checked');
    await userEvent.keyboard(' ');
    await waitFor(() =>
      expect(newsletter).toHaveAttribute('aria-checked', before === 'true' ? 'false' : 'true'),
    );
    await userEvent.tab();
    await expect(beta).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(within(rowOf(canvasElement, 'Beta testers')).getByRole('textbox')).toHaveFocus(),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(beta).toHaveFocus());
    await expect(beta).toHaveAttribute('aria-expanded', 'false');
  },
};

export const Loading: Story = {
  parameters: pendingSessionApi(),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('region', { name: 'Groups' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading groups…');
  },
};

/** No groups at all. */
export const Empty: Story = {
  parameters: mockApi('empty'),
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('There are no groups to join yet.');
  },
};

/** The first load fails (after the client's own retries); Retry loads again. */
export const ErrorWithRetry: Story = {
  ...failingOnceSessionApi(),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert', undefined, { timeout: 5000 })).toHaveTextContent(
      'The groups could not be loaded.',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await canvas.findByRole('list', { name: 'Groups' });
  },
};

/** `includeScheduled`: Spring summit shows when it opens. */
export const WithScheduledGroups: Story = {
  args: { includeScheduled: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Groups' });
    await expect(
      within(rowOf(canvasElement, 'Spring summit')).getByText(/^Opens on /),
    ).toBeVisible();
  },
};

/** 1,000 groups: 50 rows at a time, and a search field. */
export const ManyGroups: Story = {
  name: '1,000 groups',
  parameters: mockApi('manyGroups'),
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Groups' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(50);
    await step('Show more', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Show 50 more' }));
      await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(100));
      await expect(within(list).getAllByRole('listitem')[50]).toHaveFocus();
    });
    await step('Search', async () => {
      await userEvent.type(canvas.getByRole('searchbox', { name: 'Search groups' }), 'group 98');
      await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(9));
      await expect(canvas.getByRole('status')).toHaveTextContent('9 groups found');
    });
  },
};

/** Every answer takes 800 ms: the skeleton holds the final height meanwhile. */
export const SlowNetwork: Story = {
  parameters: mockApi('default', { latency: 800 }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('region')).toHaveAttribute('aria-busy', 'true');
    await canvas.findByRole('list', { name: 'Groups' }, { timeout: 5000 });
  },
};

export const Dark: Story = {
  args: { theme: 'dark', includeScheduled: true },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('list', { name: 'Groups' });
  },
};

/** Right to left: the switch thumb, badges and buttons mirror. */
export const RightToLeft: Story = {
  name: 'RTL',
  args: { dir: 'rtl' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('list', { name: 'Groups' });
  },
};

/** The German catalogue, with German dates. */
export const German: Story = {
  args: { locale: 'de', includeScheduled: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Gruppen' });
    await expect(canvas.getAllByRole('button', { name: 'Hast du einen Code?' })).toHaveLength(3);
    await expect(canvas.getByText(/^Öffnet am /)).toBeVisible();
  },
};

/** The smallest phones: rows wrap, nothing overflows. */
export const Mobile320: Story = {
  name: 'Mobile 320px',
  args: { width: 320, includeScheduled: true },
  play: async ({ canvasElement }) => {
    const list = await within(canvasElement).findByRole('list', { name: 'Groups' });
    const root = list.closest('section') as HTMLElement;
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
  },
};

/** Parts replaced through render props: a link in every row, and a custom empty state. */
export const CustomSlots: Story = {
  args: {
    messages: { heading: 'Communities' },
    renderItem: (group, item) => (
      <>
        {item}
        {group.memberCount > 0 && (
          <GroupBadge source="self">{`${group.memberCount} members`}</GroupBadge>
        )}
      </>
    ),
    renderError: (retry) => (
      <button type="button" onClick={retry}>
        Try again
      </button>
    ),
    renderEmpty: () => <p>Nothing here yet.</p>,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Communities' });
    await expect(canvas.getAllByText(/ members$/).length).toBeGreaterThan(0);
  },
};
