import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built demo is served for the end-to-end tests. */
    demoUrl: string;
    /** The admin console: the demo's `#/admin` on the mock, the server's `/admin/` on the server. */
    consoleUrl: string;
    /** The API the console talks to (its origin, without `/v1`). */
    apiUrl: string;
    /**
     * The API the end-user demo talks to, when a test may call it from Node: the server's
     * origin; empty on the mock, which lives in each tab (call it from the page there).
     */
    demoApiUrl: string;
    /**
     * The browser builds this setup made, as folders of apps/demo (`dist`, `dist-console`,
     * `dist-server`): what the bundle check scans for secret keys.
     */
    builds: string[];
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the demo as a user gets it (`vite build`) and serves it with `vite preview`; builds
 * the console the server serves (`dist-console`) too, so the bundle check covers both.
 */
export default async function setup(project: TestProject) {
  await build({ root, logLevel: 'warn', configFile: `${root}/vite.config.ts` });
  await build({ logLevel: 'warn', configFile: `${root}/vite.console.config.ts` });
  const server = await preview({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  const demoUrl = `http://127.0.0.1:${port}/`;
  project.provide('demoUrl', demoUrl);
  project.provide('consoleUrl', `${demoUrl}#/admin`);
  // The mock answers any origin; the demo's clients use the hosted API's.
  project.provide('apiUrl', 'https://api.groupkit.dev');
  project.provide('demoApiUrl', '');
  project.provide('builds', ['dist', 'dist-console']);
  return async () => {
    await server.close();
  };
}
