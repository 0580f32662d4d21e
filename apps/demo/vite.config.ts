import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { ignoreDependencyDirectives, sourceConditions } from '../../vite.shared.ts';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: sourceConditions },
  // CI=true: never try to open a browser.
  server: { open: !process.env.CI },
  build: { rolldownOptions: { onwarn: ignoreDependencyDirectives } },
});
