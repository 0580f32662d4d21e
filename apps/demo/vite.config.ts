import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { ignoreDependencyDirectives, sourceConditions } from '../../vite.shared.ts';
import { mockWithoutSecretKey } from './mockWithoutSecretKey.ts';

export default defineConfig({
  plugins: [react(), mockWithoutSecretKey()],
  resolve: { conditions: sourceConditions },
  // CI=true: never try to open a browser.
  server: { open: !process.env.CI },
  build: { rolldownOptions: { onwarn: ignoreDependencyDirectives } },
});
