import '../styles.css';
import { createGroupsEngine, createHandlers, type GroupsEngine } from '@groupkit/mock-api';
import { startMockWorker } from '@groupkit/mock-api/browser';
import { GroupKitProvider } from '@groupkit/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { redeemBeta } from '../__stories__/onboardingApi';
import { JoinGroupCodeForm } from '../JoinGroupCodeForm';
import { JoinGroupToggle } from '../JoinGroupToggle';
import { GroupKitLocaleProvider } from '../locale';
import { germanMessages } from '../messages';
import {
  joinAnyGroupItem,
  joinGroupItem,
  type OnboardingChecklistItem,
  redeemCodeItem,
} from '../onboarding/checklistItems';
import { OnboardingChecklist, type OnboardingChecklistProps } from '../OnboardingChecklist';
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

/** A fresh engine per test (joins and redemptions change it). */
function serve(setup?: (engine: GroupsEngine) => void, latency?: number) {
  const engine = createGroupsEngine();
  setup?.(engine);
  mock.worker.use(...createHandlers(engine, { latency }));
  return engine;
}

const ITEMS = [
  joinAnyGroupItem({ href: '#groups' }),
  redeemCodeItem(),
  joinGroupItem('newsletter', { label: 'Subscribe to the newsletter' }),
];

function renderChecklist(
  props: Partial<OnboardingChecklistProps> = {},
  { userId = 'u_ada', extra = null as ReactNode, de = false } = {},
) {
  const app = (
    // persist={false}: nothing here needs storage, and other files share the origin.
    <GroupKitProvider apiKey="pk_test_groupkit" userId={userId} groupId="acme" persist={false}>
      <OnboardingChecklist items={ITEMS} {...props} />
      {extra}
    </GroupKitProvider>
  );
  return render(
    de ? (
      <GroupKitLocaleProvider locale="de-DE" messages={germanMessages}>
        {app}
      </GroupKitLocaleProvider>
    ) : (
      app
    ),
  );
}

const bar = (name: string) =>
  screen.findByRole('progressbar', { name }, { timeout: 3000 }) as Promise<HTMLProgressElement>;
const items = () =>
  within(screen.getByRole('list', { name: 'Get started' })).getAllByRole('listitem');

describe('OnboardingChecklist in Chromium', () => {
  it('ticks its items by itself after joining and redeeming, announcing the progress', async () => {
    serve();
    const { container } = renderChecklist(
      {},
      {
        extra: (
          <>
            <JoinGroupToggle group="newsletter" />
            <JoinGroupCodeForm />
          </>
        ),
      },
    );
    const progress = await bar('0 of 3 done');
    expect(progress.value).toBe(0);
    expect(progress.max).toBe(3);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('0 of 3 done');
    expect(items().map((li) => li.dataset.state)).toEqual(['todo', 'todo', 'todo']);
    expect(await axeViolations(container)).toEqual([]);

    const toggle = screen.getByRole('switch', { name: 'Product newsletter' });
    await vi.waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.click(toggle);
    expect((await bar('2 of 3 done')).value).toBe(2);
    expect(status).toHaveTextContent('2 of 3 done');
    expect(items().map((li) => li.dataset.state)).toEqual(['done', 'todo', 'done']);
    // Done, "Join a group" is no longer a link.
    expect(screen.queryByRole('link')).toBeNull();

    await userEvent.type(screen.getByRole('textbox', { name: 'Group code' }), 'BETA-2026{Enter}');
    expect((await bar('3 of 3 done')).value).toBe(3);
    expect(items().map((li) => li.dataset.state)).toEqual(['done', 'done', 'done']);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('conveys each item’s state in words and by a mark, not by colour alone', async () => {
    serve(redeemBeta);
    renderChecklist();
    await bar('2 of 3 done');
    const [join, redeem, newsletter] = items() as [HTMLElement, HTMLElement, HTMLElement];
    expect(join).toHaveTextContent('Done: Join a group');
    expect(redeem).toHaveTextContent('Done: Redeem your invite code');
    expect(newsletter).toHaveTextContent('To do: Subscribe to the newsletter');
    expect(join.querySelector('.groupkit-checklist-mark')).toHaveTextContent('✓');
    expect(newsletter.querySelector('.groupkit-checklist-mark')).toHaveTextContent('');
    expect(join.querySelector('.groupkit-visually-hidden')).toHaveTextContent('Done:');
  });

  it('makes an open item a link (href) or a button (onSelect) until it is done', async () => {
    serve();
    const onSelect = vi.fn();
    renderChecklist({
      items: [joinAnyGroupItem({ href: '#groups' }), redeemCodeItem({ onSelect })],
    });
    await bar('0 of 2 done');
    expect(screen.getByRole('link', { name: 'Join a group' })).toHaveAttribute('href', '#groups');
    const redeem = screen.getByRole('button', { name: 'Redeem your invite code' });
    await userEvent.tab();
    await userEvent.tab();
    expect(redeem).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledTimes(1);
  });

  it('is busy and says it is loading until the memberships have loaded', async () => {
    serve(undefined, 300);
    renderChecklist();
    const region = screen.getByRole('region', { name: 'Get started' });
    expect(region).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('Loading your progress…');
    expect(screen.queryByRole('list')).toBeNull();
    await bar('0 of 3 done');
    expect(region).toHaveAttribute('aria-busy', 'false');
  });

  it('takes items of its own, a heading, renderItem and unstyled', async () => {
    serve();
    const plus: OnboardingChecklistItem = {
      id: 'pro',
      label: (t, { groups }) => `${t.joinGroup('Pro')} (${groups.length} groups listed)`,
      done: ({ memberships }) => memberships.some((m) => m.slug === 'pro'),
    };
    const { container } = renderChecklist({
      items: [plus, joinGroupItem('community')],
      heading: 'Your first week',
      headingLevel: 3,
      unstyled: true,
      className: 'mine',
      renderItem: (item, done, node) => (
        <>
          {node}
          {done && <small> ({item.id} ok)</small>}
        </>
      ),
    });
    await bar('1 of 2 done');
    const region = screen.getByRole('region', { name: 'Your first week' });
    expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent('Your first week');
    expect(region).toHaveClass('groupkit-checklist', 'mine');
    expect(region).not.toHaveClass('groupkit-root');
    expect(region).toHaveAttribute('data-unstyled', 'true');
    const list = within(screen.getByRole('list', { name: 'Your first week' }));
    expect(list.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '✓Done: Join Pro (6 groups listed) (pro ok)',
      'To do: Join Community forum',
    ]);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('speaks German with the German catalogue', async () => {
    serve(redeemBeta);
    const { container } = renderChecklist(
      { items: [joinAnyGroupItem(), redeemCodeItem(), joinGroupItem('newsletter')] },
      { de: true },
    );
    await bar('2 von 3 erledigt');
    const list = within(screen.getByRole('list', { name: 'Erste Schritte' }));
    expect(list.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '✓Erledigt: Tritt einer Gruppe bei',
      '✓Erledigt: Löse deinen Einladungscode ein',
      'Offen: Tritt Product newsletter bei',
    ]);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('is axe-clean in the dark theme', async () => {
    serve(redeemBeta);
    const { container } = renderChecklist();
    container.setAttribute('data-groupkit-theme', 'dark');
    await bar('2 of 3 done');
    expect(await axeViolations(container)).toEqual([]);
  });
});
