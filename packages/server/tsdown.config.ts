import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts', 'cli/run': 'src/cli/run.ts' },
  format: 'esm',
  platform: 'node',
  dts: true,
  // Runtime dependencies stay imports (a server is installed, not bundled into an app).
  external: [/^[^./]/],
});
