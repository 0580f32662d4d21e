import '../styles.css';
import { render, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { GroupKitLocaleProvider } from '../locale';
import { germanMessages } from '../messages';
import { MembershipList } from '../MembershipList';
import { axeViolations } from './axe';
import { isolatedMockApi } from './isolatedMockApi';

const api = isolatedMockApi();
const { Providers } = api;

const slugsOf = (userId: string) => api.engine.listMemberships(userId).map((m) => m.slug);

async function renderList(userId = 'u_ada') {
  const view = render(
    <Providers userId={userId}>
      <MembershipList />
    </Providers>,
  );
  const list = await screen.findByRole('list', { name: 'Your groups' });
  return { ...view, list };
}

describe('MembershipList: leaving', () => {
  it('offers Leave only on groups the user may leave themselves', async () => {
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    api.engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' });
    const { list } = await renderList();
    await within(list).findByText('Product newsletter');
    // Customer and Pro are admin-only, UK users and Power admins automatic: no control.
    const buttons = within(list)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'))
      .sort();
    expect(buttons).toEqual(['Leave Beta testers', 'Leave Product newsletter']);
  });

  it('leaves an open group at once, moves focus to the heading, and the server agrees', async () => {
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    const { list } = await renderList();
    await userEvent.click(await screen.findByRole('button', { name: 'Leave Product newsletter' }));
    await waitFor(() => expect(within(list).queryByText('Product newsletter')).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Your groups' }));
    await waitFor(() => expect(slugsOf('u_ada')).not.toContain('newsletter'));
  });

  it('asks before leaving a code group; Escape backs out with focus on Leave', async () => {
    api.engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' });
    const { container } = await renderList();
    const leave = await screen.findByRole('button', { name: 'Leave Beta testers' });
    await userEvent.click(leave);
    const question = screen.getByRole('group', {
      name: 'Leave Beta testers? You will need a code to join again.',
    });
    expect(document.activeElement).toBe(
      within(question).getByRole('button', { name: 'Leave group' }),
    );
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.keyboard('{Escape}');
    const again = screen.getByRole('button', { name: 'Leave Beta testers' });
    expect(document.activeElement).toBe(again);
    expect(slugsOf('u_ada')).toContain('beta');

    await userEvent.click(again);
    await userEvent.click(screen.getByRole('button', { name: 'Leave group' }));
    await waitFor(() => expect(slugsOf('u_ada')).not.toContain('beta'));
    expect(screen.queryByText('Beta testers')).toBeNull();
  });

  it('puts the row back with the reason when the server refuses the leave', async () => {
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    const { list } = await renderList();
    await screen.findByRole('button', { name: 'Leave Product newsletter' });
    // The group started keeping its members after the list loaded.
    api.engine.updateUserGroup('newsletter', { allowLeave: false });
    await userEvent.click(screen.getByRole('button', { name: 'Leave Product newsletter' }));
    expect(await within(list).findByRole('alert')).toHaveTextContent(
      'Could not leave Product newsletter. Members stay in this group.',
    );
    expect(within(list).getByText('Product newsletter')).toBeInTheDocument();
    expect(slugsOf('u_ada')).toContain('newsletter');
  });

  it('reads in German under the German catalogue', async () => {
    api.engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' });
    render(
      <Providers>
        <GroupKitLocaleProvider locale="de-DE" messages={germanMessages}>
          <MembershipList />
        </GroupKitLocaleProvider>
      </Providers>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Beta testers verlassen' }));
    expect(
      screen.getByRole('group', {
        name: 'Beta testers verlassen? Für einen erneuten Beitritt brauchst du wieder einen Code.',
      }),
    ).toBeInTheDocument();
  });

  it('shows no control on a group the directory does not list', async () => {
    api.worker.use(
      http.get('*/v1/session', async ({ request }) => {
        if (!api.ownRequest(request)) return HttpResponse.error();
        const session = api.engine.getSession('u_ada', 'acme');
        return HttpResponse.json({ ...session, userGroups: [] });
      }),
    );
    api.engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
    const { list } = await renderList();
    await within(list).findByText('Product newsletter');
    expect(within(list).queryAllByRole('button')).toEqual([]);
  });
});
