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

/** The playground's parts, found the way a user of assistive technology would. */
function playground(page: Page) {
  const outcome = page.getByTestId('outcome');
  return {
    changes: page.getByRole('textbox', { name: 'Changes' }),
    check: page.locator('.demo-play-check'),
    preview: page.getByRole('button', { name: 'Preview (dry run)' }),
    apply: page.getByRole('button', { name: 'Apply' }),
    adasGroups: page.getByRole('list', { name: 'Ada Lovelace’s groups' }).getByRole('listitem'),
    heading: outcome.getByRole('heading', { level: 2 }),
    automations: outcome.getByRole('list', { name: 'Automations' }).getByRole('listitem'),
    noAutomations: outcome.getByTestId('no-automations'),
  };
}

/**
 * Clicks something that reloads the page, and waits for the playground to be back. A reload
 * keeps the mock's data and so the operator's session; a reset or another scenario starts a
 * new mock world without it, so the admin signs in again (`signInAgain`).
 */
async function reloadingClick(
  page: Page,
  click: () => Promise<void>,
  { signInAgain = false }: { signInAgain?: boolean } = {},
) {
  await Promise.all([page.waitForEvent('load'), click()]);
  if (signInAgain) await signIn(page, 'admin@groupkit.test');
  await page
    .getByRole('list', { name: 'Ada Lovelace’s groups' })
    .getByRole('listitem')
    .first()
    .waitFor();
}

const slugsOf = async (items: ReturnType<typeof playground>['adasGroups']) =>
  (await items.allTextContents()).map((text) => text.split(' ')[0]);

it('fires different automations for -pro,+plus and +plus,-pro; data survives a reload until reset', async () => {
  const { page, errors, close } = await openPage(browser, `${inject('demoUrl')}#/playground`);
  const ui = playground(page);
  // It changes any user's groups: an admin signs in first (the console's session).
  await signIn(page, 'admin@groupkit.test');
  // The first load starts the mock service worker and its engine: wait for the list itself.
  await ui.adasGroups.first().waitFor();
  await expect
    .poll(() => slugsOf(ui.adasGroups))
    .toEqual(['customer', 'pro', 'power-admins', 'uk-users']);

  // Checked live, before anything is sent.
  await ui.changes.fill('pro');
  await expect
    .poll(() => ui.check.textContent())
    // (The e2e build runs with the test process's NODE_ENV, so it shows the fix-it advice.)
    .toBe('Op 0: op 0 ("pro") has no sign. Write "+pro" to add or "-pro" to remove.');
  expect(await ui.changes.getAttribute('aria-invalid')).toBe('true');
  expect(await ui.preview.isDisabled()).toBe(true);
  await expectAxeClean(page, 'invalid changes');

  await ui.changes.fill('-pro,+plus');
  await expect.poll(() => ui.check.textContent()).toBe('2 ops: remove pro, then add plus.');
  await ui.preview.click();
  await expect.poll(() => ui.heading.textContent()).toBe('Preview: -pro,+plus for Ada Lovelace');
  expect(await ui.automations.allTextContents()).toEqual([
    'Pro cancellation survey (op 0)',
    'Welcome to Plus (op 1)',
  ]);
  // A dry run changes nothing.
  expect(await slugsOf(ui.adasGroups)).toEqual(['customer', 'pro', 'power-admins', 'uk-users']);
  await expectAxeClean(page, 'a preview');

  await ui.apply.click();
  await expect.poll(() => ui.heading.textContent()).toBe('Applied: -pro,+plus for Ada Lovelace');
  expect(await ui.automations.allTextContents()).toEqual([
    'Pro cancellation survey (op 0)',
    'Welcome to Plus (op 1)',
  ]);
  await expect
    .poll(() => slugsOf(ui.adasGroups))
    .toEqual(['customer', 'power-admins', 'uk-users', 'plus']);

  // Reload mid-flow: the mock's data is persisted, so Ada is still on Plus.
  await reloadingClick(page, async () => {
    await page.reload();
  });
  await expect
    .poll(() => slugsOf(ui.adasGroups))
    .toEqual(['customer', 'power-admins', 'uk-users', 'plus']);

  // Reset restores the scenario: Ada is on Pro again, and the other order fires nothing.
  await reloadingClick(page, () => page.getByRole('button', { name: 'Reset demo data' }).click(), {
    signInAgain: true,
  });
  await expect
    .poll(() => slugsOf(ui.adasGroups))
    .toEqual(['customer', 'pro', 'power-admins', 'uk-users']);
  await ui.changes.fill('+plus,-pro');
  await ui.preview.click();
  await expect.poll(() => ui.heading.textContent()).toBe('Preview: +plus,-pro for Ada Lovelace');
  expect(await ui.noAutomations.textContent()).toBe('No automations would fire.');
  expect(await ui.automations.count()).toBe(0);
  await expectAxeClean(page, 'a preview that fires nothing');

  await page.screenshot({ path: screenshot('orderedChanges'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});

it('the dev toolbar switches the scenario (saved in localStorage) and resets it', async () => {
  const { page, errors, close } = await openPage(browser, `${inject('demoUrl')}#/playground`);
  const ui = playground(page);
  await signIn(page, 'admin@groupkit.test');
  await ui.adasGroups.first().waitFor();
  await expect
    .poll(() => slugsOf(ui.adasGroups))
    .toEqual(['customer', 'pro', 'power-admins', 'uk-users']);

  const toolbar = page.getByRole('complementary', { name: 'Mock API' });
  await toolbar.getByText('Mock API').click();
  await toolbar.getByRole('combobox', { name: 'Scenario' }).selectOption('empty');
  await toolbar.getByRole('spinbutton', { name: 'Max' }).fill('20');
  await expectAxeClean(page, 'the dev toolbar, open');
  await page.screenshot({ path: screenshot('devToolbar') });

  await Promise.all([
    page.waitForEvent('load'),
    toolbar.getByRole('button', { name: 'Apply and reload' }).click(),
  ]);
  expect(
    JSON.parse((await page.evaluate(() => localStorage.getItem('groupkit-demo:mock'))) ?? ''),
  ).toEqual({
    scenario: 'empty',
    latency: { min: 0, max: 20 },
    faults: { serverError: 0, networkError: 0, rateLimit: 0 },
  });
  // The empty scenario: Ada exists, in no user group (and its operators are the demo's).
  await signIn(page, 'admin@groupkit.test');
  await page.getByRole('heading', { name: 'Ada Lovelace’s groups now' }).waitFor();
  await expect.poll(() => ui.adasGroups.count()).toBe(0);
  await ui.changes.fill('+pro');
  await ui.preview.click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe('op 0: no user group "pro".');

  await page.getByRole('complementary', { name: 'Mock API' }).getByText('Mock API').click();
  await toolbar.getByRole('combobox', { name: 'Scenario' }).selectOption('default');
  await reloadingClick(
    page,
    () => toolbar.getByRole('button', { name: 'Apply and reload' }).click(),
    { signInAgain: true },
  );
  await expect
    .poll(() => slugsOf(ui.adasGroups))
    .toEqual(['customer', 'pro', 'power-admins', 'uk-users']);
  expect(errors).toEqual([]);
  await close();
});
