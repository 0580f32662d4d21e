import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/core.ts', 'src/browser.ts', 'src/node.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
});
