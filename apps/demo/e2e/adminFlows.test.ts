import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectAxeClean, screenshot } from './pageChecks';
import { signIn } from './signIn';

// On every target: the demo's console on the mock (`e2e`) and the console the server serves
// at /admin/ on its own database (`e2e:server`). `consoleUrl` ends where the hash routes start.
const consoleUrl = inject('consoleUrl');
const apiUrl = inject('apiUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Wider than the viewport means sideways scrolling for the whole page (WCAG 1.4.10 reflow). */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Whether `locator` has focus. */
const hasFocus = (locator: Locator) => locator.evaluate((e) => e === document.activeElement);

/** What a keyboard or screen-reader user is on: the focused element's name or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute('aria-label') ?? element?.textContent ?? null;
  });

const nav = (page: Page) => page.getByRole('navigation', { name: 'Console pages' });

/** `GET /v1{path}` with the page's session, as the console's client sends it. */
function apiGet(page: Page, path: string) {
  return page.evaluate(
    async ({ apiUrl, path }) => {
      const response = await fetch(`${apiUrl}/v1${path}`, { credentials: 'include' });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    { apiUrl, path },
  );
}

/** Each row of a table as its header cell's text followed by its cells' texts. */
async function rows(table: Locator) {
  const body = table.locator('tbody tr');
  const all: string[][] = [];
  for (let i = 0; i < (await body.count()); i++) {
    const row = body.nth(i);
    all.push([
      await row.getByRole('rowheader').innerText(),
      ...(await row.getByRole('cell').allInnerTexts()),
    ]);
  }
  return all;
}

/** A step of the editor by its position: "Step 2 of 3: Choose groups". */
const step = (form: Locator, n: number) =>
  form.getByRole('group', { name: new RegExp(`^Step ${n} of `) });

it('an admin reads the Plus tour funnel, then creates, publishes, edits, republishes and retires a flow', async () => {
  const { page, errors, close } = await openPage(browser, `${consoleUrl}/flows`);
  await signIn(page, 'admin@groupkit.test');
  const link = nav(page).getByRole('link', { name: 'Onboarding flows' });
  expect(await link.getAttribute('aria-current')).toBe('page');

  // The seeded flow: version 1 published, none retired.
  const list = page.getByRole('table', { name: /^\d+ flows?$/ });
  await expect.poll(() => rows(list)).toEqual([['Plus tour', 'plus-tour', '1', '1', '—']]);

  // Opened, its funnel shows how version 1's users went: totals and a bar per step, as text.
  await list.getByRole('link', { name: 'Plus tour' }).click();
  const plus = page.getByRole('region', { name: 'Plus tour plus-tour' });
  await expect.poll(() => focused(page)).toBe('Plus tour plus-tour');
  const plusFunnel = plus.getByRole('region', { name: 'Funnel' });
  expect(await plusFunnel.getByRole('combobox', { name: 'Version' }).inputValue()).toBe('1');
  const chart = plusFunnel.getByRole('table', { name: /^Version 1: users who reached/ });
  await expect
    .poll(() => rows(chart))
    .toEqual([
      ['1. hello\nWelcome to Plus', '4 (100%)', '4 (100%)'],
      ['2. perks\nYour Plus perks', '4 (100%)', '3 (75%)'],
      ['3. pick\nJoin the conversation', '3 (75%)', '2 (50%)'],
      ['4. done\nYou’re all set', '2 (50%)', '2 (50%)'],
    ]);
  expect(await plusFunnel.getByRole('term').allTextContents()).toEqual([
    'Started',
    'Completed',
    'Dismissed',
  ]);
  expect(await plusFunnel.getByRole('definition').allTextContents()).toEqual(['4', '2', '1']);
  await expectAxeClean(page, 'the flows page with the Plus tour open');
  await page.screenshot({ path: screenshot('adminFlowsPlusTour'), fullPage: true });

  // A new flow: the form starts with a welcome and a done step; a choose-groups step goes
  // between them.
  await page.getByRole('button', { name: 'New flow' }).click();
  const create = page.getByRole('form', { name: 'New flow' });
  await create.getByRole('textbox', { name: 'Flow id' }).fill('beta-welcome');
  await create.getByRole('textbox', { name: 'Name' }).fill('Beta welcome');
  await step(create, 1)
    .getByRole('textbox', { name: 'Title (optional)' })
    .fill('Welcome to the beta');
  await create.getByRole('combobox', { name: 'Kind of step' }).selectOption('Choose groups');
  await create.getByRole('button', { name: 'Add step' }).click();
  const choose = step(create, 2);
  await expect
    .poll(() => choose.locator('legend').first().textContent())
    .toBe('Step 2 of 3: Choose groups');
  // Focus goes to the new step's first field; the addition is announced.
  await expect.poll(() => hasFocus(choose.getByRole('textbox', { name: 'Step id' }))).toBe(true);
  await expect
    .poll(() => create.getByRole('status').first().textContent())
    .toBe('Added a Choose groups step “choose-groups” as step 2 of 3.');
  await create
    .getByRole('group', { name: 'Include members of any of' })
    .getByRole('checkbox', { name: /^Beta testers / })
    .check();

  // No group offered: refused, said under the groups, focus there, and nothing is created.
  await create.getByRole('button', { name: 'Create flow' }).click();
  await expect
    .poll(() => choose.locator('.demo-admin-field-error').textContent())
    .toBe('steps[1].groups: name at least one group.');
  await expect.poll(() => choose.locator('input[type="checkbox"]:focus').count()).toBe(1);
  expect(await create.getByRole('alert').textContent()).toBe(
    'steps[1].groups: name at least one group.',
  );
  expect((await apiGet(page, '/flows/beta-welcome')).status).toBe(404);
  await expectAxeClean(page, 'a new flow refused for a step without groups');

  const offered = choose.getByRole('group', { name: 'Groups offered' });
  await offered.getByRole('checkbox', { name: /^Beta testers / }).check();
  await offered.getByRole('checkbox', { name: /^Product newsletter / }).check();
  await create.getByRole('button', { name: 'Create flow' }).click();

  // Created: it opens, listed with nothing published yet.
  // Named by its heading, which follows a rename: found by its id.
  const beta = page.getByRole('region', { name: / beta-welcome$/ });
  await expect.poll(() => focused(page)).toBe('Beta welcome beta-welcome');
  await expect
    .poll(() => rows(list))
    .toEqual([
      ['Plus tour', 'plus-tour', '1', '1', '—'],
      ['Beta welcome', 'beta-welcome', 'none', '—', '—'],
    ]);
  const draft = beta.getByRole('form', { name: 'Draft' });
  const draftState = draft.getByTestId('draft-state');
  expect(await draftState.textContent()).toBe('No unsaved changes.');

  // A content step whose call to action would run script: refused under the link; the saved
  // draft keeps its three steps.
  await draft.getByRole('combobox', { name: 'Kind of step' }).selectOption('Content');
  await draft.getByRole('button', { name: 'Add step' }).click();
  const content = step(draft, 3);
  await content.getByRole('textbox', { name: 'Title' }).fill('What is new');
  await content.getByRole('textbox', { name: 'Body' }).fill('Early features, before anyone else.');
  await content.getByRole('textbox', { name: 'Call to action label (optional)' }).fill('Try it');
  const href = content.getByRole('textbox', { name: 'Call to action link' });
  await href.fill('javascript:alert(1)');
  expect(await draftState.textContent()).toMatch(/^Unsaved changes/);
  await draft.getByRole('button', { name: 'Save draft' }).click();
  await expect.poll(() => href.getAttribute('aria-invalid')).toBe('true');
  const hrefError =
    'steps[2].cta.href: must be an https: URL or a path on the app starting with "/".';
  expect(await content.locator('.demo-admin-field-error').textContent()).toBe(hrefError);
  await expect.poll(() => hasFocus(href)).toBe(true);
  const saved = await apiGet(page, '/flows/beta-welcome');
  expect(
    (saved.body as { draft: { steps: { id: string }[] } }).draft.steps.map((s) => s.id),
  ).toEqual(['welcome', 'choose-groups', 'done']);
  await expectAxeClean(page, 'the flow editor with a refused call to action');

  // Removed again, the form matches the saved draft: nothing unsaved, publishing allowed.
  await content.getByRole('button', { name: 'Remove: step 3, content' }).click();
  await expect.poll(() => draftState.textContent()).toBe('No unsaved changes.');

  const versions = beta.getByRole('region', { name: 'Versions' });
  const publish = async (n: number) => {
    await versions.getByRole('button', { name: 'Publish the draft' }).click();
    const ask = versions.getByRole('group', { name: /^Publish the draft as version/ });
    expect(await ask.getAttribute('aria-label')).toBe(
      `Publish the draft as version ${n}? Users who started an earlier version stay on it; new users get this one.`,
    );
    await ask.getByRole('button', { name: `Publish version ${n}` }).click();
    await expect
      .poll(() => versions.getByRole('status').textContent())
      .toBe(`Published version ${n}: new users get it.`);
  };
  const versionRows = versions.getByRole('table', { name: /versions?, newest first$/ });
  const statuses = async () =>
    (await rows(versionRows)).map(([version, , retired, status]) => [
      version,
      retired === '—',
      status,
    ]);
  await publish(1);
  await expect.poll(statuses).toEqual([['Version 1', true, 'Current: new users get it']]);
  // Publishing again now would change nothing for users: said before anyone tries.
  await expect
    .poll(() => versions.getByText(/^The saved draft is the same as version 1/).count())
    .toBe(1);

  // Edit: move the groups step to the front (by keyboard, focus staying with it) and rename.
  await step(draft, 2).getByRole('button', { name: 'Move up: step 2, choose-groups' }).focus();
  await page.keyboard.press('Enter');
  // At the top its Move up is disabled: focus is on its Move down, under its new number.
  await expect.poll(() => focused(page)).toBe('Move down: step 1, choose-groups');
  await expect
    .poll(() => draft.getByRole('status').first().textContent())
    .toBe('Moved the Choose groups step “choose-groups” up: now step 1 of 3.');
  await draft.getByRole('textbox', { name: 'Name' }).fill('Beta welcome tour');
  expect(await draftState.textContent()).toMatch(/^Unsaved changes/);
  expect(await versions.getByRole('button', { name: 'Publish the draft' }).isDisabled()).toBe(true);
  await expectAxeClean(page, 'the flow editor with unsaved changes');
  await draft.getByRole('button', { name: 'Save draft' }).click();
  await expect.poll(() => draftState.textContent()).toMatch(/^Draft saved at \d\d:\d\d\.$/);
  await expect
    .poll(() => beta.getByRole('heading', { level: 2 }).textContent())
    .toBe('Beta welcome tour beta-welcome');
  await publish(2);
  await expect.poll(statuses).toEqual([
    ['Version 2', true, 'Current: new users get it'],
    ['Version 1', true, 'Earlier: users who started it stay on it'],
  ]);

  // Retire version 1: its users go to version 2, said before it happens.
  await versions.getByRole('button', { name: 'Retire version 1' }).click();
  const ask = versions.getByRole('group', { name: /^Retire version 1\?/ });
  expect(await ask.getAttribute('aria-label')).toBe(
    'Retire version 1? Nobody is served it any more: its users move to version 2 and start it afresh.',
  );
  await ask.getByRole('button', { name: 'Retire version 1' }).click();
  await expect.poll(() => versions.getByRole('status').textContent()).toBe('Retired version 1.');
  await expect.poll(statuses).toEqual([
    ['Version 2', true, 'Current: new users get it'],
    ['Version 1', false, 'Retired: served to nobody'],
  ]);
  await expect
    .poll(() => rows(list))
    .toEqual([
      ['Plus tour', 'plus-tour', '1', '1', '—'],
      ['Beta welcome tour', 'beta-welcome', '2', '1, 2', '1'],
    ]);

  // Version 2's funnel: nobody has started it.
  const funnel = beta.getByRole('region', { name: 'Funnel' });
  const version = funnel.getByRole('combobox', { name: 'Version' });
  expect(await version.inputValue()).toBe('2');
  expect(await version.getByRole('option').allTextContents()).toEqual([
    'Version 2 (current)',
    'Version 1 (retired)',
  ]);
  await expect
    .poll(() => funnel.getByRole('definition').allTextContents())
    .toEqual(['0', '0', '0']);
  expect(await rows(funnel.getByRole('table', { name: /^Version 2: users who reached/ }))).toEqual([
    ['1. choose-groups', '0', '0'],
    ['2. welcome\nWelcome to the beta', '0', '0'],
    ['3. done', '0', '0'],
  ]);

  // 320 px wide: the editor and the chart reflow, nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 720 });
  await expectAxeClean(page, 'a flow with two versions, 320 px wide');
  expect(await pageWidth(page)).toBeLessThanOrEqual(320);
  await page.screenshot({ path: screenshot('adminFlows320'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Deleting it says what goes with it, then the list no longer has it.
  await beta.getByRole('button', { name: 'Delete Beta welcome tour' }).click();
  const deleting = beta.getByRole('group', { name: /^Delete “Beta welcome tour”/ });
  expect(await deleting.getByRole('button', { name: 'Delete Beta welcome tour' }).count()).toBe(1);
  expect(await deleting.textContent()).toContain(
    'Delete “Beta welcome tour”, its 2 versions and every user’s progress in it?',
  );
  await deleting.getByRole('button', { name: 'Delete Beta welcome tour' }).click();
  await expect.poll(() => rows(list)).toEqual([['Plus tour', 'plus-tour', '1', '1', '—']]);
  expect(errors).toEqual([]);
  await close();
}, 120_000);

it('support does not see onboarding flows: not in the nav, and the address says which role it needs', async () => {
  const { page, errors, close } = await openPage(browser, `${consoleUrl}/flows`);
  await signIn(page, 'support@groupkit.test');
  expect(await nav(page).getByRole('link').allTextContents()).toEqual(['User groups', 'Users']);
  await expect
    .poll(() => page.getByRole('note').textContent())
    .toBe('This page needs the admin role; you are signed in as support.');
  expect(errors).toEqual([]);
  await close();
});

it('asks before another console page drops unsaved edits: staying keeps them, leaving goes', async () => {
  const { page, errors, close } = await openPage(browser, `${consoleUrl}/flows/plus-tour`);
  await signIn(page, 'admin@groupkit.test');
  const tour = page.getByRole('region', { name: / plus-tour$/ });
  const draft = tour.getByRole('form', { name: 'Draft' });
  const name = draft.getByRole('textbox', { name: 'Name' });
  await name.fill('Plus tour, renamed');
  expect(await draft.getByTestId('draft-state').textContent()).toMatch(/^Unsaved changes/);

  const questions: string[] = [];
  let answer = false;
  page.on('dialog', (dialog) => {
    questions.push(dialog.message());
    void (answer ? dialog.accept() : dialog.dismiss());
  });
  // Declined: still on the flow, the address too, the edit kept.
  await nav(page).getByRole('link', { name: 'Audit log' }).click();
  await expect
    .poll(() => questions)
    .toEqual(['This page has unsaved edits. Leave it and lose them?']);
  expect(new URL(page.url()).hash).toMatch(/\/flows\/plus-tour$/);
  expect(await name.inputValue()).toBe('Plus tour, renamed');
  expect(await page.getByRole('heading', { level: 2, name: 'Audit log' }).count()).toBe(0);

  // Accepted: the audit log shows.
  answer = true;
  await nav(page).getByRole('link', { name: 'Audit log' }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 2, name: 'Audit log' }).count())
    .toBe(1);
  expect(questions).toHaveLength(2);
  // Nothing unsaved any more: back to the flows page without a question.
  await nav(page).getByRole('link', { name: 'Onboarding flows' }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 2, name: 'Audit log' }).count())
    .toBe(0);
  expect(questions).toHaveLength(2);
  expect(errors).toEqual([]);
  await close();
});
