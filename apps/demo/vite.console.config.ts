import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { ignoreDependencyDirectives, sourceConditions } from '../../vite.shared.ts';

/**
 * The admin console on its own, for `@groupkit/server` to serve at `/admin/` (`groupkit-server
 * start --console-dir apps/demo/dist-console`): same origin as the API, so it talks to the
 * page's own origin with the operator's session cookie. No mock, no key, no end-user app.
 *   npm run build:console -w @groupkit/demo   →   apps/demo/dist-console/{index.html,assets/}
 */
export default defineConfig({
  root: fileURLToPath(new URL('./console', import.meta.url)),
  base: '/admin/',
  plugins: [react()],
  resolve: { conditions: sourceConditions },
  // Hash routes start at `#` here (`/admin/#/users`), not at the demo's `#/admin`.
  define: { 'import.meta.env.VITE_GROUPKIT_CONSOLE_ROOT': JSON.stringify('#') },
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist-console', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: { onwarn: ignoreDependencyDirectives },
  },
});
