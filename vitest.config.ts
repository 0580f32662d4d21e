import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { browserCommands } from './scripts/browserCommands.ts';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { sourceConditions, sourceServerConditions } from './vite.shared.ts';

/** A fresh browser config per project: Vitest rejects one object shared by two projects. */
const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const }],
  screenshotFailures: false,
  commands: browserCommands,
});

export default defineConfig({
  plugins: [react()],
  // `source` resolves workspace packages to their TypeScript: tests need no prior build.
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceServerConditions } },
  optimizeDeps: {
    // Listed up front: a re-optimise in the middle of a cold browser run reloads the page
    // and fails the running suite.
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
      '@tanstack/react-query',
      'zustand',
      'msw',
      'msw/browser',
      'msw-storybook-addon/csf3',
      'axe-core',
      '@testing-library/react',
      '@testing-library/user-event',
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'packages/{client,mock-api}/src/**/__tests__/**/*.test.ts',
            'scripts/__tests__/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['packages/react/src/**/__tests__/**/*.test.{ts,tsx}'],
          setupFiles: ['@testing-library/jest-dom/vitest'],
        },
      },
      {
        extends: true,
        // Serves mockServiceWorker.js (copied by the root postinstall) so widgets talk to MSW.
        publicDir: '.storybook/public',
        test: {
          name: 'browser',
          include: ['packages/widgets/src/**/__tests__/**/*.test.{ts,tsx}'],
          browser: chromium(),
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        publicDir: '.storybook/public',
        test: { name: 'storybook', browser: chromium() },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['apps/demo/e2e/**/*.test.ts'],
          globalSetup: ['apps/demo/e2e/globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
