import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // `source` points workspace packages at their TypeScript, so the demo needs no prior build.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // CI=true: never try to open a browser.
  server: { open: !process.env.CI },
  build: {
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Query marks its files 'use client' for Next.js; in a Vite SPA that is
        // meaningless, and the warning would bury real ones.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('node_modules'))
          return;
        warn(warning);
      },
    },
  },
});
