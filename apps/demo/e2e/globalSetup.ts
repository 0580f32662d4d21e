import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built demo is served for the end-to-end tests. */
    demoUrl: string;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds the demo as a user gets it (`vite build`) and serves it with `vite preview`. */
export default async function setup(project: TestProject) {
  await build({ root, logLevel: 'warn', configFile: `${root}/vite.config.ts` });
  const server = await preview({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  project.provide('demoUrl', `http://127.0.0.1:${port}/`);
  return async () => {
    await server.close();
  };
}
