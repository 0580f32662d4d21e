import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  addFutureCode,
  closeBetaGroup,
  codeFormApi,
  exhaustAttempts,
  offlineRedeem,
  pendingRedeem,
  revokeBetaCode,
  spendVipCode,
} from './__stories__/joinGroupCodeFormApi';
import {
  groupKitArgTypes,
  type GroupKitStoryArgs,
  mockApi,
  withGroupKit,
} from './__stories__/withGroupKit';
import { JoinGroupCodeForm, type JoinGroupCodeFormProps } from './JoinGroupCodeForm';

type Args = JoinGroupCodeFormProps & GroupKitStoryArgs;

const usage = `
Joins a private group with a campaign code. Case and surrounding spaces do not matter, a
pasted code is cleaned, and each refusal gets one clear message under the input (a lockout
after too many wrong codes counts down to when the user may try again).

\`\`\`tsx
import { GroupKitProvider } from '@groupkit/react';
import { JoinGroupCodeForm } from '@groupkit/widgets';
import '@groupkit/widgets/styles.css';

<GroupKitProvider apiKey="pk_test_groupkit" userId={user.id}>
  <JoinGroupCodeForm group="beta" onSuccess={(result) => toast(result.group.name)} />
</GroupKitProvider>
\`\`\`

Replace what a part shows with \`renderSubmit(state, text)\`, \`renderError(error, text)\` or
\`renderSuccess(result, text)\`: the form keeps the button, the \`role="alert"\` message the
input points to and the focused \`role="status"\` message, so accessibility holds. The ref
reaches the \`<input>\`; \`unstyled\` drops every GroupKit style but keeps the part classes.
`;

const meta: Meta<Args> = {
  title: 'Widgets/JoinGroupCodeForm',
  component: JoinGroupCodeForm,
  tags: ['autodocs'],
  decorators: [withGroupKit],
  args: { userId: 'u_ada', theme: 'light', onSuccess: fn(), onError: fn() },
  argTypes: groupKitArgTypes,
  parameters: { ...mockApi(), docs: { description: { component: usage } } },
};

export default meta;
type Story = StoryObj<Args>;

const inputOf = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('textbox', { name: /Group code|Gruppencode/ });

/** Types `code`, presses Enter, and returns the message that answers. */
async function submit(canvasElement: HTMLElement, code: string, role: 'alert' | 'status') {
  const input = inputOf(canvasElement);
  await userEvent.clear(input);
  await userEvent.type(input, `${code}{Enter}`);
  return within(canvasElement).findByRole(role, undefined, { timeout: 3000 });
}

/** Submits `code` and checks the one message its refusal gets, linked to the input. */
const refusal = (code: string, text: string): Story['play'] =>
  async function play({ canvasElement, args }) {
    const alert = await submit(canvasElement, code, 'alert');
    await expect(alert).toHaveTextContent(text);
    const input = inputOf(canvasElement);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAttribute('aria-describedby', alert.id);
    await expect(args.onError).toHaveBeenCalled();
  };

/** The form before anything is typed. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const input = inputOf(canvasElement);
    await expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(input).not.toHaveAttribute('aria-invalid');
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Join' }));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'Enter your code.',
    );
  },
};

/** The code is being checked (the request never answers): submit disabled, form busy. */
export const Pending: Story = {
  ...codeFormApi(undefined, pendingRedeem()),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(inputOf(canvasElement), 'beta-2026{Enter}');
    await expect(await canvas.findByRole('button', { name: 'Checking…' })).toBeDisabled();
    await expect(canvasElement.querySelector('form')).toHaveAttribute('aria-busy', 'true');
    await expect(inputOf(canvasElement)).toHaveValue('BETA-2026');
  },
};

/** Ada types `beta-2026` and presses Enter: she joins Beta testers. */
export const Success: Story = {
  ...codeFormApi(),
  play: async ({ canvasElement, args }) => {
    const status = await submit(canvasElement, 'beta-2026', 'status');
    await expect(status).toHaveTextContent('You joined Beta testers.');
    await waitFor(() => expect(status).toHaveFocus());
    await expect(inputOf(canvasElement)).toHaveValue('');
    await expect(args.onSuccess).toHaveBeenCalledWith(expect.objectContaining({ result: 'added' }));
  },
};

/** A pasted code is cleaned: `"  beta-2026 \n"` becomes `BETA-2026`. */
export const PastedCode: Story = {
  ...codeFormApi(),
  play: async ({ canvasElement }) => {
    const input = inputOf(canvasElement);
    await userEvent.click(input);
    await userEvent.paste('  beta-2026 \n');
    await expect(input).toHaveValue('BETA-2026');
  },
};

