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

/**
 * A request sent from the page with its operator session (the cookie, and the CSRF token
 * from `GET /v1/operator-session`), to the API the console talks to.
 */
export function withSession(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ apiUrl, method, path, body }) => {
      const session = await fetch(`${apiUrl}/v1/operator-session`, { credentials: 'include' });
      const { csrfToken } = session.ok ? ((await session.json()) as { csrfToken: string }) : {};
      const response = await fetch(`${apiUrl}/v1${path}`, {
        method,
        credentials: 'include',
        headers: {
          'content-type': 'application/json',
          ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as unknown };
    },
    { apiUrl: inject('apiUrl'), method, path, body },
  );
}
