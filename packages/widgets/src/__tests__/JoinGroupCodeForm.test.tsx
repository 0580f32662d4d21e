import '../styles.css';
import { createGroupsEngine, createHandlers, type GroupsEngine } from '@groupkit/mock-api';
import { startMockWorker } from '@groupkit/mock-api/browser';
import { GroupKitProvider } from '@groupkit/react';
import { cleanup, render, screen } from '@testing-library/react';
import { HttpResponse, type HttpHandler, http } from 'msw';
import { createRef, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  addFutureCode,
  addMarkupGroup,
  closeBetaGroup,
  exhaustAttempts,
  lockedRedeem,
  offlineRedeem,
  pendingRedeem,
  revokeBetaCode,
  spendVipCode,
} from '../__stories__/joinGroupCodeFormApi';
import { JoinGroupCodeForm } from '../JoinGroupCodeForm';
import { GroupKitLocaleProvider } from '../locale';
import { germanMessages } from '../messages';
import { axeViolations } from './axe';

let mock: Awaited<ReturnType<typeof startMockWorker>>;
beforeAll(async () => {
  mock = await startMockWorker();
});
afterEach(() => {
  cleanup();
  mock.worker.resetHandlers();
});
afterAll(() => mock.worker.stop());

/**
 * A fresh engine per test (redemptions and failed attempts would leak otherwise), prepared
 * by `setup`, behind `before` handlers; counts the redemption requests that reach the API.
 */
function serve(setup?: (engine: GroupsEngine) => void, ...before: HttpHandler[]) {
  const engine = createGroupsEngine();
  setup?.(engine);
  const requests: unknown[] = [];
  mock.worker.use(
    http.post('*/v1/users/:userId/redeem-code', async ({ request }) => {
      requests.push(await request.clone().json());
      return undefined;
    }),
    ...before,
    ...createHandlers(engine),
  );
  return { engine, requests };
}

function renderForm(ui: ReactNode = <JoinGroupCodeForm />, userId = 'u_ada') {
  const result = render(
    <GroupKitProvider apiKey="pk_test_groupkit" userId={userId} groupId="acme">
      {ui}
    </GroupKitProvider>,
  );
  return { ...result, input: screen.getByRole('textbox'), submit: screen.getByRole('button') };
}

async function redeem(code: string) {
  const { input, ...rest } = renderForm();
  await userEvent.fill(input, code);
  await userEvent.keyboard('{Enter}');
  return { input, ...rest, alert: await screen.findByRole('alert') };
}

