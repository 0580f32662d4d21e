import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { browserCommands } from './scripts/browserCommands.ts';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { sourceConditions, sourceServerConditions } from './vite.shared.ts';

const react18 = (name: string) =>
  fileURLToPath(new URL(`tests/react18/node_modules/${name}`, import.meta.url));

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
            // The console's logic and static markup (react-dom/server: no DOM needed).
            'apps/demo/src/**/__tests__/**/*.test.{ts,tsx}',
            'scripts/__tests__/**/*.test.ts',
          ],
        },
      },
      {
        // Type tests (`*.test-d.ts`): the public signatures, checked by tsc, not run.
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/*/src/**/__tests__/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['packages/server/src/**/__tests__/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // One contract suite, every target: the same files against the mock (MSW handlers),
      // the server on PGlite, and the server on a real PostgreSQL server.
      ...(['mock', 'pglite', 'postgres'] as const).map((target) => ({
        extends: true as const,
        test: {
          name: `contract:${target}`,
          environment: 'node' as const,
          include: ['tests/contract/**/*.contract.test.ts'],
          env: { GROUPKIT_CONTRACT_TARGET: target },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
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
        // The same hook tests under React 18 (the SDK supports ^18.2 || ^19). React 18 lives
        // in the tests/react18 workspace; every importer of react is pointed at it, and the
        // libraries that import react are inlined so the alias reaches them too.
        extends: true,
        resolve: {
          alias: [
            { find: /^react$/, replacement: react18('react') },
            { find: /^react\/(.*)$/, replacement: `${react18('react')}/$1` },
            { find: /^react-dom$/, replacement: react18('react-dom') },
            { find: /^react-dom\/(.*)$/, replacement: `${react18('react-dom')}/$1` },
            // Its ESM build, so it is inlined (and aliased) rather than required as CommonJS.
            {
              find: /^@testing-library\/react$/,
              replacement: fileURLToPath(
                new URL(
                  'node_modules/@testing-library/react/dist/@testing-library/react.esm.js',
                  import.meta.url,
                ),
              ),
            },
          ],
        },
        test: {
          name: 'dom-react18',
          environment: 'jsdom',
          include: ['packages/react/src/**/__tests__/**/*.test.{ts,tsx}'],
          // The property test drives the React-free layer: once (in `dom`) is enough.
          exclude: ['**/*.property.test.ts'],
          setupFiles: ['@testing-library/jest-dom/vitest', 'tests/react18/assertReact18.ts'],
          server: {
            deps: { inline: [/@tanstack\/react-query/, /zustand/, /@testing-library\/react/] },
          },
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
          // Every console test signs an operator in first (a PBKDF2 check in the tab's mock),
          // and the files run side by side on 2 cores.
          testTimeout: 60_000,
          // A real browser on a busy 2-core CI machine: a state may take longer than 1 s to show.
          expect: { poll: { timeout: 5_000 } },
          hookTimeout: 60_000,
        },
      },
      {
        // The end-user journey again, against @groupkit/server (PGlite) instead of the mock;
        // and the console, as the server serves it at /admin/ (skipped until it does).
        extends: true,
        test: {
          name: 'e2e:server',
          environment: 'node',
          include: [
            'apps/demo/e2e/journey.test.ts',
            'apps/demo/e2e/operators.test.ts',
            'apps/demo/e2e/plusTour.test.ts',
            'apps/demo/e2e/adminFlows.test.ts',
            'apps/demo/e2e/consolePages.test.ts',
            'apps/demo/e2e/bundle.test.ts',
          ],
          globalSetup: ['apps/demo/e2e/serverSetup.ts'],
          testTimeout: 90_000,
          expect: { poll: { timeout: 5_000 } },
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
