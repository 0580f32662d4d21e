import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectAxeClean, screenshot } from './pageChecks';
import { signIn } from './signIn';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? null);

it('a code’s life in the console: who redeemed it, a window that warns, a cap, revoke, delete', async () => {
  // Ada redeems VIP-0001 on her page first, so the console has a redemption to show.
  const { page, errors, close } = await openPage(browser, inject('demoUrl'));
  const vip = page
    .getByRole('list', { name: 'All groups' })
    .getByRole('listitem')
    .filter({ hasText: 'VIP lounge' });
  await vip.getByRole('button', { name: 'Have a code?' }).click();
  await vip.getByRole('textbox', { name: 'Group code' }).fill('VIP-0001');
  await vip.getByRole('textbox', { name: 'Group code' }).press('Enter');
  await expect
    .poll(() => page.getByRole('list', { name: 'Your groups' }).textContent())
    .toContain('VIP lounge');

  await page.getByRole('link', { name: 'Admin console' }).click();
  await signIn(page, 'admin@groupkit.test');
  await page.getByRole('button', { name: 'Manage VIP lounge' }).click();
  const panel = page.getByRole('region', { name: 'VIP lounge vip' });
  const table = panel.getByRole('table', { name: /^\d+ codes? of VIP lounge$/ });
  const row = (code: string) => table.getByRole('row').filter({ hasText: code });
  const cells = (code: string) => row(code).getByRole('cell').allTextContents();
  await row('VIP-0001').waitFor();
  await expect.poll(() => cells('VIP-0001')).toEqual(['single-use', 'used up', '1 of 1', 'always']);

  // Choosing a code opens it below the table, and focus goes there.
  await row('VIP-0001').getByRole('button', { name: 'VIP-0001' }).click();
  const used = panel.getByRole('region', { name: 'Code VIP-0001', exact: true });
  await expect.poll(() => focused(page)).toBe('Code VIP-0001');
  expect(
    await row('VIP-0001').getByRole('button', { name: 'VIP-0001' }).getAttribute('aria-expanded'),
  ).toBe('true');
  const redemptions = used.getByRole('table', { name: /redemption/ });
  await expect
    .poll(() => redemptions.locator('caption').textContent())
    .toBe('1 redemption of VIP-0001 (page 1 of 1)');
  expect(await redemptions.getByRole('rowheader').allTextContents()).toEqual(['u_ada']);
  // A single-use code has no cap to change.
  expect(await used.getByRole('spinbutton', { name: /Max redemptions/ }).count()).toBe(0);
  await expectAxeClean(page, 'a used single-use code with its redemptions');
  await used.getByRole('button', { name: 'Close' }).click();
  expect(await focused(page)).toBe('VIP-0001');

  // A shared code whose window ends before the group's (it has none): made, with a warning.
  const form = panel.getByRole('form', { name: 'Generate codes for VIP lounge' });
  await form.getByRole('textbox', { name: 'Code (generated when empty)' }).fill('LOUNGE-2030');
  await form.getByRole('textbox', { name: 'Valid until' }).fill('2030-01-31T18:00');
  await form.getByRole('button', { name: 'Generate' }).click();
  const made = form.getByRole('status');
  await expect.poll(() => made.textContent()).toMatch(/^Generated 1 code: LOUNGE-2030/);
  expect(await made.getByRole('listitem').allTextContents()).toEqual([
    expect.stringMatching(/^Warning: The code works until \S+, but "vip" is open at all times/),
  ]);
  await expect
    .poll(() => cells('LOUNGE-2030'))
    .toEqual(['shared', 'active', '0 (no limit)', 'until 31 Jan 2030, 18:00']);
  await expectAxeClean(page, 'a new code with a window warning');

  // Cap it at 5 and move its window: saved, and the window warning comes back with the edit.
  await row('LOUNGE-2030').getByRole('button', { name: 'LOUNGE-2030' }).click();
  const lounge = panel.getByRole('region', { name: 'Code LOUNGE-2030', exact: true });
  const edit = lounge.getByRole('form', { name: 'Edit code LOUNGE-2030' });
  await edit.getByRole('spinbutton', { name: 'Max redemptions (empty: unlimited)' }).fill('5');
  await edit.getByRole('textbox', { name: 'Valid until' }).fill('2030-02-28T18:00');
  await edit.getByRole('button', { name: 'Save window and cap' }).click();
  const outcome = lounge.getByRole('status');
  await expect
    .poll(() => outcome.locator('p').textContent())
    .toBe('Saved LOUNGE-2030: valid until 28 Feb 2030, 18:00, at most 5.');
  expect(await outcome.getByRole('listitem').allTextContents()).toEqual([
    expect.stringMatching(/^Warning: The code works until \S+, but "vip"/),
  ]);
  await expect
    .poll(() => cells('LOUNGE-2030'))
    .toEqual(['shared', 'active', '0 of 5', 'until 28 Feb 2030, 18:00']);

  // Revoke: the status column says so at once.
  await lounge.getByRole('button', { name: 'Revoke code' }).click();
  await expect.poll(() => cells('LOUNGE-2030')).toEqual(expect.arrayContaining(['revoked']));
  expect(await outcome.textContent()).toBe(
    'Revoked LOUNGE-2030: redeeming it now tells the user it has been switched off.',
  );

  // Delete asks first; then the code is gone and focus waits at the codes heading.
  await lounge.getByRole('button', { name: 'Delete code' }).click();
  await expectAxeClean(page, 'asking before deleting a code');
  await lounge.getByRole('button', { name: 'Yes, delete the code' }).click();
  await expect.poll(() => row('LOUNGE-2030').count()).toBe(0);
  expect(await table.locator('caption').textContent()).toBe('10 codes of VIP lounge');
  expect(await focused(page)).toBe('Codes');
  expect(await panel.getByText('Deleted LOUNGE-2030.').count()).toBe(1);

  // A redemption links to the user on the users page: Ada, in VIP lounge by a code.
  await row('VIP-0001').getByRole('button', { name: 'VIP-0001' }).click();
  await used.getByRole('link', { name: 'u_ada' }).click();
  const ada = page.getByRole('region', { name: 'Ada Lovelace u_ada' });
  await ada.waitFor();
  await expect.poll(() => focused(page)).toBe('Ada Lovelace u_ada');
  await expect
    .poll(() => ada.getByRole('row').filter({ hasText: 'VIP lounge' }).textContent())
    .toMatch(/^VIP lounge vipcode \(redeemed a code\)/);

  await expectAxeClean(page, 'Ada, who redeemed a code, on the users page');
  await page.screenshot({ path: screenshot('adminCodes'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
  // Twice the project's limit: one user's visit, then four axe passes over the whole console.
}, 60_000);
