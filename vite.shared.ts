// Vite settings shared by the demo, Storybook and Vitest, so all three resolve and build
// the workspace packages the same way.
import { defaultClientConditions, defaultServerConditions, type Rolldown } from 'vite';

type OnWarn = NonNullable<Rolldown.InputOptions['onwarn']>;

/**
 * `source` points each workspace package at its TypeScript (see the packages' `exports`),
 * so dev servers and tests never need, or see a stale, `dist/`.
 */
export const sourceConditions = ['source', ...defaultClientConditions];
export const sourceServerConditions = ['source', ...defaultServerConditions];

/**
 * React Query marks its files 'use client' for Next.js; in a Vite bundle that is
 * meaningless, and the warnings would bury real ones.
 */
export const ignoreDependencyDirectives: OnWarn = (warning, warn) => {
  if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('node_modules')) return;
  warn(warning);
};
