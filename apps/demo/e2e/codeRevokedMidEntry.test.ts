import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectAxeClean, screenshot } from './pageChecks';
import { DEMO_PASSWORD } from './signIn';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/**
 * The admin's revocation, sent from the user's own tab. The mock API (engine and MSW
 * handlers) lives in the tab: another tab is another world, and the console route would
 * unmount the half-typed form. These are the requests the console sends: an admin signs in
 * (the session cookie stays in the tab, so the console later finds them signed in), then
 * "Revoke code" is `PATCH …/codes/{codeId}` with the session's CSRF token.
 */
function revokeFromAdmin(page: Page, group: string, code: string) {
  return page.evaluate(
    async ({ group, code, password }) => {
      const api = 'https://api.groupkit.dev/v1';
      const json = { 'content-type': 'application/json' };
      const session = await fetch(`${api}/operator-session`, {
        method: 'POST',
        credentials: 'include',
        headers: json,
        body: JSON.stringify({ email: 'admin@groupkit.test', password }),
      });
      const { csrfToken } = (await session.json()) as { csrfToken: string };
      const base = `${api}/user-groups/${group}/codes`;
      const { data } = (await (await fetch(base, { credentials: 'include' })).json()) as {
        data: { id: string; code: string }[];
      };
      const target = data.find((c) => c.code === code);
      if (!target) throw new Error(`No code ${code} in ${group}.`);
      const response = await fetch(`${base}/${target.id}`, {
        method: 'PATCH',
        credentials: 'include',
        headers: { ...json, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ active: false }),
      });
      const body = (await response.json()) as { code: { status: string } };
      return { status: response.status, codeStatus: body.code.status };
    },
    { group, code, password: DEMO_PASSWORD },
  );
}

const yourGroups = (page: Page) =>
  page.getByRole('list', { name: 'Your groups' }).getByRole('listitem');

/** The Beta testers row of the directory, its code form opened. */
async function openBetaCodeForm(page: Page) {
  const beta = page
    .getByRole('list', { name: 'All groups' })
    .getByRole('listitem')
    .filter({ hasText: 'Beta testers' });
  await beta.getByRole('button', { name: 'Have a code?' }).click();
  const input = beta.getByRole('textbox', { name: 'Group code' });
  // The form takes focus as it opens: the user can type at once.
  await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
  return { beta, input };
}

it('a code revoked while Ada types it: she is told it was switched off and stays out; restored in the console, it works', async () => {
  const { page, errors, close } = await openPage(browser, inject('demoUrl'));
  // The first load starts the mock service worker and its engine: wait for her groups.
  await yourGroups(page).first().waitFor();
  const { beta, input } = await openBetaCodeForm(page);
  await input.pressSequentially('BETA-20');

  // Halfway through her typing, an admin switches the code off (it leaked).
  expect(await revokeFromAdmin(page, 'beta', 'BETA-2026')).toEqual({
    status: 200,
    codeStatus: 'revoked',
  });

  await input.pressSequentially('26');
  await beta.getByRole('button', { name: 'Join' }).click();
  await expect
    .poll(() => beta.getByRole('alert').textContent())
    .toBe('This code has been switched off.');
  // She is not a member: not in her groups, and the directory still offers the code form.
  expect(await yourGroups(page).allTextContents()).not.toContainEqual(
    expect.stringContaining('Beta testers'),
  );
  expect(await beta.getByRole('button', { name: 'Have a code?' }).count()).toBe(1);
  expect(await input.inputValue()).toBe('BETA-2026');
  await expectAxeClean(page, 'a revoked code refused in the directory');
  await page.screenshot({ path: screenshot('codeRevokedMidEntry'), fullPage: true });

  // The console shows what happened, and restores the code.
  await page
    .getByRole('navigation', { name: 'Demo sections' })
    .getByRole('link', { name: 'Admin console' })
    .click();
  // Still signed in from the revocation: the session cookie outlives the route change.
  await expect
    .poll(() => page.getByTestId('operator-email').textContent())
    .toBe('admin@groupkit.test');
  await page.getByRole('button', { name: 'Manage Beta testers' }).click();
  const panel = page.getByRole('region', { name: 'Beta testers beta' });
  const row = panel
    .getByRole('table', { name: /^\d+ codes? of Beta testers$/ })
    .getByRole('row')
    .filter({ hasText: 'BETA-2026' });
  await row.waitFor();
  await expect
    .poll(() => row.getByRole('cell').allTextContents())
    .toEqual(['shared', 'revoked', '0 (no limit)', expect.any(String)]);
  await row.getByRole('button', { name: 'BETA-2026' }).click();
  const details = panel.getByRole('region', { name: 'Code BETA-2026' });
  await details.getByRole('button', { name: 'Restore code' }).click();
  await expect
    .poll(() => details.getByRole('status').textContent())
    .toBe('Restored BETA-2026: it can be redeemed again.');
  await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toBe('active');
  // The button flipped in place: focus is still on it, now offering the opposite.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Revoke code');
  await expectAxeClean(page, 'a restored code in the console');

  // Back on her page, the same code now joins her.
  await page
    .getByRole('navigation', { name: 'Demo sections' })
    .getByRole('link', { name: 'App' })
    .click();
  const again = await openBetaCodeForm(page);
  await again.input.fill('BETA-2026');
  await again.input.press('Enter');
  await expect
    .poll(() => yourGroups(page).allTextContents())
    .toContain('Beta testersJoined with a codeLeave');
  await expectAxeClean(page, 'the restored code redeemed');
  expect(errors).toEqual([]);
  await close();
});
