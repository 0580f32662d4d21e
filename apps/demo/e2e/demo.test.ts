import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectAxeClean, screenshot } from './pageChecks';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

it('shows the account and the signed-in user’s groups: provider → client → MSW worker → engine', async () => {
  const { page, errors, close } = await openPage(browser, inject('demoUrl'));
  await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('Acme Co.');
  expect(await page.locator('.demo-account').textContent()).toBe('Acme Co. · Pro plan · 25 seats');
  const list = page.getByRole('list', { name: 'Your groups' });
  await list.waitFor();
  expect(await list.getByRole('listitem').allTextContents()).toEqual([
    'CustomerAssigned',
    'ProAssigned',
    'Power adminsAutomatic',
    'UK usersAutomatic',
  ]);
  // The data came through the service worker, not a fixture baked into the bundle.
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
    /mockServiceWorker\.js$/,
  );
  await expectAxeClean(page, 'the end-user page');
  await page.screenshot({ path: screenshot('endUserPage'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});

it("switching the user loads that user's groups", async () => {
  const { page, errors, close } = await openPage(browser, inject('demoUrl'));
  await page.getByRole('list', { name: 'Your groups' }).waitFor();
  await page.getByLabel('Signed in as').selectOption('u_grace');
  const items = page.getByRole('list', { name: 'Your groups' }).getByRole('listitem');
  await expect.poll(() => items.allTextContents()).toEqual(['CustomerAssigned', 'PlusAssigned']);
  await expectAxeClean(page, 'after switching to Grace');
  await page.screenshot({ path: screenshot('userSwitch'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});
