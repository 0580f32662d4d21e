import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectAxeClean, screenshot } from './pageChecks';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

// The code-defined onboarding; the server-defined Plus tour (`.demo-tour`) has its own tests.
const onboarding = (page: Page) => page.locator('section.groupkit-onboarding:not(.demo-tour)');
const stepHeading = (page: Page) => onboarding(page).locator('.groupkit-onboarding-title');

async function signInAs(page: Page, userId: string) {
  await page.getByRole('combobox', { name: 'Signed in as' }).selectOption(userId);
}

async function redeem(page: Page, code: string) {
  const input = onboarding(page).getByLabel('Group code');
  await input.fill(code);
  await input.press('Enter');
}

it('Ada onboards: toggles the newsletter, meets code errors, reloads mid-flow, redeems BETA-2026', async () => {
  const { page, errors, close } = await openPage(browser, inject('demoUrl'));
  await expect.poll(() => stepHeading(page).textContent()).toBe('Welcome to Acme Co.');
  await expectAxeClean(page, 'welcome step');

  await onboarding(page).getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => stepHeading(page).textContent()).toBe('Choose your groups');
  // Focus follows the step, for keyboard and screen-reader users.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Choose your groups');

  const newsletter = onboarding(page).getByRole('switch', { name: 'Product newsletter' });
  await newsletter.click();
  await expect.poll(() => newsletter.getAttribute('aria-checked')).toBe('true');
  await expect.poll(() => newsletter.getAttribute('aria-busy')).not.toBe('true');
  await newsletter.click();
  await expect.poll(() => newsletter.getAttribute('aria-checked')).toBe('false');
  await expect.poll(() => newsletter.getAttribute('aria-busy')).not.toBe('true');
  await expectAxeClean(page, 'choose-groups step');

  await onboarding(page).getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => stepHeading(page).textContent()).toBe('Have an invite code?');
  await redeem(page, 'NOPE-0000');
  await expect
    .poll(() => onboarding(page).getByRole('alert').allTextContents())
    .toContain('This code is not valid. Check it for typos.');
  await redeem(page, 'EARLY-2025');
  await expect
    .poll(() => onboarding(page).getByRole('alert').allTextContents())
    .toContain('This code has expired.');
  await expectAxeClean(page, 'code step with an error');

  // Reload in the middle of the flow: the same step, the same memberships.
  await page.reload();
  await expect.poll(() => stepHeading(page).textContent()).toBe('Have an invite code?');
  expect(await onboarding(page).textContent()).toContain('Step 3 of 4');

  await redeem(page, 'beta-2026');
  await expect
    .poll(() => onboarding(page).getByRole('status').allTextContents())
    .toContain('You joined Beta testers.');
  await onboarding(page).getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => stepHeading(page).textContent()).toBe('You’re all set');
  const joined = onboarding(page).getByRole('list');
  await expect
    .poll(() => joined.getByRole('listitem').allTextContents())
    .toEqual([expect.stringContaining('Beta testers')]);
  await expectAxeClean(page, 'done step');
  await page.screenshot({ path: screenshot('journeyAda'), fullPage: true });

  await onboarding(page).getByRole('button', { name: 'Finish' }).click();
  await expect.poll(() => onboarding(page).count()).toBe(0);
  // The rest of the page agrees: Ada is in beta, not in the newsletter.
  const myGroups = page.getByRole('list', { name: 'Your groups' });
  await expect
    .poll(() => myGroups.getByRole('listitem').allTextContents())
    .toContain('Beta testersJoined with a codeLeave');
  expect(await myGroups.textContent()).not.toContain('Product newsletter');
  expect(errors).toEqual([]);
  await close();
});

it('a single-use code: Grace redeems VIP-0001, then Alan is told it is already used', async () => {
  const { page, errors, close } = await openPage(browser, inject('demoUrl'));
  for (const [userId, message] of [
    ['u_grace', 'You joined VIP lounge.'],
    ['u_alan', 'This code has already been used.'],
  ] as const) {
    await signInAs(page, userId);
    await expect.poll(() => stepHeading(page).textContent()).toBe('Welcome to Acme Co.');
    await onboarding(page).getByRole('button', { name: 'Next' }).click();
    await onboarding(page).getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => stepHeading(page).textContent()).toBe('Have an invite code?');
    await redeem(page, 'VIP-0001');
    await expect
      .poll(async () => [
        ...(await onboarding(page).getByRole('status').allTextContents()),
        ...(await onboarding(page).getByRole('alert').allTextContents()),
      ])
      .toContain(message);
  }
  await expectAxeClean(page, 'already used');
  await page.screenshot({ path: screenshot('journeySingleUseCode'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});

it('shows Plus perks only to Plus members who are not Pro', async () => {
  const { page, errors, close } = await openPage(browser, inject('demoUrl'));
  const perks = page.getByRole('region', { name: 'Plus perks' });
  await expect.poll(() => stepHeading(page).textContent()).toBe('Welcome to Acme Co.');
  expect(await perks.count()).toBe(0); // Ada is Pro
  await signInAs(page, 'u_grace');
  await perks.waitFor();
  await expectAxeClean(page, 'plus perks');
  await page.screenshot({ path: screenshot('journeyPlusPerks'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});
