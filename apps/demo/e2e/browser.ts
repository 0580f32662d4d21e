import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';

/** Debian Chromium driven by playwright-core: npm cannot download browsers on our machines. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/** A fresh page (own storage, own service worker) that records every uncaught page error. */
export async function openPage(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Failed loads are reported below with their URL, which says more than the console line.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/v1/')) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}
