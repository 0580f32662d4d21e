// What the demo's production build bundles, read from the bundler itself: a Vite build of
// apps/demo (its own config, in memory, nothing written) with a plugin that collects the id
// of every module rendered into an output chunk.
import { resolve } from 'node:path';
import { build } from 'vite';
import { ROOT } from './size.mjs';

const DEMO = resolve(ROOT, 'apps/demo');

/**
 * Builds the demo in production mode with `VITE_GROUPKIT_BASE_URL=baseUrl`.
 * @returns `{ modules, assets }`: module ids (absolute paths, or `\0`-prefixed virtual ids)
 * of every chunk, and the file names of emitted assets.
 */
export async function collectDemoModules({ baseUrl }) {
  const modules = new Set();
  const assets = [];
  const collector = {
    name: 'groupkit-collect-modules',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'asset') assets.push(output.fileName);
        else for (const id of output.moduleIds) modules.add(id);
      }
    },
  };
  const previous = process.env.VITE_GROUPKIT_BASE_URL;
  // Vite's production build sets NODE_ENV for the whole process: put it back, or React loads
  // its production build in whatever the bench measures next.
  const nodeEnv = process.env.NODE_ENV;
  process.env.VITE_GROUPKIT_BASE_URL = baseUrl;
  try {
    await build({
      root: DEMO,
      configFile: resolve(DEMO, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      plugins: [collector],
      // In memory only: the e2e tests serve apps/demo/dist, which this must not overwrite.
      build: { write: false, copyPublicDir: false },
    });
  } finally {
    if (previous === undefined) delete process.env.VITE_GROUPKIT_BASE_URL;
    else process.env.VITE_GROUPKIT_BASE_URL = previous;
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return { modules: [...modules].sort(), assets };
}

/** The module ids that contain any forbidden fragment (`msw`, `node:`, …), with the fragment. */
export function forbiddenModules(modules, forbidden) {
  return modules.flatMap((id) => {
    const hit = forbidden.find((fragment) => id.includes(fragment));
    return hit ? [{ id: id.startsWith(ROOT) ? id.slice(ROOT.length + 1) : id, fragment: hit }] : [];
  });
}
