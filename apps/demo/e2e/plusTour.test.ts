import type { FlowFunnel, UserFlow } from '@groupkit/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectAxeClean, screenshot } from './pageChecks';

// The demo's server-defined flow (the default scenario's Plus tour, targeted at Plus members),
// on the mock build (`e2e`) and against the real server (`e2e:server`).
const demoUrl = inject('demoUrl');
const demoApiUrl = inject('demoApiUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const tour = (page: Page) => page.locator('section.demo-tour');
const tourHeading = (page: Page) => tour(page).locator('.groupkit-onboarding-title');
const codeOnboardingHeading = (page: Page) =>
  page.locator('section.groupkit-onboarding:not(.demo-tour) .groupkit-onboarding-title');

async function signInAs(page: Page, userId: string) {
  await page.getByRole('combobox', { name: 'Signed in as' }).selectOption(userId);
}

/**
 * The tour's funnel, read with the secret key as a back office would: from Node on the server;
 * on the mock, from the page, whose tab holds the mocked API.
 */
async function funnel(page: Page): Promise<FlowFunnel> {
  const path = '/v1/flows/plus-tour/funnel?version=1';
  const headers = { authorization: 'Bearer sk_test_groupkit' };
  if (demoApiUrl) return (await fetch(`${demoApiUrl}${path}`, { headers })).json();
  return page.evaluate(
    async ({ path, headers }) =>
      (await fetch(`https://api.groupkit.dev${path}`, { headers })).json(),
    { path, headers },
  );
}

/** The answer to this user's request for the tour (the flow the page asked for, loaded). */
const tourAnswer = (page: Page, userId: string) =>
  page.waitForResponse((r) => r.url().includes(`/v1/users/${userId}/flows/plus-tour`));

it('Grace takes the Plus tour and resumes it where she was on a second device; Ada is not offered it', async () => {
  const { page, errors, close } = await openPage(browser, demoUrl);
  // Ada (Pro, not Plus) is targeted out: the API serves her no version, and no tour shows
  // beside her code onboarding.
  const adaAnswer = tourAnswer(page, 'u_ada');
  await page.reload();
  expect(((await (await adaAnswer).json()) as UserFlow).flow).toBeNull();
  await expect.poll(() => codeOnboardingHeading(page).textContent()).toBe('Welcome to Acme Co.');
  expect(await tour(page).count()).toBe(0);

  const graceAnswer = tourAnswer(page, 'u_grace');
  await signInAs(page, 'u_grace');
  expect((await graceAnswer).ok()).toBe(true);
  await expect.poll(() => tourHeading(page).textContent()).toBe('Welcome to Plus');
  expect(await tour(page).textContent()).toContain('Step 1 of 4');
  await expectAxeClean(page, 'Plus tour, welcome step');

  await tour(page).getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => tourHeading(page).textContent()).toBe('Your Plus perks');
  // Focus follows the step, as in the code-defined flow.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your Plus perks');
  const cta = tour(page).getByRole('link', { name: 'See your groups' });
  expect(await cta.getAttribute('href')).toBe('/#groups');
  await expectAxeClean(page, 'Plus tour, content step');

  // A second device: nothing in its storage, the step comes from the API. On the mock the API
  // lives in the tab (kept across reloads), so the "device" is this tab with its local storage
  // cleared; on the server, a new browser context.
  let second: Page;
  let closeSecond: () => Promise<void>;
  if (demoApiUrl) {
    const other = await openPage(browser, demoUrl);
    second = other.page;
    closeSecond = async () => {
      expect(other.errors).toEqual([]);
      await other.close();
    };
  } else {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    second = page;
    closeSecond = async () => undefined;
  }
  await signInAs(second, 'u_grace');
  await expect.poll(() => tourHeading(second).textContent()).toBe('Your Plus perks');
  expect(await tour(second).textContent()).toContain('Step 2 of 4');

  await tour(second).getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => tourHeading(second).textContent()).toBe('Join the conversation');
  // The two groups the step names, and no others.
  await expect.poll(() => tour(second).getByRole('switch').count()).toBe(2);
  await tour(second).getByRole('switch', { name: 'Product newsletter' }).waitFor();
  await tour(second).getByRole('switch', { name: 'Community forum' }).waitFor();
  await tour(second).getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => tourHeading(second).textContent()).toBe('You’re all set');
  await second.screenshot({ path: screenshot('plusTourDone'), fullPage: true });
  await tour(second).getByRole('button', { name: 'Finish' }).click();
  await expect.poll(() => tour(second).count()).toBe(0);

  // Finished counts once, on the server: the four seeded members plus Grace.
  await expect
    .poll(async () => {
      const { started, completed, dismissed } = await funnel(second);
      return { started, completed, dismissed };
    })
    .toEqual({ started: 5, completed: 3, dismissed: 1 });
  expect((await funnel(second)).steps).toEqual([
    { id: 'hello', reached: 5, completed: 5 },
    { id: 'perks', reached: 5, completed: 4 },
    { id: 'pick', reached: 4, completed: 3 },
    { id: 'done', reached: 3, completed: 3 },
  ]);

  // Back on the first device (server), a reload shows the tour finished there too.
  if (demoApiUrl) {
    await page.reload();
    await expect.poll(() => codeOnboardingHeading(page).textContent()).toBe('Welcome to Acme Co.');
    const answer = tourAnswer(page, 'u_grace');
    await signInAs(page, 'u_grace');
    const { progress } = (await (await answer).json()) as UserFlow;
    expect(progress).toMatchObject({ version: 1, status: 'completed', step: 'done' });
    await expect.poll(() => codeOnboardingHeading(page).textContent()).toBe('Welcome to Acme Co.');
    expect(await tour(page).count()).toBe(0);
  }
  await closeSecond();
  expect(errors).toEqual([]);
  await close();
});
