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

const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? null);

it('sorts the group list by each column the API sorts by, and finds a group by its legacy id', async () => {
  const oracle = createGroupsEngine();
  const names = (query: Record<string, string>) =>
    oracle.listUserGroups(query).data.map((group) => group.name);

  const { page, errors, close } = await openConsole(browser, 'admin@groupkit.test');
  const table = page.getByRole('table', { name: /^13 user groups/ });
  const shown = () => table.getByRole('rowheader').allTextContents();
  const header = (name: string) => table.getByRole('columnheader', { name, exact: false });
  await table.waitFor();
  await expect.poll(shown).toEqual(names({}));
  // The API's natural order (display order, then name) is where the list starts.
  expect(await header('Order').getAttribute('aria-sort')).toBe('ascending');

  await table.getByRole('button', { name: 'Name', exact: true }).click();
  await expect.poll(shown).toEqual(names({ sort_attr: 'name' }));
  expect(await header('Name').getAttribute('aria-sort')).toBe('ascending');
  expect(await header('Order').getAttribute('aria-sort')).toBeNull();
  await table.getByRole('button', { name: 'Name', exact: true }).click();
  await expect.poll(shown).toEqual(names({ sort_attr: 'name', sort_dir: 'desc' }));
  expect(await header('Name').getAttribute('aria-sort')).toBe('descending');
  await table.getByRole('button', { name: 'Slug', exact: true }).click();
  await expect.poll(shown).toEqual(names({ sort_attr: 'slug' }));
  await table.getByRole('button', { name: 'Description', exact: true }).click();
  await expect.poll(shown).toEqual(names({ sort_attr: 'description' }));
  await expectAxeClean(page, 'the group list sorted by description');
  await table.getByRole('button', { name: 'Order', exact: true }).click();
  await expect.poll(shown).toEqual(names({}));

  // Legacy ids: an old integration's 1005 is VIP lounge, opened below; an unknown one says so.
  const lookup = page.getByRole('form', { name: 'Find a group by legacy id' });
  const legacyId = lookup.getByRole('spinbutton', { name: 'Legacy id' });
  await legacyId.fill(String(oracle.getUserGroup('vip').legacyId));
  await legacyId.press('Enter');
  await expect
    .poll(() => lookup.getByRole('status').textContent())
    .toBe('Legacy id 1005 is “VIP lounge” (vip): opened below.');
  await page.getByRole('region', { name: 'VIP lounge vip' }).waitFor();
  expect(await table.getByRole('row', { name: /^VIP lounge/ }).getAttribute('aria-current')).toBe(
    'true',
  );
  await legacyId.fill('999');
  await lookup.getByRole('button', { name: 'Find' }).click();
  await expect
    .poll(() => lookup.getByRole('alert').textContent())
    .toBe('No user group with legacy id 999.');
  expect(await legacyId.getAttribute('aria-invalid')).toBe('true');
  expect(await lookup.getByRole('status').textContent()).toBe('');
  await expectAxeClean(page, 'a legacy id that is not there');
  expect(errors).toEqual([]);
  await close();
});

it('removes the members matching a search (asking with their count), and exports with options', async () => {
  const oracle = createGroupsEngine();
  const { added } = oracle.addUserGroupMembers('beta', { branch_ids: ['berlin'] });
  const { removed, memberCount } = oracle.removeUserGroupMembers('beta', {
    user_filters: { search: 'liskov' },
  });
  expect([added, removed, memberCount]).toEqual([16, 3, 13]);

  const { page, errors, close } = await openConsole(browser, 'admin@groupkit.test');
  await page.getByRole('button', { name: 'Manage Beta testers' }).click();
  const panel = page.getByRole('region', { name: 'Beta testers beta' });
  const add = panel.getByRole('form', { name: 'Add members to Beta testers' });
  await add.getByRole('textbox', { name: 'Branch ids' }).fill('berlin');
  await add.getByRole('button', { name: 'Add members' }).click();
  await expect
    .poll(() => add.getByRole('status').textContent())
    .toBe(`Added ${added}; 0 were members already.`);

  // The button appears with the search, counting what the table shows, and asks first.
  await panel.getByRole('searchbox', { name: 'Search members' }).fill('liskov');
  const caption = panel.locator('caption').filter({ hasText: 'members of Beta testers' });
  await expect.poll(() => caption.textContent()).toBe('3 members of Beta testers (page 1 of 1)');
  await panel.getByRole('button', { name: 'Remove matching (3)' }).click();
  const question = panel.getByRole('group', {
    name: 'Remove 3 members matching “liskov” from “Beta testers”?',
  });
  await expectAxeClean(page, 'asking before removing the members matching a search');
  await question.getByRole('button', { name: 'Yes, remove 3' }).click();
  await expect
    .poll(() => panel.getByText(/^Removed \d+ members/).textContent())
    .toBe(`Removed ${removed} members; ${memberCount} left.`);
  await expect.poll(() => caption.textContent()).toBe('0 members of Beta testers (page 1 of 1)');
  // The button that was used is disabled now: focus waits at the members heading.
  expect(await focused(page)).toBe('Members');
  expect(await panel.getByRole('button', { name: 'Remove matching (0)' }).isDisabled()).toBe(true);

  // Export options: no email column, semicolons, no header row.
  await panel.getByRole('searchbox', { name: 'Search members' }).fill('');
  const exporter = panel.getByRole('form', { name: 'Export Beta testers' });
  const options = exporter.getByRole('button', { name: 'Export options' });
  await options.click();
  expect(await options.getAttribute('aria-expanded')).toBe('true');
  await exporter.getByRole('checkbox', { name: 'Email' }).uncheck();
  await exporter.getByRole('checkbox', { name: 'Header row' }).uncheck();
  await exporter
    .getByRole('combobox', { name: 'Delimiter' })
    .selectOption({ label: 'Semicolon (;)' });
  await expectAxeClean(page, 'the export options open');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exporter.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv).toBe(
    oracle.exportUserGroupMembers('beta', {
      email: 'false',
      include_header: 'false',
      delimiter: ';',
    }).csv,
  );
  expect(csv.split('\r\n')[0]).toMatch(/^[^;]+;[^;]+;[^;]+$/);

  // With every column off there is nothing to export: said next to the boxes, button off.
  for (const column of ['Username', 'First name', 'Last name']) {
    await exporter.getByRole('checkbox', { name: column }).uncheck();
  }
  await expect
    .poll(() => exporter.getByRole('status').textContent())
    .toBe('Choose at least one column.');
  expect(await exporter.getByRole('button', { name: 'Download CSV' }).isDisabled()).toBe(true);

  await page.screenshot({ path: screenshot('adminGroupTools'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});
