import '../styles.css';
import { startMockWorker } from '@groupkit/mock-api/browser';
import { GroupKitProvider } from '@groupkit/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { MembershipList } from '../MembershipList';
import { axeViolations } from './axe';

let mock: Awaited<ReturnType<typeof startMockWorker>>;
beforeAll(async () => {
  mock = await startMockWorker();
});
afterEach(async () => {
  cleanup();
  mock.worker.resetHandlers();
  await commands.setColorScheme('light');
});
afterAll(() => mock.worker.stop());

function renderFor(userId: string, ui = <MembershipList />) {
  return render(
    <GroupKitProvider apiKey="pk_test_groupkit" userId={userId} groupId="acme">
      {ui}
    </GroupKitProvider>,
  );
}

describe('MembershipList in Chromium', () => {
  it("lists Ada's groups with how she came to be in each, from the mocked API", async () => {
    renderFor('u_ada');
    const list = await screen.findByRole('list', { name: 'Your groups' });
    const rows = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(rows).toEqual([
      'CustomerAssigned',
      'ProAssigned',
      'Power adminsAutomatic',
      'UK usersAutomatic',
    ]);
    expect(screen.getByRole('region', { name: 'Your groups' })).toHaveAttribute(
      'aria-busy',
      'false',
    );
  });

  it('announces loading, then shows an alert when the API fails', async () => {
    mock.worker.use(
      http.get('*/v1/session', () =>
        HttpResponse.json(
          { error: { code: 'internal_error', message: 'x', details: {} } },
          { status: 500 },
        ),
      ),
    );
    renderFor('u_ada');
    expect(screen.getByRole('status')).toHaveTextContent('Loading your groups…');
    // The client retries a 500 with backoff before the widget may show the error.
    expect(await screen.findByRole('alert', undefined, { timeout: 5000 })).toHaveTextContent(
      'Your groups could not be loaded.',
    );
  });

  it('renders group names as text, never as HTML', async () => {
    mock.worker.use(
      http.get('*/v1/session', () =>
        HttpResponse.json({
          user: { id: 'u_x', firstname: 'X', lastname: '', attributes: {} },
          group: null,
          userGroups: [],
          memberships: [
            {
              groupId: 'g1',
              slug: 'x',
              name: '<img src=x onerror=alert(1)>',
              joinedAt: '2026-01-01T00:00:00Z',
              source: 'self',
              attributes: {},
            },
          ],
        }),
      ),
    );
    const { container } = renderFor('u_x');
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it('is axe-clean when ready, in light and dark themes', async () => {
    const { container } = renderFor('u_grace');
    await screen.findByText('Plus');
    expect(await axeViolations(container)).toEqual([]);
    container.setAttribute('data-groupkit-theme', 'dark');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('applies the theme variables from styles.css (dark differs from light)', async () => {
    const { container } = renderFor('u_grace');
    await screen.findByText('Plus');
    const root = container.querySelector('.groupkit-root') as HTMLElement;
    const light = getComputedStyle(root).backgroundColor;
    container.setAttribute('data-groupkit-theme', 'dark');
    expect(getComputedStyle(root).backgroundColor).not.toBe(light);
    expect(getComputedStyle(root).backgroundColor).toBe('rgb(23, 24, 28)');
  });

  it('follows the OS dark preference unless a theme is forced', async () => {
    await commands.setColorScheme('dark');
    const { container } = renderFor('u_grace');
    await screen.findByText('Plus');
    const root = container.querySelector('.groupkit-root') as HTMLElement;
    expect(getComputedStyle(root).backgroundColor).toBe('rgb(23, 24, 28)');
    container.setAttribute('data-groupkit-theme', 'light');
    expect(getComputedStyle(root).backgroundColor).toBe('rgb(255, 255, 255)');
  });
});
