import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'browser',
  dts: true,
  // The stylesheet ships as a plain file: apps import it once, no CSS-in-JS runtime.
  copy: [{ from: 'src/styles.css', to: 'dist' }],
});