describe('JoinGroupCodeForm in Chromium', () => {
  it('labels a code input for one-time-code autofill and mobile keyboards', () => {
    serve();
    const { input, submit } = renderForm();
    expect(input).toBe(screen.getByLabelText('Group code'));
    expect(submit).toHaveAccessibleName('Join');
    expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    expect(input).toHaveAttribute('inputmode', 'text');
    expect(input).toHaveAttribute('autocapitalize', 'characters');
    expect(input).toHaveAttribute('spellcheck', 'false');
    expect(input).toHaveAttribute('enterkeyhint', 'done');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(submit).toHaveAttribute('type', 'submit');
    expect(input.closest('form')).toHaveClass('groupkit-root', 'groupkit-code-form');
  });

  it('cleans a pasted code: "  beta-2026 \\n" becomes "BETA-2026"', async () => {
    serve();
    const { input } = renderForm();
    const source = document.createElement('textarea');
    source.value = '  beta-2026 \n';
    document.body.append(source);
    source.select();
    await userEvent.copy();
    source.remove();
    await userEvent.click(input);
    await userEvent.paste();
    expect(input).toHaveValue('BETA-2026');
  });

  it('upper-cases and collapses spaces while typing', async () => {
    serve();
    const { input } = renderForm();
    await userEvent.type(input, '  vip   0001');
    expect(input).toHaveValue('VIP 0001');
  });

  it('submits on Enter, names the group, clears the input and focuses the message', async () => {
    const { requests } = serve();
    const onSuccess = vi.fn();
    const { container, input } = renderForm(<JoinGroupCodeForm onSuccess={onSuccess} />);
    await userEvent.type(input, 'beta-2026{Enter}');
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('You joined Beta testers.');
    await vi.waitFor(() => expect(status).toHaveFocus());
    expect(status).toHaveAttribute('tabindex', '-1');
    expect(input).toHaveValue('');
    expect(requests).toEqual([{ code: 'BETA-2026' }]);
    expect(onSuccess).toHaveBeenCalledWith(
      expect.objectContaining({
        result: 'added',
        group: expect.objectContaining({ slug: 'beta' }),
      }),
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says so when the user was already in the group', async () => {
    serve((engine) => engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' }));
    const { input } = renderForm();
    await userEvent.type(input, 'BETA-2026{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent('You are already in Beta testers.');
  });

  it('disables submit and sets aria-busy while pending, keeping the code readable', async () => {
    serve(undefined, pendingRedeem());
    const { container, input, submit } = renderForm();
    await userEvent.fill(input, 'BETA-2026');
    await userEvent.click(submit);
    const button = await screen.findByRole('button', { name: 'Checking…' });
    expect(button).toBeDisabled();
    expect(input.closest('form')).toHaveAttribute('aria-busy', 'true');
    expect(input).toHaveValue('BETA-2026');
    expect(input).toHaveAttribute('readonly');
    expect(input).toBeEnabled();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('asks for a code on an empty submit, without a request', async () => {
    const { requests } = serve();
    const { input, submit } = renderForm();
    await userEvent.type(input, '   ');
    await userEvent.click(submit);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Enter your code.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-describedby', alert.id);
    await vi.waitFor(() => expect(input).toHaveFocus());
    expect(requests).toEqual([]);
    // Typing again clears the message.
    await userEvent.type(input, 'B');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  const errors: [string, string, string, ((engine: GroupsEngine) => void)?][] = [
    ['code_malformed', '!!', 'That does not look like a code.'],
    ['code_invalid', 'NOPE-0000', 'This code is not valid. Check it for typos.'],
    ['code_expired', 'EARLY-2025', 'This code has expired.'],
    ['code_revoked', 'BETA-2026', 'This code has been switched off.', revokeBetaCode],
    ['code_not_yet_active', 'SOON-2099', 'This code is not active yet.', addFutureCode],
    ['code_already_used', 'VIP-0001', 'This code has already been used.', spendVipCode],
    ['group_not_active', 'BETA-2026', 'This group is not open right now.', closeBetaGroup],
    ['too_many_attempts', 'BETA-2026', 'Too many attempts. Try again in', exhaustAttempts],
  ];
  it.each(errors)(
    '%s: one clear message, linked and announced',
    async (code, typed, text, setup) => {
      serve(setup);
      const onError = vi.fn();
      const { container, input } = renderForm(<JoinGroupCodeForm onError={onError} />);
      await userEvent.fill(input, typed);
      await userEvent.keyboard('{Enter}');
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(text);
      expect(alert).toHaveClass('groupkit-code-form-error');
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(input).toHaveAttribute('aria-describedby', alert.id);
      expect(input).toHaveAccessibleDescription(expect.stringContaining(text));
      expect(input).toHaveFocus();
      expect(input).toHaveValue(typed);
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code }));
      expect(await axeViolations(container)).toEqual([]);
    },
  );

  it('network errors: says the server could not be reached', async () => {
    serve(undefined, offlineRedeem());
    const { alert, input } = await redeem('BETA-2026');
    expect(alert).toHaveTextContent('We could not reach the server.');
    expect(input).toHaveAttribute('aria-describedby', alert.id);
  });

  it('any other failure: a fallback message', async () => {
    serve(
      undefined,
      http.post('*/v1/users/:userId/redeem-code', () =>
        HttpResponse.json(
          { error: { code: 'internal_error', message: 'x', details: {} } },
          { status: 500 },
        ),
      ),
    );
    const { alert } = await redeem('BETA-2026');
    expect(alert).toHaveTextContent('Something went wrong. Please try again.');
  });

  it('counts a lockout down each second, sends nothing while locked, then works again', async () => {
    let refused = 0;
    const { requests } = serve(
      undefined,
      lockedRedeem(2, () => {
        refused += 1;
      }),
    );
    const { input, submit } = renderForm();
    await userEvent.fill(input, 'NOPE-0000');
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('alert');
    const visible = () =>
      screen.getByRole('alert').querySelector('[aria-hidden="true"]')?.textContent;
    expect(visible()).toBe('Too many attempts. Try again in 2 seconds.');
    // Screen readers hear the wait once, not every second.
    expect(input).toHaveAccessibleDescription('Too many attempts. Try again in 2 seconds.');
    expect(submit).toBeDisabled();
    await vi.waitFor(() => expect(visible()).toBe('Too many attempts. Try again in 1 second.'), {
      timeout: 1500,
      interval: 50,
    });
    await userEvent.keyboard('{Enter}');
    await userEvent.fill(input, 'BETA-2026');
    await userEvent.keyboard('{Enter}');
    expect(requests).toHaveLength(1);
    expect(refused).toBe(1);
    // Editing does not lift the lock.
    expect(screen.getByRole('alert')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull(), {
      timeout: 2000,
      interval: 50,
    });
    expect(submit).toBeEnabled();
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toHaveValue('BETA-2026');
  });

  it('only accepts codes of `group`', async () => {
    const { requests } = serve();
    const { input } = renderForm(<JoinGroupCodeForm group="beta" />);
    await userEvent.fill(input, 'VIP-0002');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('This code is not valid.');
    await userEvent.fill(input, 'BETA-2026');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent('You joined Beta testers.');
    expect(requests).toEqual([
      { code: 'VIP-0002', group: 'beta' },
      { code: 'BETA-2026', group: 'beta' },
    ]);
  });

  it('speaks German with the German catalogue', async () => {
    serve();
    const { container } = render(
      <GroupKitLocaleProvider locale="de-DE" messages={germanMessages}>
        <GroupKitProvider apiKey="pk_test_groupkit" userId="u_ada" groupId="acme">
          <JoinGroupCodeForm />
        </GroupKitProvider>
      </GroupKitLocaleProvider>,
    );
    const input = screen.getByRole('textbox', { name: 'Gruppencode' });
    await userEvent.click(screen.getByRole('button', { name: 'Beitreten' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Gib deinen Code ein.');
    await userEvent.fill(input, 'EARLY-2025');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('Dieser Code ist abgelaufen.'),
    );
    await userEvent.fill(input, 'BETA-2026');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Du bist der Gruppe Beta testers beigetreten.',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows a group name with markup as text', async () => {
    serve((engine) => addMarkupGroup(engine));
    const { container, input } = renderForm();
    await userEvent.type(input, 'xss-0001{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'You joined <img src=x onerror=alert(1)>.',
    );
    expect(container.querySelector('img')).toBeNull();
  });

  it('works with the keyboard alone', async () => {
    serve();
    const { input, submit } = renderForm();
    await userEvent.tab();
    expect(input).toHaveFocus();
    await userEvent.keyboard('beta-2026');
    await userEvent.tab();
    expect(submit).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveFocus());
  });

  it('forwards the ref to the input, and takes overrides, slots and unstyled', async () => {
    serve();
    const ref = createRef<HTMLInputElement>();
    const { container, input, submit } = renderForm(
      <JoinGroupCodeForm
        ref={ref}
        unstyled
        className="mine"
        messages={{ label: 'Invite code', errors: { code_expired: 'Too late.' } }}
        renderSubmit={({ pending }, text) => (pending ? '…' : `${text} now`)}
        renderError={(error, text) => `${error.kind}: ${text}`}
        renderSuccess={(result, text) => `${text} (${result.group.slug})`}
      />,
    );
    expect(input).toBe(screen.getByLabelText('Invite code'));
    expect(submit).toHaveTextContent('Join now');
    expect(ref.current).toBe(input);
    const form = input.closest('form');
    expect(form).toHaveClass('groupkit-code-form', 'mine');
    expect(form).not.toHaveClass('groupkit-root');
    expect(form).toHaveAttribute('data-unstyled', 'true');
    await userEvent.fill(input, 'EARLY-2025');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('code_expired: Too late.');
    await userEvent.fill(input, 'BETA-2026');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent('You joined Beta testers. (beta)');
    expect(await axeViolations(container)).toEqual([]);
  });
});
