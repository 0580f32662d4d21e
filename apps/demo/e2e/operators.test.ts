import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectAxeClean, screenshot } from './pageChecks';
import { DEMO_PASSWORD, signIn, withSession } from './signIn';

// The same test on every target: the demo's console on the mock (`e2e`), and the console
// the server serves at /admin/ (`e2e:server`). The setup says where the console and its API
// are: `consoleUrl` ends where the console's hash routes start (`…#/admin`, `…/admin/#`).
const consoleUrl = inject('consoleUrl');
const apiUrl = inject('apiUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** The text of whatever has focus: where a keyboard or screen-reader user now is. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? null);

/** Wider than the viewport means sideways scrolling for the whole page (WCAG 1.4.10 reflow). */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

const nav = (page: Page) => page.getByRole('navigation', { name: 'Console pages' });
const goTo = (page: Page, name: string) => nav(page).getByRole('link', { name }).click();
const signInForm = (page: Page) => page.getByRole('form', { name: 'Sign in' });

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInForm(page).waitFor();
}

it.skipIf(consoleUrl === '')(
  'an owner adds a support operator, who adds Alan to VIP lounge but cannot edit a rule set; the audit log names both; sign-out ends the session',
  async () => {
    const { page, errors, close } = await openPage(browser, consoleUrl);

    // Signed out: the sign-in page, and a wrong password refused where it is read at once.
    const form = signInForm(page);
    await form.waitFor();
    await expectAxeClean(page, 'the sign-in page');
    await form.getByRole('textbox', { name: 'Email' }).fill('owner@groupkit.test');
    await form.getByLabel('Password').fill('not-the-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => focused(page)).toBe('Wrong email or password.');
    expect(await form.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await page.setViewportSize({ width: 320, height: 720 });
    await expectAxeClean(page, 'a refused sign-in, 320 px wide');
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: screenshot('signInRefused320'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The owner adds Sam as support: the API makes a password, shown this once.
    await signIn(page, 'owner@groupkit.test');
    expect(await page.getByTestId('operator-role').textContent()).toBe('owner');
    expect(await nav(page).getByRole('link').allTextContents()).toEqual([
      'User groups',
      'Users',
      'Audiences',
      'Onboarding flows',
      'Audit log',
      'Operators',
      'Settings',
    ]);
    await goTo(page, 'Operators');
    await expect.poll(() => focused(page)).toBe('Operators');
    const add = page.getByRole('form', { name: 'Add an operator' });
    await add.getByRole('textbox', { name: 'Email' }).fill('sam@example.com');
    await add.getByRole('combobox', { name: 'Role' }).selectOption('support');
    await add.getByRole('button', { name: 'Add operator' }).click();
    await expect.poll(() => focused(page)).toBe('Password for sam@example.com');
    const secret = page.getByRole('textbox', { name: 'One-time password' });
    const password = await secret.inputValue();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.getByRole('button', { name: 'Copy password' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Password for sam@example.com' }).textContent())
      .toMatch(/Copied to the clipboard\.|Could not copy/);
    const operators = page.getByRole('table', { name: /^\d+ operators$/ });
    await expect
      .poll(() => operators.getByRole('row').filter({ hasText: 'sam@example.com' }).count())
      .toBe(1);
    expect(await page.getByRole('combobox', { name: 'Role of sam@example.com' }).inputValue()).toBe(
      'support',
    );
    await expectAxeClean(page, 'the operators page with a one-time password');
    await page.screenshot({ path: screenshot('operators'), fullPage: true });
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await secret.count()).toBe(0);
    await signOut(page);
    expect(await page.getByText('You have signed out.').count()).toBe(1);

    // Sam signs in with it: a support operator sees the users and the groups, nothing else.
    await signIn(page, 'sam@example.com', password);
    expect(await page.getByTestId('operator-role').textContent()).toBe('support');
    expect(await nav(page).getByRole('link').allTextContents()).toEqual(['User groups', 'Users']);
    await goTo(page, 'Users');
    const search = page.getByRole('search', { name: 'Users' });
    const query = search.getByRole('searchbox', { name: 'Name, email or user id' });
    await query.fill('alan');
    await query.press('Enter');
    await expect.poll(() => search.getByRole('status').textContent()).toBe('1 user match “alan”.');
    await page.getByRole('link', { name: 'Alan Turing' }).click();
    const alan = page.getByRole('region', { name: 'Alan Turing u_alan' });
    const addToGroup = alan.getByRole('form', { name: 'Add Alan Turing to a group' });
    await addToGroup
      .getByRole('combobox', { name: 'Manual group' })
      .selectOption({ label: 'VIP lounge (vip)' });
    await addToGroup.getByRole('button', { name: 'Add to group' }).click();
    await expect
      .poll(() => alan.getByRole('status').textContent())
      .toBe('Added Alan Turing to VIP lounge.');
    await expectAxeClean(page, 'support added Alan to VIP lounge');

    // A rule set, to support: read-only, with a note that editing it needs the admin role.
    await goTo(page, 'User groups');
    await page.getByRole('button', { name: 'View UK users' }).click();
    const ukUsers = page.getByRole('region', { name: 'UK users uk-users' });
    await expect
      .poll(() => ukUsers.getByRole('note').allTextContents())
      .toContain('Editing a rule set needs the admin role; you are signed in as support.');
    expect(await ukUsers.getByRole('form', { name: 'Rule set of UK users' }).count()).toBe(0);
    expect(await ukUsers.getByRole('button', { name: 'Save rule set' }).count()).toBe(0);
    expect(
      await ukUsers.getByRole('group', { name: /^Rule set of UK users/ }).textContent(),
    ).toContain('country eq "UK"');
    await expectAxeClean(page, 'a rule set, read-only for support');
    await page.screenshot({ path: screenshot('ruleSetReadOnly'), fullPage: true });
    // And the API agrees: a PUT with Sam's session (cookie and CSRF token) is refused.
    expect(
      await withSession(page, 'PUT', '/user-groups/uk-users', { name: 'UK (renamed)' }),
    ).toEqual({
      status: 403,
      body: {
        error: expect.objectContaining({
          code: 'role_forbidden',
          details: { role: 'admin', yourRole: 'support' },
        }),
      },
    });
    // A page above the role, reached by its address: said so, not shown.
    await page.goto(`${consoleUrl}/audit`);
    await expect
      .poll(() => page.getByRole('note').textContent())
      .toBe('This page needs the admin role; you are signed in as support.');
    await signOut(page);

    // The owner reads the audit log: the operator Sam was added by the owner, and Alan's
    // membership by Sam, each target named.
    await signIn(page, 'owner@groupkit.test');
    await goTo(page, 'Audit log');
    const log = page.getByRole('table', { name: /^\d+ entr(y|ies)\b/ });
    const rows = log.getByTestId('audit-row');
    const row = (action: string) => rows.filter({ hasText: action }).first();
    await row('POST /operators').waitFor();
    await expect
      .poll(() => row('POST /operators').getByRole('cell').nth(0).textContent())
      .toBe('owner@groupkit.test');
    expect(await row('POST /operators').getByRole('cell').nth(2).textContent()).toContain(
      'operator sam@example.com',
    );
    expect(await row('POST /user-groups/:id/users').getByRole('cell').nth(0).textContent()).toBe(
      'sam@example.com',
    );
    const memberTarget = row('POST /user-groups/:id/users').getByRole('cell').nth(2);
    expect(await memberTarget.textContent()).toContain('user group VIP lounge');
    expect(await row('POST /user-groups/:id/users').textContent()).toContain('users u_alan');
    // Sam's refused PUT changed nothing, so it is not in the log.
    expect(await rows.filter({ hasText: 'PUT /user-groups/:id' }).count()).toBe(0);

    // Filtered to Sam: only his change; its before and after fold out.
    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    await filters
      .getByRole('textbox', {
        name: 'Actor (email, operator id, key id, or cli for the command line)',
      })
      .fill('sam@example.com');
    await filters.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(1);
    const details = rows.first().locator('details');
    await details.locator('summary').click();
    expect(await details.getAttribute('open')).toBe('');
    expect(await details.textContent()).toContain('"user_ids"');
    // One page only: Older and Newer have nowhere to go.
    const pager = page.getByRole('navigation', { name: 'Audit log pages' });
    expect(await pager.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
    expect(await pager.getByRole('button', { name: 'Newer' }).isDisabled()).toBe(true);
    // The filtered log as CSV, a real download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      filters.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('audit-log.csv');
    const csv = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
    expect(csv[0]).toBe(
      'seq,at,actor_type,actor,action,target_type,target_id,request,before,after',
    );
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(',operator,sam@example.com,POST /user-groups/:id/users,user_group,');
    await page.setViewportSize({ width: 320, height: 720 });
    await expectAxeClean(page, 'the audit log filtered to Sam, a change open, 320 px wide');
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: screenshot('auditLog320'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The owner's other page: the project's settings, as the API has them.
    await goTo(page, 'Settings');
    const settings = page.getByRole('form', { name: 'Project settings' });
    await expect
      .poll(() =>
        settings
          .getByRole('textbox', { name: 'Account-group properties browsers may write' })
          .inputValue(),
      )
      .toBe('onboarding');
    await expectAxeClean(page, 'the project settings');

    // API keys: a new secret key works at once and is shown once; revoked, it is refused.
    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByRole('button', { name: 'Make a key' }).click();
    const shown = page.getByTestId('one-time-key');
    await shown.waitFor();
    const value = await shown.inputValue();
    expect(value).toMatch(/^sk_live_/);
    const withKey = (key: string) =>
      page.evaluate(
        async ({ apiUrl, key }) =>
          (await fetch(`${apiUrl}/v1/users/u_ada`, { headers: { authorization: `Bearer ${key}` } }))
            .status,
        { apiUrl, key },
      );
    expect(await withKey(value)).toBe(200);
    await expectAxeClean(page, 'a new API key, shown once');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await shown.count()).toBe(0);
    await keys.getByRole('button', { name: `Revoke ${value.slice(0, 12)}…` }).click();
    await keys.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect
      .poll(() => keys.getByRole('status').first().textContent())
      .toContain(`Revoked ${value.slice(0, 12)}…`);
    expect(await withKey(value)).toBe(401);

    // Sign-out ends the session: a reload shows the sign-in page, and the API says 401.
    await signOut(page);
    await page.reload();
    await signInForm(page).waitFor();
    expect(await page.getByTestId('operator-email').count()).toBe(0);
    const after = await page.evaluate(
      async (apiUrl) =>
        (await fetch(`${apiUrl}/v1/operator-session`, { credentials: 'include' })).status,
      apiUrl,
    );
    expect(after).toBe(401);
    expect(
      await withSession(page, 'DELETE', '/user-groups/vip/users', { user_ids: ['u_alan'] }),
    ).toMatchObject({
      status: 401,
    });
    expect(errors).toEqual([]);
    await close();
  },
  // Five sign-ins (each a PBKDF2 check) and seven axe runs, in a real browser.
  90_000,
);

it.skipIf(consoleUrl === '')(
  'five wrong passwords lock the email: the sign-in page says until when',
  async () => {
    const { page, errors, close } = await openPage(browser, consoleUrl);
    const form = signInForm(page);
    await form.waitFor();
    // An email no operator has: failures count for any email (so they tell no one which
    // exist), and on the server the lockout outlives this test, so no seeded operator's.
    await form.getByRole('textbox', { name: 'Email' }).fill('locked-out@example.com');
    for (let attempt = 1; attempt <= 6; attempt++) {
      await form.getByLabel('Password').fill(`wrong-${attempt}`);
      await form.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => form.getByRole('button').textContent()).toBe('Sign in');
    }
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(
        /^Too many failed sign-ins for this email\. Try again at \d\d:\d\d \(in 1[45] minutes\)\.$/,
      );
    await expect.poll(() => focused(page)).toMatch(/^Too many failed sign-ins/);
    // Any password waits now, even one that would be right.
    await form.getByLabel('Password').fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^Too many failed sign-ins/);
    await expectAxeClean(page, 'a locked-out email');
    expect(errors).toEqual([]);
    await close();
  },
);

it.skipIf(consoleUrl === '')(
  'a session ended elsewhere: the next request sends the console to its sign-in page, and signing in returns there',
  async () => {
    const { page, errors, close } = await openPage(browser, consoleUrl);
    await signIn(page, 'admin@groupkit.test');
    // Signed out behind the console's back (another tab, an expiry): it does not know yet.
    expect(await withSession(page, 'DELETE', '/operator-session')).toMatchObject({ status: 204 });
    await goTo(page, 'Users');
    await expect
      .poll(() => page.getByText('Your session has ended. Sign in again to continue.').count())
      .toBe(1);
    await expect.poll(() => focused(page)).toBe('Sign in');
    await expectAxeClean(page, 'the sign-in page after the session ended');
    await signIn(page, 'admin@groupkit.test');
    // Back where the operator was going, with the data of the new session.
    await expect
      .poll(() => page.getByRole('search', { name: 'Users' }).getByRole('status').textContent())
      .toMatch(/^\d+ users\.$/);
    expect(errors).toEqual([]);
    await close();
  },
);
