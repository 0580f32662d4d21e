// Commands browser tests call from the page; they run in Node with Playwright's page.
import type { BrowserCommand } from 'vitest/node';

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Emulates the OS colour scheme (prefers-color-scheme) for the test page. */
    setColorScheme: (scheme: 'light' | 'dark') => Promise<void>;
  }
}

const setColorScheme: BrowserCommand<['light' | 'dark']> = async (context, scheme) => {
  if (context.provider.name !== 'playwright') {
    throw new Error('setColorScheme needs the playwright browser provider.');
  }
  await context.page.emulateMedia({ colorScheme: scheme });
};

export const browserCommands = { setColorScheme };
