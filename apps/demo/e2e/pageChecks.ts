import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
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

/** Wider than the viewport means sideways scrolling for the whole page (WCAG 1.4.10 reflow). */
export const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** At a 320 px wide viewport: no axe violation, and nothing makes the page scroll sideways. */
export async function expectReflowAt320(page: Page, state: string) {
  expect(page.viewportSize()?.width, 'set a 320 px viewport first').toBe(320);
  await expectAxeClean(page, `${state}, 320 px wide`);
  expect(await pageWidth(page), `page width: ${state}`).toBeLessThanOrEqual(320);
}

/**
 * Moves focus to `target` with the keyboard alone: Tab (or Shift+Tab, when it comes before
 * whatever has focus) until it has focus, failing after `max` presses (not reachable).
 */
export async function tabTo(page: Page, target: Locator, max = 150) {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: no such element');
  const where = () =>
    handle.evaluate((element) => {
      const active = document.activeElement;
      if (element === active) return 'here';
      if (!active || active === document.body) return 'after';
      // DOCUMENT_POSITION_FOLLOWING: the target comes after what has focus.
      return active.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING
        ? 'after'
        : 'before';
    });
  for (let presses = 0; presses < max; presses++) {
    const position = await where();
    if (position === 'here') return;
    await page.keyboard.press(position === 'after' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`tabTo: not reached in ${max} presses of Tab`);
}

/**
 * `target` has focus, and shows it: it matches `:focus-visible` and draws a visible outline
 * (the console's 3 px ring), so a keyboard user sees where they are.
 */
export async function expectFocusVisible(target: Locator) {
  expect(
    await target.evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        focused: element === document.activeElement,
        focusVisible: element.matches(':focus-visible'),
        outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
      };
    }),
  ).toEqual({ focused: true, focusVisible: true, outline: true });
}
