import { createGroupsEngine } from '@groupkit/mock-api';
import { readFile } from 'node:fs/promises';
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

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

it('an audience at 320 px: groups picked by keyboard, the count and first page follow, the CSV downloads', async () => {
  // The oracle: the same scenario in Node, asked for the same audiences.
  const oracle = createGroupsEngine();
  const everyone = oracle.previewAudience({}).total;
  const campaign = oracle.previewAudience({ include: ['customer', 'uk-users'], exclude: ['pro'] });
  expect(campaign.total).toBeGreaterThan(0);
  expect(campaign.total).toBeLessThan(everyone);

  const { page, errors, close } = await openConsole(
    browser,
    'admin@groupkit.test',
    '#/admin/audiences',
  );
  await page.setViewportSize({ width: 320, height: 720 });
  const count = page.getByRole('region', { name: 'Audiences' }).getByRole('status');
  // Straight to the page: the console chunk, the groups and the first count load first.
  await count.filter({ hasText: /in this audience/ }).waitFor();
  await expect.poll(() => count.textContent()).toBe(`${everyone} users in this audience.`);

  // Keyboard only: Tab to a box, Space to tick it.
  const include = page.getByRole('group', { name: 'Include members of any of' });
  const exclude = page.getByRole('group', { name: 'Exclude members of any of' });
  await include.getByRole('checkbox', { name: /^Customer / }).focus();
  await page.keyboard.press('Space');
  // A long list narrows by a filter; what is ticked stays in view.
  await include.getByRole('searchbox', { name: 'Filter groups' }).fill('uk');
  expect(await include.getByRole('checkbox').count()).toBe(2);
  await include.getByRole('checkbox', { name: /^UK users / }).focus();
  await page.keyboard.press('Space');
  await exclude.getByRole('checkbox', { name: /^Pro / }).focus();
  await page.keyboard.press('Space');
  expect(await include.getByText(/^Chosen:/).textContent()).toBe('Chosen: Customer, UK users.');
  expect(await exclude.getByText(/^Chosen:/).textContent()).toBe('Chosen: Pro.');

  await expect.poll(() => count.textContent()).toBe(`${campaign.total} users in this audience.`);
  const table = page.getByRole('table', { name: /^Audience, page 1 of/ });
  await expect
    .poll(() => table.getByRole('rowheader').allTextContents())
    .toEqual(campaign.data.map((user) => `${user.firstname} ${user.lastname}`));
  await expectAxeClean(page, 'an audience with include and exclude groups, 320 px wide');
  expect(await pageWidth(page)).toBeLessThanOrEqual(320);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('audience.csv');
  expect(await readFile(await download.path(), 'utf8')).toBe(
    oracle.exportAudience({ include: 'customer,uk-users', exclude: 'pro' }).csv,
  );

  await page.screenshot({ path: screenshot('adminAudiences320'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});
