import { createGroupsEngine } from '@groupkit/mock-api';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { expectAxeClean, screenshot } from './pageChecks';
import { openConsole } from './signIn';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const UK = { type: 'attribute', payload: { field: 'country', op: 'eq', value: 'UK' } } as const;
const INACTIVE = { type: 'status', payload: { status: 'inactive' } } as const;

it('creates an automatic group, recalculates it on a rule change, and downloads its members as CSV', async () => {
  // The oracle: the same engine and scenario in Node, given the same rule sets.
  const oracle = createGroupsEngine();
  const first = oracle.createUserGroup({
    slug: 'uk-or-inactive',
    name: 'UK or inactive',
    type: 'automatic',
    ruleset: { operator: 'OR', sets: [{ rules: [UK] }] },
  });
  const second = oracle.updateUserGroup('uk-or-inactive', {
    ruleset: { operator: 'OR', sets: [{ rules: [UK] }, { rules: [INACTIVE] }] },
  });
  expect([first.memberCount, second.memberCount]).toEqual([11, 16]);

  const { page, errors, close } = await openConsole(browser, 'admin@groupkit.test');
  await expect.poll(() => page.getByTestId('operator-role').textContent()).toBe('admin');
  await expect
    .poll(() => page.getByText(/^\d+ user groups/).textContent())
    .toMatch(/^13 user groups/);
  await expectAxeClean(page, 'the console on arrival');

  // Create: an automatic group with one rule set, `country eq UK`.
  await page.getByRole('button', { name: 'New group' }).click();
  const form = page.getByRole('form', { name: 'New user group' });
  await form.getByRole('textbox', { name: 'Slug', exact: true }).fill('uk-or-inactive');
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('UK or inactive');
  await form.getByRole('combobox', { name: 'Group type', exact: true }).selectOption('automatic');
  const newRule = form
    .getByRole('group', { name: /^Set 1/ })
    .getByRole('group', { name: 'Rule 1' });
  await newRule.getByRole('textbox', { name: 'Attribute', exact: true }).fill('country');
  await newRule.getByRole('combobox', { name: 'Operator', exact: true }).selectOption('eq');
  await newRule.getByRole('textbox', { name: 'Value', exact: true }).fill('UK');
  await expectAxeClean(page, 'the new group form with a rule set');
  await form.getByRole('button', { name: 'Create group' }).click();

  const panel = page.getByRole('region', { name: 'UK or inactive uk-or-inactive' });
  const population = panel.getByTestId('population');
  await expect.poll(() => population.textContent()).toBe('Population: 11 members');
  const history = panel.getByTestId('history-row');
  await expect
    .poll(() => history.allTextContents())
    .toEqual([expect.stringMatching(/^v1.*0 → 11/)]);

  // A bad rule is refused by the server, and the message lands on the rule that caused it.
  const editor = panel.getByRole('form', { name: 'Rule set of UK or inactive' });
  await editor.getByRole('button', { name: 'Add set' }).click();
  const added = editor
    .getByRole('group', { name: /^Set 2/ })
    .getByRole('group', { name: 'Rule 1' });
  await added.getByRole('textbox', { name: 'Attribute', exact: true }).fill('seats');
  await added.getByRole('combobox', { name: 'Operator', exact: true }).selectOption('gt');
  await added.getByRole('textbox', { name: 'Value', exact: true }).fill('many');
  await editor.getByRole('button', { name: 'Save rule set' }).click();
  await expect
    .poll(() => editor.getByRole('alert').textContent())
    .toBe('ruleset.sets[1].rules[0].payload.value: "gt" needs a number.');
  expect(
    await added.getByRole('textbox', { name: 'Value', exact: true }).getAttribute('aria-invalid'),
  ).toBe('true');
  await expectAxeClean(page, 'a rule set the server refused');

  // Change: OR `status is inactive`. The group is repopulated and a version logged.
  await added.getByRole('combobox', { name: 'Rule type', exact: true }).selectOption('status');
  await added.getByRole('combobox', { name: 'Status', exact: true }).selectOption('inactive');
  await editor.getByRole('button', { name: 'Save rule set' }).click();
  await expect.poll(() => population.textContent()).toBe('Population: 16 members');
  await expect
    .poll(() => history.allTextContents())
    .toEqual([expect.stringMatching(/^v2.*11 → 16/), expect.stringMatching(/^v1.*0 → 11/)]);
  expect(await editor.getByRole('alert').count()).toBe(0);
  // Who saved each version: the "By" column names the signed-in operator.
  const historyTable = panel.getByRole('table', { name: 'Conditions history' });
  expect(await historyTable.getByRole('columnheader').allTextContents()).toEqual([
    'Version',
    'Changed',
    'By',
    'Population',
    'Rules',
  ]);
  expect(
    await history.evaluateAll((rows) => rows.map((row) => row.children[2]?.textContent)),
  ).toEqual(['admin@groupkit.test', 'admin@groupkit.test']);

  // The CSV export, as a real download.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('uk-or-inactive-members.csv');
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv).toBe(oracle.exportUserGroupMembers('uk-or-inactive').csv);
  const rows = csv.trim().split('\r\n');
  expect(rows[0]).toBe('userid,firstname,lastname,email');
  expect(rows).toHaveLength(1 + 16);
  expect(rows).toContain('ada.lovelace,Ada,Lovelace,ada.lovelace@example.com');

  await expectAxeClean(page, 'the group panel after a rule change');
  await page.screenshot({ path: screenshot('admin'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});

it('manages a manual group’s codes and members, upserts a user, and creates an automation', async () => {
  const oracle = createGroupsEngine();
  const { added } = oracle.addUserGroupMembers('beta', {
    user_ids: ['u_ada', 'u_grace'],
    branch_ids: ['berlin'],
  });

  const { page, errors, close } = await openConsole(browser, 'admin@groupkit.test');
  await page.getByRole('button', { name: 'Manage Beta testers' }).click();
  const panel = page.getByRole('region', { name: 'Beta testers beta' });

  // Codes: a taken code is refused next to the form; a batch of single-use codes is listed.
  const codes = panel.getByRole('form', { name: 'Generate codes for Beta testers' });
  await codes.getByRole('textbox', { name: 'Code (generated when empty)' }).fill('beta-2026');
  await codes.getByRole('button', { name: 'Generate' }).click();
  await expect
    .poll(() => codes.getByRole('alert').textContent())
    .toBe('code: "BETA-2026" already exists (codes ignore case); choose another.');
  await codes.getByRole('radio', { name: 'Single-use codes' }).check();
  await codes.getByRole('spinbutton', { name: 'How many' }).fill('3');
  await codes.getByRole('textbox', { name: 'Prefix (optional)' }).fill('SPRING-');
  await codes.getByRole('button', { name: 'Generate' }).click();
  await expect
    .poll(() => codes.getByRole('status').textContent())
    .toMatch(/^Generated 3 codes: SPRING-/);
  const codeRows = panel.getByRole('table', { name: '4 codes of Beta testers' }).getByRole('row');
  await expect.poll(() => codeRows.count()).toBe(1 + 4);
  expect(await codeRows.nth(2).textContent()).toMatch(
    /^SPRING-\w{10}single-useactive0 of 1always$/,
  );

  // Members: add by ids and branch, search, remove one, sort, remove all.
  const add = panel.getByRole('form', { name: 'Add members to Beta testers' });
  await add.getByRole('textbox', { name: 'User ids' }).fill('u_ada, u_grace');
  await add.getByRole('textbox', { name: 'Branch ids' }).fill('berlin');
  await add.getByRole('button', { name: 'Add members' }).click();
  await expect
    .poll(() => add.getByRole('status').textContent())
    .toBe(`Added ${added}; 0 were members already.`);
  const caption = panel.locator('caption').filter({ hasText: 'members of Beta testers' });
  await expect
    .poll(() => caption.textContent())
    .toBe(`${added} members of Beta testers (page 1 of 1)`);
  await panel.getByRole('searchbox', { name: 'Search members' }).fill('lovelace');
  await panel.getByRole('checkbox', { name: 'Select Ada Lovelace (u_ada)' }).check();
  await panel.getByRole('button', { name: 'Remove selected (1)' }).click();
  // Cleared at once, while the removal is on its way: its answer must not take the focus
  // (and so the typing) away from the search box.
  await panel.getByRole('searchbox', { name: 'Search members' }).fill('');
  await expect
    .poll(() => caption.textContent())
    .toBe(`${added - 1} members of Beta testers (page 1 of 1)`);
  await panel.getByRole('button', { name: 'Email' }).click();
  expect(await panel.getByRole('columnheader', { name: 'Email' }).getAttribute('aria-sort')).toBe(
    'ascending',
  );
  await panel.getByRole('button', { name: 'Remove all' }).click();
  await expectAxeClean(page, 'a manual group, asking before removing every member');
  await panel.getByRole('button', { name: 'Yes, remove all' }).click();
  await expect.poll(() => caption.textContent()).toBe('0 members of Beta testers (page 1 of 1)');

  // Upsert: a JSON mistake is caught before sending; then the user is created in beta.
  const upsert = page.getByRole('form', { name: 'Upsert user' });
  await upsert.getByRole('textbox', { name: 'User id' }).fill('u_edsger');
  await upsert.getByRole('textbox', { name: /^Attributes/ }).fill('{"country": "UK"');
  await upsert.getByRole('button', { name: 'Save user' }).click();
  await expect
    .poll(() => upsert.getByRole('alert').textContent())
    .toMatch(/^Attributes: not valid JSON/);
  await upsert.getByRole('textbox', { name: /^Attributes/ }).fill('{"country": "UK"}');
  await upsert.getByRole('textbox', { name: /^Groups/ }).fill('beta');
  await upsert.getByRole('checkbox', { name: /^Prune memberships/ }).check();
  await upsert.getByRole('button', { name: 'Save user' }).click();
  const upserted = page.getByRole('region', { name: 'Upsert user' }).getByRole('status');
  await expect
    .poll(() => upserted.textContent())
    .toBe(
      'Created u_edsger (no name, u_edsger@example.com). Pruned: none.Groups now: beta (admin), uk-users (rule).',
    );

  // Automations: create one; the run log filters by user (and names an unknown one).
  const automation = page.getByRole('form', { name: 'New automation' });
  await automation.getByRole('textbox', { name: 'Name', exact: true }).fill('Beta welcome');
  await automation.getByRole('textbox', { name: 'Group (slug or id)' }).fill('beta');
  await automation.getByRole('textbox', { name: 'And is then not in (slugs)' }).fill('staff');
  await automation.getByRole('textbox', { name: 'Template' }).fill('beta-welcome');
  await automation.getByRole('button', { name: 'Create automation' }).click();
  await expect
    .poll(() => automation.getByRole('status').textContent())
    .toBe('Created “Beta welcome”.');
  const automationRows = page.getByRole('table', { name: /^\d+ automations$/ }).getByRole('row');
  await expect
    .poll(() => automationRows.last().textContent())
    .toBe('Beta welcomeadded to beta—staffemail beta-welcomeOnEditDelete');
  // Edit it: renamed and switched off; focus comes back to its Edit button.
  await page.getByRole('button', { name: 'Edit Beta welcome' }).click();
  const edit = page.getByRole('form', { name: 'Edit automation “Beta welcome”' });
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent))
    .toBe('Edit automation');
  await edit.getByRole('textbox', { name: 'Name', exact: true }).fill('Beta hello');
  await edit.getByRole('checkbox', { name: /^Enabled/ }).uncheck();
  await edit.getByRole('button', { name: 'Save automation' }).click();
  await expect
    .poll(() => automationRows.last().textContent())
    .toBe('Beta helloadded to beta—staffemail beta-welcomeOffEditDelete');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
    .toBe('Edit Beta hello');
  // Switched on from its row, then deleted (asked first).
  await page.getByRole('checkbox', { name: 'Enabled: Beta hello' }).check();
  await expect
    .poll(() => automationRows.last().textContent())
    .toBe('Beta helloadded to beta—staffemail beta-welcomeOnEditDelete');
  const count = await automationRows.count();
  await page.getByRole('button', { name: 'Delete Beta hello' }).click();
  await page.getByRole('button', { name: 'Delete automation' }).click();
  await expect.poll(() => automationRows.count()).toBe(count - 1);
  const runs = page.getByRole('form', { name: 'Filter the run log' });
  await runs.getByRole('textbox', { name: 'Runs of user' }).fill('u_nobody');
  await runs.getByRole('button', { name: 'Filter' }).click();
  await expect.poll(() => page.getByText('No user "u_nobody".').count()).toBe(1);
  await runs.getByRole('textbox', { name: 'Runs of user' }).fill('u_alan');
  await runs.getByRole('button', { name: 'Filter' }).click();
  await expect
    .poll(() => page.getByRole('table', { name: /runs/ }).locator('caption').textContent())
    .toBe('0 runs for u_alan, newest first');

  await expectAxeClean(page, 'after codes, members, a user and an automation');
  await page.screenshot({ path: screenshot('adminManualGroup'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});
