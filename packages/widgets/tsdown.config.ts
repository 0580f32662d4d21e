import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/onboarding/index.ts',
    'src/flows/index.ts',
    'src/locales/en.ts',
    'src/locales/de.ts',
  ],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  // One output file per source module: with `sideEffects: false`, an app's bundler drops
  // every module it does not import (a single bundled file would keep them all).
  unbundle: true,
});
