import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectFocusVisible, expectReflowAt320, screenshot, tabTo } from './pageChecks';
import { signIn, withSession } from './signIn';

// The console's busiest pages on a 320 px wide screen, each with its panels open: no axe
// violation, no sideways scrolling of the page (WCAG 1.4.10), and a keyboard path (Tab to a
// control, Enter or Space on it, focus where it should be and visible). On every target: the
// demo's console on the mock (`e2e`), and the console the server serves (`e2e:server`).
const consoleUrl = inject('consoleUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const nav = (page: Page) => page.getByRole('navigation', { name: 'Console pages' });
const goTo = (page: Page, name: string) => nav(page).getByRole('link', { name }).click();
/** What has focus, by its accessible text. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? null);

const UK = { type: 'attribute', payload: { field: 'country', op: 'eq', value: 'UK' } };
const INACTIVE = { type: 'status', payload: { status: 'inactive' } };

it.skipIf(consoleUrl === '')(
  'the groups page at 320 px: a rule set with its history (who saved each version), members, codes with one open, automations; opened by keyboard',
  async () => {
    const { page, errors, close } = await openPage(browser, consoleUrl);
    await page.setViewportSize({ width: 320, height: 720 });
    await signIn(page, 'admin@groupkit.test');
    // An automatic group with two rule-set versions, both saved by this operator.
    const created = await withSession(page, 'POST', '/user-groups', {
      slug: 'narrow-rules',
      name: 'Narrow rules',
      type: 'automatic',
      ruleset: { operator: 'OR', sets: [{ rules: [UK] }] },
    });
    expect(created.status).toBe(201);
    const changed = await withSession(page, 'PUT', '/user-groups/narrow-rules', {
      ruleset: { operator: 'OR', sets: [{ rules: [UK] }, { rules: [INACTIVE] }] },
    });
    expect(changed.status).toBe(200);
    await page.reload();

    // By keyboard: Tab to its Manage button, Enter opens the group.
    const manage = page.getByRole('button', { name: 'Manage Narrow rules' });
    await manage.waitFor();
    await tabTo(page, manage);
    await expectFocusVisible(manage);
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Narrow rules narrow-rules' });
    await panel.waitFor();
    expect(await manage.getAttribute('aria-pressed')).toBe('true');
    await expectFocusVisible(manage);

    // The rule set, and its history naming who saved each version.
    await panel.getByRole('form', { name: 'Rule set of Narrow rules' }).waitFor();
    const history = panel.getByRole('table', { name: 'Conditions history' });
    await expect.poll(() => history.getByTestId('history-row').count()).toBe(2);
    const by = await history.getByRole('columnheader').allTextContents();
    const byColumn = by.indexOf('By');
    expect(byColumn).toBeGreaterThan(0);
    // Column 0 is the row header (the version); cells count from column 1.
    const namedBy = await history
      .getByTestId('history-row')
      .evaluateAll(
        (rows, column) => rows.map((row) => row.children[column]?.textContent),
        byColumn,
      );
    expect(namedBy).toEqual(['admin@groupkit.test', 'admin@groupkit.test']);
    await panel.getByRole('table', { name: /^\d+ members of Narrow rules / }).waitFor();
    await page.getByRole('heading', { name: 'Automations', level: 2 }).waitFor();
    await expectReflowAt320(page, 'the groups page: a rule set with its history, and members');
    await page.screenshot({ path: screenshot('consoleGroupRules320'), fullPage: true });

    // A manual group, by keyboard too (Space this time): its codes, one of them open.
    const vip = page.getByRole('button', { name: 'Manage VIP lounge' });
    await tabTo(page, vip);
    await expectFocusVisible(vip);
    await page.keyboard.press('Space');
    const vipPanel = page.getByRole('region', { name: 'VIP lounge vip' });
    await vipPanel.waitFor();
    const codes = vipPanel.getByRole('table', { name: /^\d+ codes? of VIP lounge$/ });
    const code = codes.getByRole('button', { name: 'VIP-0001' });
    await code.waitFor();
    await tabTo(page, code);
    await expectFocusVisible(code);
    await page.keyboard.press('Enter');
    // The code opens below the table, and focus moves to it.
    await vipPanel.getByRole('region', { name: 'Code VIP-0001', exact: true }).waitFor();
    await expect.poll(() => focused(page)).toBe('Code VIP-0001');
    expect(await code.getAttribute('aria-expanded')).toBe('true');
    await vipPanel.getByRole('heading', { name: 'Members', level: 3 }).waitFor();
    await expectReflowAt320(page, 'the groups page: codes with one open, members, automations');
    await page.screenshot({ path: screenshot('consoleGroupCodes320'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  },
  90_000,
);

it.skipIf(consoleUrl === '')(
  'Operators and Settings with API keys at 320 px, each operated by keyboard',
  async () => {
    const { page, errors, close } = await openPage(browser, consoleUrl);
    await page.setViewportSize({ width: 320, height: 720 });
    await signIn(page, 'owner@groupkit.test');

    // Operators: Tab to Remove, Enter asks first (focus on the confirmation), Escape backs out.
    await goTo(page, 'Operators');
    const operators = page.getByRole('table', { name: /^\d+ operators$/ });
    const remove = operators.getByRole('button', { name: 'Remove support@groupkit.test' });
    await remove.waitFor();
    await expectReflowAt320(page, 'the operators page');
    await tabTo(page, remove);
    await expectFocusVisible(remove);
    await page.keyboard.press('Enter');
    const confirm = operators.getByRole('button', { name: 'Yes, remove' });
    await expect.poll(() => confirm.evaluate((b) => b === document.activeElement)).toBe(true);
    await expectFocusVisible(confirm);
    await expectReflowAt320(page, 'the operators page, asking before a removal');
    await page.screenshot({ path: screenshot('consoleOperators320'), fullPage: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => remove.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(
      await operators.getByRole('row').filter({ hasText: 'support@groupkit.test' }).count(),
    ).toBe(1);

    // Settings: the project's settings and its API keys; Space makes a key, shown once.
    await goTo(page, 'Settings');
    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByRole('table', { name: /^\d+ keys?$/ }).waitFor();
    await page.getByRole('form', { name: 'Project settings' }).waitFor();
    await expectReflowAt320(page, 'the settings page with its API keys');
    const make = keys.getByRole('button', { name: 'Make a key' });
    await tabTo(page, make);
    await expectFocusVisible(make);
    await page.keyboard.press('Space');
    const shown = page.getByTestId('one-time-key');
    await shown.waitFor();
    // Focus moves to the new key's panel, whose heading names it (its first characters are
    // base64url: `-` too, which `\w` missed in about one run in 16).
    await expect.poll(() => focused(page)).toMatch(/^New secret key sk_live_[\w-]{4}…$/);
    await expectReflowAt320(page, 'a new API key, shown once');
    await page.screenshot({ path: screenshot('consoleSettings320'), fullPage: true });
    const done = page.getByRole('button', { name: 'Done' });
    await tabTo(page, done);
    await expectFocusVisible(done);
    await page.keyboard.press('Enter');
    expect(await shown.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('API keys');
    expect(errors).toEqual([]);
    await close();
  },
  90_000,
);
