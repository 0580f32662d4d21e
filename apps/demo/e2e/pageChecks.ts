import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const SCREENSHOTS = fileURLToPath(new URL('./__screenshots__/', import.meta.url));

/** Where a test's screenshot goes (gitignored; CI keeps them as artifacts of a run). */
export function screenshot(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}${name}.png`;
}

/** Every axe rule (WCAG and best practice) on the page as it is now: none may fail. */
export async function expectAxeClean(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
    `axe violations: ${state}`,
  ).toEqual([]);
}
