import '../styles.css';
import type { UserGroup } from '@groupkit/client';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { delay, HttpResponse, http } from 'msw';
import { createRef, useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { JoinGroupToggle, type JoinGroupToggleProps } from '../JoinGroupToggle';
import { formatDate, GroupKitLocaleProvider } from '../locale';
import { germanMessages } from '../messages';
import { axeViolations } from './axe';
import { isolatedMockApi } from './isolatedMockApi';

const CHANGES = '*/v1/users/:userId/membership-changes';

const api = isolatedMockApi();
const { Providers } = api;
let posts = 0;
api.onOwnRequest((request) => {
  if (request.method === 'POST' && request.url.includes('/membership-changes')) posts++;
});
beforeEach(() => {
  posts = 0;
});

function renderToggle(props: JoinGroupToggleProps, userId = 'u_ada') {
  return render(
    <Providers userId={userId}>
      <JoinGroupToggle {...props} />
    </Providers>,
  );
}

/** The switch, once the session has loaded. */
async function ready(name?: string) {
  const toggle = await screen.findByRole('switch', name ? { name } : {});
  await waitFor(() => expect(toggle).toHaveAttribute('aria-busy', 'false'));
  return toggle;
}

const member = (slug: string, userId = 'u_ada') =>
  api.engine.listMemberships(userId).some((m) => m.slug === slug);

/** Refuses every membership change with `code` until the returned function is called. */
function refuse(code: string, status: number) {
  let refusing = true;
  api.worker.use(
    http.post(CHANGES, () =>
      refusing
        ? HttpResponse.json({ error: { code, message: 'refused', details: {} } }, { status })
        : undefined,
    ),
  );
  return () => {
    refusing = false;
  };
}

describe('JoinGroupToggle in Chromium', () => {
  it('is a switch named by the group, described by its description, showing membership', async () => {
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+community', actor: 'user' });
    const { container } = render(
      <Providers>
        <JoinGroupToggle group="newsletter" />
        <JoinGroupToggle group="community" />
      </Providers>,
    );
    const off = await ready('Product newsletter');
    const on = screen.getByRole('switch', { name: 'Community forum' });
    expect(off).toHaveAttribute('type', 'button');
    expect(off).toHaveAttribute('aria-checked', 'false');
    expect(off).toHaveAttribute('data-state', 'unchecked');
    expect(off).toHaveAccessibleDescription('A monthly email about what is new.');
    expect(off).not.toHaveAttribute('data-disabled');
    expect(on).toHaveAttribute('aria-checked', 'true');
    expect(on).toHaveAttribute('data-state', 'checked');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('is operated by keyboard: Tab focuses, Space joins, Enter leaves', async () => {
    renderToggle({ group: 'newsletter' });
    const toggle = await ready();
    await userEvent.tab();
    expect(toggle).toHaveFocus();
    await userEvent.keyboard(' ');
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await waitFor(() => expect(member('newsletter')).toBe(true));
    await userEvent.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(toggle).toHaveAttribute('data-state', 'unchecked');
    await waitFor(() => expect(member('newsletter')).toBe(false));
    expect(toggle).toHaveFocus();
    expect(posts).toBe(2);
  });

  it('toggles by a click on the switch or its label, and reports the outcome', async () => {
    const onJoined = vi.fn();
    const onLeft = vi.fn();
    const onCheckedChange = vi.fn();
    renderToggle({ group: 'community', onJoined, onLeft, onCheckedChange });
    const toggle = await ready('Community forum');
    await userEvent.click(toggle);
    expect(onCheckedChange).toHaveBeenLastCalledWith(true);
    await waitFor(() => expect(onJoined).toHaveBeenCalledTimes(1));
    expect(member('community')).toBe(true);
    await userEvent.click(screen.getByText('Community forum'));
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(onCheckedChange).toHaveBeenLastCalledWith(false);
    await waitFor(() => expect(onLeft).toHaveBeenCalledTimes(1));
    expect(member('community')).toBe(false);
  });

  it('is busy while the change is on the wire, already showing the new state', async () => {
    api.worker.use(http.post(CHANGES, () => delay('infinite')));
    const { container } = renderToggle({ group: 'newsletter' });
    const toggle = await ready();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(toggle).toHaveAttribute('aria-busy', 'true');
    expect(toggle).toBeEnabled();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('rolls back a refused join, announces why, and keeps focus on the switch', async () => {
    const accept = refuse('group_not_active', 409);
    const onError = vi.fn();
    const onJoined = vi.fn();
    const { container } = renderToggle({ group: 'newsletter', onError, onJoined });
    const toggle = await ready();
    const alert = screen.getByRole('alert');
    expect(alert).toBeEmptyDOMElement();
    await userEvent.click(toggle);
    await waitFor(() =>
      expect(alert).toHaveTextContent(
        'Could not join Product newsletter. It is not open right now.',
      ),
    );
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(toggle).toHaveAttribute('aria-busy', 'false');
    expect(toggle).toHaveFocus();
    expect(toggle).toHaveAccessibleDescription(
      'A monthly email about what is new. Could not join Product newsletter. It is not open right now.',
    );
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'group_not_active' }));
    expect(onJoined).not.toHaveBeenCalled();
    expect(member('newsletter')).toBe(false);
    expect(await axeViolations(container)).toEqual([]);
    // The next attempt clears the alert.
    accept();
    await userEvent.click(toggle);
    expect(alert).toBeEmptyDOMElement();
    await waitFor(() => expect(member('newsletter')).toBe(true));
  });

  it('rolls back a refused leave with the leave message', async () => {
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    refuse('forbidden', 403);
    renderToggle({ group: 'newsletter' });
    const toggle = await ready();
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(toggle);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Could not leave Product newsletter. You are not allowed to change it.',
      ),
    );
    expect(toggle).toHaveAttribute('aria-checked', 'true');
  });

  it.each([
    ['group_is_automatic', 409, 'Its members are assigned automatically.'],
    ['group_not_joinable', 403, 'You cannot change it yourself.'],
    ['user_group_not_found', 404, 'The group no longer exists.'],
    ['idempotency_key_reused', 422, 'Something went wrong. Please try again.'],
    // Retried by the client with backoff first (up to ~2 s), then shown.
    ['rate_limited', 429, 'Too many changes at once. Wait a moment and try again.'],
  ])(
    'explains a %s refusal',
    async (code, status, text) => {
      refuse(code, status);
      renderToggle({ group: 'newsletter' });
      await userEvent.click(await ready());
      await waitFor(
        () =>
          expect(screen.getByRole('alert')).toHaveTextContent(
            `Could not join Product newsletter. ${text}`,
          ),
        { timeout: 8000 },
      );
    },
    15_000,
  );

  it('explains a network failure (after the client gave up retrying)', async () => {
    api.worker.use(http.post(CHANGES, () => HttpResponse.error()));
    renderToggle({ group: 'newsletter' });
    const toggle = await ready();
    await userEvent.click(toggle);
    await waitFor(
      () =>
        expect(screen.getByRole('alert')).toHaveTextContent(
          'Could not join Product newsletter. Check your connection and try again.',
        ),
      { timeout: 8000 },
    );
    expect(toggle).toHaveAttribute('aria-checked', 'false');
  }, 15_000);

  const newsletter = () => api.engine.getUserGroup('newsletter');
  it.each<[string, string | (() => UserGroup), string, string, boolean]>([
    ['automatic', 'uk-users', 'UK users', 'Assigned automatically', true],
    ['hidden, admin-assigned', 'pro', 'Pro', 'Managed by your admin', true],
    [
      'admin-only',
      () => ({ ...newsletter(), joinType: null }),
      'Product newsletter',
      'Managed by your admin',
      false,
    ],
    ['code', 'beta', 'Beta testers', 'Join with a code', false],
    ['ended', () => ({ ...newsletter(), status: 'ended' }), 'Product newsletter', 'Closed', false],
    ['unknown', 'no-such-group', 'no-such-group', 'Not available', false],
  ])(
    'locks a %s group with the reason, focusable, sending nothing',
    async (_, group, name, reason, on) => {
      const { container } = renderToggle({ group: typeof group === 'string' ? group : group() });
      const toggle = await ready(name);
      expect(toggle).toHaveAttribute('aria-disabled', 'true');
      expect(toggle).toHaveAttribute('data-disabled');
      expect(toggle).toHaveAttribute('aria-checked', String(on));
      expect(toggle).toHaveAccessibleDescription(new RegExp(`^${reason}`));
      expect(screen.getByText(reason)).toBeVisible();
      await userEvent.tab();
      expect(toggle).toHaveFocus();
      // Playwright waits for an aria-disabled element to become enabled: force the click.
      await userEvent.click(toggle, { force: true });
      await userEvent.keyboard(' ');
      expect(toggle).toHaveAttribute('aria-checked', String(on));
      expect(posts).toBe(0);
      expect(await axeViolations(container)).toEqual([]);
    },
  );

  it('lets a member leave a code group with the switch, and not rejoin without a code', async () => {
    api.engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' });
    const { container } = renderToggle({ group: 'beta' });
    const toggle = await ready('Beta testers');
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(toggle).not.toHaveAttribute('aria-disabled');
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(toggle);
    await waitFor(() => expect(posts).toBe(1));
    await waitFor(() =>
      expect(api.engine.listMemberships('u_ada').map((m) => m.slug)).not.toContain('beta'),
    );
    // Out again, joining takes a code: locked with that reason.
    await waitFor(() => expect(toggle).toHaveAttribute('aria-disabled', 'true'));
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(toggle).toHaveAccessibleDescription(/^Join with a code/);
  });

  it('lets a member leave an ended open group, and locks one that keeps its members', async () => {
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    const ended = { ...newsletter(), status: 'ended' as const };
    renderToggle({ group: ended });
    const toggle = await ready('Product newsletter');
    expect(toggle).not.toHaveAttribute('aria-disabled');
    cleanup();
    const keeps = { ...newsletter(), allowLeave: false };
    renderToggle({ group: keeps });
    const locked = await ready('Product newsletter');
    expect(locked).toHaveAttribute('aria-disabled', 'true');
    expect(locked).toHaveAttribute('aria-checked', 'true');
    expect(locked).toHaveAccessibleDescription(/^Members stay in this group/);
    await userEvent.click(locked, { force: true });
    expect(posts).toBe(0);
  });

  it('explains a leave the server refuses because the group keeps its members', async () => {
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    // The directory the page loaded still allowed leaving; an admin changed that since.
    api.engine.updateUserGroup('newsletter', { allowLeave: false });
    renderToggle({ group: { ...newsletter(), allowLeave: true } });
    const toggle = await ready('Product newsletter');
    await userEvent.click(toggle);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Could not leave Product newsletter. Members stay in this group.',
      ),
    );
    expect(toggle).toHaveAttribute('aria-checked', 'true');
  });

  it('locks a scheduled group with its opening date, in the locale', async () => {
    const { startsAt } = api.engine.getUserGroup('spring-summit');
    const { container } = render(
      <GroupKitLocaleProvider locale="en-GB">
        <Providers>
          <JoinGroupToggle group="spring-summit" />
        </Providers>
      </GroupKitLocaleProvider>,
    );
    const toggle = await ready('Spring summit');
    expect(toggle).toHaveAttribute('aria-disabled', 'true');
    expect(toggle).toHaveAccessibleDescription(
      `Opens on ${formatDate(startsAt as string, 'en-GB')} Our yearly customer conference.`,
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows a busy, disabled skeleton of the same height while loading', async () => {
    // Grace's session never answers; Ada's does.
    api.worker.use(
      http.get('*/v1/session', async ({ request }) => {
        if (new URL(request.url).searchParams.get('userId') === 'u_grace') await delay('infinite');
      }),
    );
    const { container } = render(
      <>
        <Providers userId="u_ada">
          <JoinGroupToggle group="newsletter" rootProps={{ 'data-testid': 'ready' }} />
        </Providers>
        <Providers userId="u_grace">
          <JoinGroupToggle group="newsletter" rootProps={{ 'data-testid': 'loading' }} />
        </Providers>
      </>,
    );
    await ready('Product newsletter');
    const loading = screen.getByRole('switch', { name: 'Loading…' });
    expect(loading).toBeDisabled();
    expect(loading).toHaveAttribute('aria-busy', 'true');
    expect(loading).toHaveAttribute('aria-checked', 'false');
    const height = (id: string) => screen.getByTestId(id).getBoundingClientRect().height;
    expect(height('loading')).toBe(height('ready'));
    expect(await axeViolations(container)).toEqual([]);
  });

  it('controlled: shows the parent’s value and only asks; the parent decides', async () => {
    const onCheckedChange = vi.fn();
    const { rerender } = renderToggle({ group: 'newsletter', checked: false, onCheckedChange });
    const toggle = await ready();
    await userEvent.click(toggle);
    expect(onCheckedChange).toHaveBeenCalledWith(true);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    rerender(
      <Providers>
        <JoinGroupToggle group="newsletter" checked onCheckedChange={onCheckedChange} />
      </Providers>,
    );
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(posts).toBe(0);
    expect(member('newsletter')).toBe(false);
  });

  it('controlled by state: follows the parent', async () => {
    function Form() {
      const [chosen, setChosen] = useState(true);
      return (
        <Providers>
          <JoinGroupToggle group="newsletter" checked={chosen} onCheckedChange={setChosen} />
          <output>{String(chosen)}</output>
        </Providers>
      );
    }
    render(<Form />);
    const toggle = await ready();
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByRole('status')).toHaveTextContent('false');
    expect(posts).toBe(0);
  });

  it("runs the consumer's onClick first; preventDefault stops the toggle", async () => {
    const onCheckedChange = vi.fn();
    const onClick = vi.fn((event: React.MouseEvent) => event.preventDefault());
    renderToggle({ group: 'newsletter', onClick, onCheckedChange });
    const toggle = await ready();
    await userEvent.click(toggle);
    await userEvent.keyboard(' ');
    expect(onClick).toHaveBeenCalledTimes(2);
    expect(onCheckedChange).not.toHaveBeenCalled();
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(posts).toBe(0);
  });

  it('forwards the ref and spreads other props onto the switch; className and rootProps style the root', async () => {
    const ref = createRef<HTMLButtonElement>();
    const onKeyDown = vi.fn();
    render(
      <Providers>
        <JoinGroupToggle
          ref={ref}
          group="newsletter"
          className="settings-row"
          data-testid="switch"
          title="Newsletter setting"
          style={{ outlineOffset: '5px' }}
          onKeyDown={onKeyDown}
          rootProps={{ 'data-testid': 'root', id: 'newsletter-row' }}
        />
      </Providers>,
    );
    const toggle = await ready();
    expect(ref.current).toBe(toggle);
    expect(screen.getByTestId('switch')).toBe(toggle);
    // Read from the switch now: `...props` land there, as the ref does (they were the root's).
    expect(toggle).toHaveAttribute('title', 'Newsletter setting');
    expect(toggle.style.outlineOffset).toBe('5px');
    await userEvent.tab();
    await userEvent.keyboard('{ArrowRight}');
    expect(onKeyDown).toHaveBeenCalledTimes(1);
    const root = screen.getByTestId('root');
    expect(root).toHaveClass('groupkit-root', 'groupkit-toggle', 'settings-row');
    expect(root).toHaveAttribute('id', 'newsletter-row');
    expect(root).not.toHaveAttribute('title');
    expect(root).toContainElement(toggle);
    // The switch keeps its own part class, id, role and ARIA links.
    expect(toggle).toHaveClass('groupkit-toggle-switch');
    expect(toggle).toHaveAttribute('role', 'switch');
    expect(toggle).toHaveAccessibleName('Product newsletter');
  });

  it('unstyled: no groupkit-root look, stable part classes', async () => {
    render(
      <Providers>
        <JoinGroupToggle group="newsletter" unstyled rootProps={{ 'data-testid': 'root' }} />
      </Providers>,
    );
    const toggle = await ready();
    const root = screen.getByTestId('root');
    expect(root).not.toHaveClass('groupkit-root');
    expect(root).toHaveAttribute('data-unstyled');
    expect(toggle).toHaveClass('groupkit-toggle-switch');
    expect(getComputedStyle(toggle).borderRadius).not.toBe('999px');
    expect(getComputedStyle(root).display).toBe('block');
  });

  it('renders a group name as text, never as HTML', async () => {
    api.engine.createUserGroup({
      slug: 'xss',
      name: '<img src=x onerror=alert(1)>',
      description: '<b>bold</b>',
      type: 'manual',
      joinType: 'open',
      userViewable: true,
    });
    const { container } = renderToggle({ group: 'xss' });
    const toggle = await ready('<img src=x onerror=alert(1)>');
    expect(toggle).toHaveAccessibleDescription('<b>bold</b>');
    expect(container.querySelector('img, b')).toBeNull();
  });

  it('speaks German with the German catalogue', async () => {
    refuse('group_not_active', 409);
    const { startsAt } = api.engine.getUserGroup('spring-summit');
    const { container } = render(
      <GroupKitLocaleProvider locale="de-DE" messages={germanMessages}>
        <Providers>
          <JoinGroupToggle group="spring-summit" />
          <JoinGroupToggle group="newsletter" />
        </Providers>
      </GroupKitLocaleProvider>,
    );
    const summit = await ready('Spring summit');
    expect(summit).toHaveAccessibleDescription(
      new RegExp(`^Öffnet am ${formatDate(startsAt as string, 'de-DE')}`),
    );
    await userEvent.click(screen.getByRole('switch', { name: 'Product newsletter' }));
    await waitFor(() =>
      expect(container).toHaveTextContent(
        'Beitritt zu Product newsletter fehlgeschlagen. Die Gruppe ist gerade nicht geöffnet.',
      ),
    );
  });

  it('takes per-widget message overrides and render props', async () => {
    render(
      <Providers>
        <JoinGroupToggle
          group="beta"
          messages={{ code: 'Ask support for a code' }}
          renderLabel={(name) => <em>{name}!</em>}
          renderDescription={(text, { lockedReason }) => `${text} (${String(lockedReason)})`}
        />
      </Providers>,
    );
    const toggle = await ready('Beta testers!');
    expect(toggle).toHaveAccessibleDescription(
      'Ask support for a code Try features before everyone else. (Ask support for a code)',
    );
  });

  it('moves the thumb to the inline end: right in LTR, left in RTL', async () => {
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    render(
      <Providers>
        <div dir="ltr">
          <JoinGroupToggle group="newsletter" />
        </div>
        <div dir="rtl">
          <JoinGroupToggle group="newsletter" />
        </div>
      </Providers>,
    );
    await waitFor(() => expect(screen.getAllByRole('switch', { checked: true })).toHaveLength(2));
    const [ltr, rtl] = screen.getAllByRole('switch') as [HTMLElement, HTMLElement];
    await waitFor(() => {
      const box = (el: HTMLElement) => el.getBoundingClientRect();
      const thumb = (el: HTMLElement) => box(el.firstElementChild as HTMLElement);
      expect(Math.round(box(ltr).right - thumb(ltr).right)).toBe(3);
      expect(Math.round(thumb(rtl).left - box(rtl).left)).toBe(3);
    });
  });

  it('stays axe-clean in the dark theme, on and off', async () => {
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+community', actor: 'user' });
    const { container } = render(
      <div data-groupkit-theme="dark">
        <Providers>
          <JoinGroupToggle group="newsletter" />
          <JoinGroupToggle group="community" />
          <JoinGroupToggle group="uk-users" />
        </Providers>
      </div>,
    );
    await ready('Product newsletter');
    expect(await axeViolations(container)).toEqual([]);
  });
});
