import '../styles.css';
import { startMockWorker } from '@groupkit/mock-api/browser';
import { GroupKitProvider } from '@groupkit/react';
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GroupDirectory } from '../GroupDirectory';
import { JoinGroupCodeForm } from '../JoinGroupCodeForm';
import { JoinGroupToggle } from '../JoinGroupToggle';
import { MembershipList } from '../MembershipList';
import { OnboardingChecklist } from '../OnboardingChecklist';
import { GroupOnboarding } from '../onboarding/GroupOnboarding';
import { joinAnyGroupItem, redeemCodeItem } from '../onboarding/checklistItems';

let mock: Awaited<ReturnType<typeof startMockWorker>>;
beforeAll(async () => {
  mock = await startMockWorker();
});
afterEach(() => {
  cleanup();
  document.documentElement.style.fontSize = '';
});
afterAll(() => mock.worker.stop());

const ITEMS = [joinAnyGroupItem(), redeemCodeItem()];

const widgets: [string, ReactNode, string][] = [
  ['GroupDirectory', <GroupDirectory includeScheduled />, 'Product newsletter'],
  ['JoinGroupToggle', <JoinGroupToggle group="newsletter" />, 'Product newsletter'],
  ['JoinGroupCodeForm', <JoinGroupCodeForm />, 'Group code'],
  ['MembershipList', <MembershipList />, 'Power admins'],
  ['GroupOnboarding', <GroupOnboarding id="layout-test" />, 'Welcome to Acme Co.'],
  ['OnboardingChecklist', <OnboardingChecklist items={ITEMS} />, 'Join a group'],
];

/** Elements whose content is wider than their box (cut off or scrolling sideways). */
function overflowing(root: Element): string[] {
  return (
    [root, ...root.querySelectorAll('*')]
      // Screen-reader-only text is clipped to 1 px on purpose.
      .filter((el) => !el.classList.contains('groupkit-visually-hidden'))
      .filter(
        (el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible',
      )
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .concat(root.scrollWidth > root.clientWidth + 1 ? ['the widget itself'] : [])
  );
}

// The smallest phones (320 CSS px) and 200% text zoom (WCAG 1.4.4/1.4.10): every widget
// must reflow, never cut off text or make the page scroll sideways.
describe.each([
  ['320 px wide', '100%'],
  ['320 px wide at 200% text size', '200%'],
])('%s', (_, fontSize) => {
  it.each(widgets)('%s fits without horizontal overflow', async (_name, widget, text) => {
    document.documentElement.style.fontSize = fontSize;
    render(
      <div data-testid="frame" style={{ inlineSize: 320 }}>
        <GroupKitProvider apiKey="pk_test_groupkit" userId="u_ada" groupId="acme" persist={false}>
          {widget}
        </GroupKitProvider>
      </div>,
    );
    await screen.findAllByText(text, undefined, { timeout: 5000 });
    const frame = screen.getByTestId('frame');
    const root = frame.firstElementChild;
    expect(root).not.toBeNull();
    expect(overflowing(root as Element)).toEqual([]);
    expect(frame.scrollWidth).toBeLessThanOrEqual(320);
  });
});
