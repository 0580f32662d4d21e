import type { Browser, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { openPage } from './browser';

/** The password of every seeded operator (owner@, admin@, support@groupkit.test). */
export const DEMO_PASSWORD = 'groupkit-demo-password';

/**
 * Signs in on the console's sign-in form, wherever it shows (the console, the playground),
 * and waits until the operator is named in the header.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByRole('textbox', { name: 'Email' }).fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('operator-email').textContent()).toBe(email);
}

/** Opens the demo's console at `hash` (`#/admin`, `#/admin/audiences`, …) and signs `email` in. */
export async function openConsole(
  browser: Browser,
  email = 'admin@groupkit.test',
  hash = '#/admin',
) {
  const opened = await openPage(browser, `${inject('demoUrl')}${hash}`);
  await signIn(opened.page, email);
  return opened;
}
