import { createGroupsEngine } from '@groupkit/mock-api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { expectAxeClean, screenshot } from './pageChecks';
import { openConsole } from './signIn';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** The text of whatever has focus: where a keyboard or screen-reader user now is. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? null);

/** Wider than the viewport means sideways scrolling for the whole page (WCAG 1.4.10 reflow). */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

it('support desk at 320 px: finds Alan, sees where each of his groups came from, adds him to VIP lounge and removes him again', async () => {
  // The oracle: the same scenario in Node says which groups Alan starts in, and how.
  const oracle = createGroupsEngine();
  const before = oracle.getUser('u_alan').memberships;
  expect(before.map((m) => [m.name, m.source])).toEqual([['UK users', 'rule']]);

  // The support desk is the support role's: finding users and their manual memberships.
  const { page, errors, close } = await openConsole(browser, 'support@groupkit.test');
  await page.setViewportSize({ width: 320, height: 720 });
  await page
    .getByRole('navigation', { name: 'Console pages' })
    .getByRole('link', { name: 'Users' })
    .click();
  // The page swapped below the nav: focus starts at its heading.
  await expect.poll(() => focused(page)).toBe('Users');

  const search = page.getByRole('search', { name: 'Users' });
  const query = search.getByRole('searchbox', { name: 'Name, email or user id' });
  await query.fill('alan');
  await query.press('Enter');
  await expect.poll(() => search.getByRole('status').textContent()).toBe('1 user match “alan”.');
  await expectAxeClean(page, 'users found by a search, 320 px wide');

  await page.getByRole('link', { name: 'Alan Turing' }).click();
  const panel = page.getByRole('region', { name: 'Alan Turing u_alan' });
  await panel.waitFor();
  await expect.poll(() => focused(page)).toBe('Alan Turing u_alan');
  expect(new URL(page.url()).hash).toBe('#/admin/users/u_alan');
  const groups = panel.getByRole('table', { name: /^Alan Turing is in/ });
  const rows = groups.locator('tbody tr');
  /** Each membership as [group, source], as the table shows them. */
  const memberships = () =>
    rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td')?.textContent]),
    );
  await expect
    .poll(memberships)
    .toEqual([['UK users uk-users', 'rule (matched the group’s rules)']]);
  // A rule decides that membership: there is nothing to remove by hand.
  expect(await panel.getByRole('button', { name: 'Remove from UK users' }).count()).toBe(0);

  // Add him to the manual group the default scenario has for invitations.
  const add = panel.getByRole('form', { name: 'Add Alan Turing to a group' });
  const picker = add.getByRole('combobox', { name: 'Manual group' });
  await picker.selectOption({ label: 'VIP lounge (vip)' });
  await add.getByRole('button', { name: 'Add to group' }).click();
  const outcome = panel.getByRole('status');
  await expect.poll(() => outcome.textContent()).toBe('Added Alan Turing to VIP lounge.');
  await expect
    .poll(() => groups.locator('caption').textContent())
    .toBe('Alan Turing is in 2 groups');
  expect(await memberships()).toEqual([
    ['UK users uk-users', 'rule (matched the group’s rules)'],
    ['VIP lounge vip', 'admin (added by an admin)'],
  ]);
  // He is in it now, so the picker no longer offers it; focus stayed on the picker.
  expect(await picker.locator('option', { hasText: 'VIP lounge' }).count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
  await expectAxeClean(page, 'Alan with an admin-added membership, 320 px wide');
  expect(await pageWidth(page)).toBeLessThanOrEqual(320);

  // Alan sees it too: the end-user page, signed in as him, lists VIP lounge as assigned.
  await page
    .getByRole('navigation', { name: 'Demo sections' })
    .getByRole('link', { name: 'App' })
    .click();
  await page.getByRole('combobox', { name: 'Signed in as' }).selectOption('u_alan');
  const yourGroups = page.getByRole('list', { name: 'Your groups' }).getByRole('listitem');
  await yourGroups.filter({ hasText: 'VIP lounge' }).waitFor();
  expect(await yourGroups.allTextContents()).toContain('VIP loungeAssignedLeave');

  // Back returns to Alan in the console (the open user is in the address).
  await page.goBack();
  await panel.waitFor();
  await expect.poll(() => focused(page)).toBe('Alan Turing u_alan');
  await panel.getByRole('button', { name: 'Remove from VIP lounge' }).click();
  await expectAxeClean(page, 'asking before removing Alan from VIP lounge, 320 px wide');
  await panel.getByRole('button', { name: 'Yes, remove' }).click();
  await expect.poll(() => outcome.textContent()).toBe('Removed Alan Turing from VIP lounge.');
  await expect
    .poll(() => groups.locator('caption').textContent())
    .toBe('Alan Turing is in 1 group');
  expect(await memberships()).toEqual([['UK users uk-users', 'rule (matched the group’s rules)']]);
  // His row and its button are gone: focus waits at the list's heading, not lost on the page.
  expect(await focused(page)).toBe('Groups of Alan Turing');
  expect(await picker.locator('option', { hasText: 'VIP lounge' }).count()).toBe(1);

  await expectAxeClean(page, 'Alan back to his rule-based group only, 320 px wide');
  expect(await pageWidth(page)).toBeLessThanOrEqual(320);
  await page.screenshot({ path: screenshot('supportDesk320'), fullPage: true });

  // Closing him hands focus back to his name in the results, where the agent left off.
  await query.fill('turing');
  await query.press('Enter');
  await expect.poll(() => search.getByRole('status').textContent()).toBe('1 user match “turing”.');
  await panel.getByRole('link', { name: 'Close Alan Turing' }).click();
  await expect.poll(() => panel.count()).toBe(0);
  expect(new URL(page.url()).hash).toBe('#/admin/users');
  expect(await focused(page)).toBe('Alan Turing');
  expect(errors).toEqual([]);
  await close();
});