/** Tab to the input, type, Tab to Join, press Enter: no mouse needed. */
export const KeyboardOnly: Story = {
  ...codeFormApi(),
  play: async ({ canvasElement }) => {
    const input = inputOf(canvasElement);
    input.blur();
    await userEvent.tab();
    await expect(input).toHaveFocus();
    await userEvent.keyboard('beta-2026');
    await userEvent.tab();
    await expect(within(canvasElement).getByRole('button', { name: 'Join' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const status = await within(canvasElement).findByRole('status');
    await waitFor(() => expect(status).toHaveFocus());
  },
};

/** Ada is already in Beta testers: the code is right, nothing changes. */
export const AlreadyMember: Story = {
  ...codeFormApi((engine) => engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' })),
  play: async ({ canvasElement }) => {
    const status = await submit(canvasElement, 'BETA-2026', 'status');
    await expect(status).toHaveTextContent('You are already in Beta testers.');
  },
};

/** `code_malformed`: not the shape of a code. */
export const Malformed: Story = {
  ...codeFormApi(),
  play: refusal('!!', 'That does not look like a code.'),
};

/** `code_invalid`: no such code. */
export const Invalid: Story = {
  ...codeFormApi(),
  play: refusal('NOPE-0000', 'This code is not valid. Check it for typos.'),
};

/** `code_expired`: the 2025 early-access code ended yesterday. */
export const Expired: Story = {
  ...codeFormApi(),
  play: refusal('EARLY-2025', 'This code has expired.'),
};

/** `code_revoked`: `BETA-2026` leaked and an admin switched it off. */
export const Revoked: Story = {
  ...codeFormApi(revokeBetaCode),
  play: refusal('BETA-2026', 'This code has been switched off.'),
};

/** `code_not_yet_active`: `SOON-2099` works from 30 days from now. */
export const NotYetActive: Story = {
  ...codeFormApi(addFutureCode),
  play: refusal('SOON-2099', 'This code is not active yet.'),
};

/** `code_already_used`: Grace redeemed the single-use `VIP-0001` first. */
export const AlreadyUsed: Story = {
  ...codeFormApi(spendVipCode),
  play: refusal('VIP-0001', 'This code has already been used.'),
};

/** `group_not_active`: `BETA-2026` is right, but Beta testers opens in 30 days. */
export const GroupNotActive: Story = {
  ...codeFormApi(closeBetaGroup),
  play: refusal('BETA-2026', 'This group is not open right now.'),
};

/** `too_many_attempts`: five wrong codes in 10 minutes; Join stays off while it counts down. */
export const TooManyAttempts: Story = {
  ...codeFormApi(exhaustAttempts),
  play: async ({ canvasElement }) => {
    const alert = await submit(canvasElement, 'BETA-2026', 'alert');
    // 10 minutes from the first wrong code, so a second or so may already have gone.
    await expect(alert).toHaveTextContent(/Too many attempts\. Try again in (10|9) minutes?/);
    await expect(within(canvasElement).getByRole('button', { name: 'Join' })).toBeDisabled();
    const visible = () =>
      within(canvasElement).getByRole('alert').querySelector('[aria-hidden="true"]')?.textContent;
    const before = visible();
    await waitFor(() => expect(visible()).not.toBe(before), { timeout: 2000 });
    await expect(visible()).toMatch(/Try again in 9 minutes, \d+ seconds?\./);
  },
};

/** The server cannot be reached (`GroupKitNetworkError`). */
export const NetworkError: Story = {
  ...codeFormApi(undefined, offlineRedeem()),
  play: refusal('BETA-2026', 'We could not reach the server.'),
};

/** `group="beta"`: a VIP code is not valid here, as if it did not exist. */
export const ScopedToGroup: Story = {
  ...codeFormApi(),
  args: { group: 'beta' },
  play: refusal('VIP-0002', 'This code is not valid.'),
};

/** Dark theme: an error, then a success (both colours pass contrast checks). */
export const Dark: Story = {
  ...codeFormApi(),
  args: { theme: 'dark' },
  play: async (context) => {
    await refusal('EARLY-2025', 'This code has expired.')?.(context);
    const status = await submit(context.canvasElement, 'BETA-2026', 'status');
    await expect(status).toHaveTextContent('You joined Beta testers.');
  },
};

/** Right to left: the button sits at the inline end, messages align to the start. */
export const RightToLeft: Story = {
  ...codeFormApi(),
  args: { dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const status = await submit(canvasElement, 'beta-2026', 'status');
    await expect(status).toHaveTextContent('You joined Beta testers.');
  },
};

/** The German catalogue, with German durations in the lockout. */
export const German: Story = {
  ...codeFormApi(exhaustAttempts),
  args: { locale: 'de' },
  play: async ({ canvasElement }) => {
    const alert = await submit(canvasElement, 'BETA-2026', 'alert');
    await expect(alert).toHaveTextContent(/Zu viele Versuche\. Versuche es in .+ erneut\./);
    await expect(within(canvasElement).getByRole('button', { name: 'Beitreten' })).toBeDisabled();
  },
};

/** The smallest phones: nothing overflows 320 px, the button wraps under the input if needed. */
export const Mobile320: Story = {
  ...codeFormApi(),
  args: { width: 320 },
  play: async ({ canvasElement }) => {
    await submit(canvasElement, 'NOPE-0000', 'alert');
    const form = canvasElement.querySelector('form') as HTMLFormElement;
    await expect(form.scrollWidth).toBeLessThanOrEqual(form.clientWidth);
    await expect(form.getBoundingClientRect().width).toBeLessThanOrEqual(320);
    await expect(parseFloat(getComputedStyle(inputOf(canvasElement)).fontSize)).toBe(16);
  },
};

/** Every part's content replaced through the `render*` props; ids, roles and focus stay. */
export const CustomSlots: Story = {
  ...codeFormApi(),
  args: {
    messages: { label: 'Invite code' },
    renderSubmit: ({ pending }, text) => (pending ? 'One moment…' : `${text} →`),
    renderError: (error, text) => (
      <>
        <strong>{error.kind === 'code_invalid' ? 'Hmm.' : 'Oops.'}</strong> {text}
      </>
    ),
    renderSuccess: (result, text) => (
      <>
        {text} <a href={`#/groups/${result.group.slug}`}>Open the group</a>
      </>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Invite code' });
    await userEvent.type(input, 'NOPE-0000{Enter}');
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Hmm. This code is not valid.',
    );
    await userEvent.clear(input);
    await userEvent.type(input, 'BETA-2026{Enter}');
    const status = await canvas.findByRole('status');
    await expect(within(status).getByRole('link', { name: 'Open the group' })).toBeVisible();
  },
};
