// Bundle-size measurement, shared by `npm run size` (the CI budgets) and `npm run bench`.
// One method for every figure: esbuild bundles a virtual entry, minified, for the browser,
// with NODE_ENV=production; the output is gzipped at level 9.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The repository root: entries resolve packages from here, as an app installing them would. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** 1 kB = 1000 bytes, as size-limit and bundlephobia count. */
export const KB = 1000;

/** "15 kB" → 15000; a plain number is bytes. */
export function parseLimit(limit) {
  if (typeof limit === 'number') return limit;
  const match = /^\s*([\d.]+)\s*(B|kB|KB)\s*$/.exec(String(limit));
  if (!match) throw new TypeError(`Budget limit "${limit}" is not "<number> kB" or "<number> B".`);
  return Math.round(Number(match[1]) * (match[2] === 'B' ? 1 : KB));
}

export const formatKb = (bytes) => `${(bytes / KB).toFixed(2)} kB`;

/**
 * Reads a budgets file. `externals` holds named lists that a budget may name instead of
 * spelling its own; every entry must `export` what it measures, or tree-shaking drops it.
 */
export async function readBudgets(file) {
  const config = JSON.parse(await readFile(file, 'utf8'));
  const named = config.externals ?? {};
  const externalOf = (external = []) => {
    if (Array.isArray(external)) return external;
    const list = named[external];
    if (!list) throw new TypeError(`${file}: no externals list named "${external}".`);
    return list;
  };
  return {
    budgets: (config.budgets ?? []).map((b) => ({
      ...b,
      limitBytes: b.limit === undefined ? undefined : parseLimit(b.limit),
      external: externalOf(b.external),
    })),
    peers: (config.peers ?? []).map((p) => ({ ...p, external: externalOf(p.external) })),
    demo: config.demo,
  };
}

const MISSING_EXPORT = /No matching export in "([^"]+)" for import "([^"]+)"/;
const UNRESOLVED = /Could not resolve "([^"]+)"/;

/**
 * Bundles one entry and measures it. What loads up front is what counts: a dynamic
 * `import()` is a chunk an app's bundler (Vite, webpack, Next.js) splits off and fetches only
 * when that code runs, so it is left out (external) of the measured bundle; what it adds is
 * reported as `lazyGzip` (the whole bundle, lazy code inlined, minus the up-front one).
 * @returns `{ status: 'ok', minified, gzip, lazyGzip, inputs }`, or `{ status: 'missing',
 * reason }` when an export the entry names does not exist (a budget must never pass by
 * measuring nothing: `npm run size` fails on it); other build errors throw.
 */
export async function measureEntry({ entry, external = [], loader = 'js' }) {
  const upFront = await bundleEntry({ entry, external, loader, lazy: 'external' });
  if (upFront.status !== 'ok' || !upFront.splits) return { ...upFront, lazyGzip: 0 };
  const whole = await bundleEntry({ entry, external, loader, lazy: 'inline' });
  return { ...upFront, lazyGzip: whole.gzip - upFront.gzip };
}

/** A dynamic import left to be fetched on demand, as an app's bundler leaves it. */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

async function bundleEntry({ entry, external, loader, lazy }) {
  let result;
  try {
    result = await build({
      stdin: { contents: entry, resolveDir: ROOT, loader, sourcefile: `entry.${loader}` },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      metafile: true,
      legalComments: 'none',
      logLevel: 'silent',
      external,
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: lazy === 'external' ? [lazyChunks] : [],
    });
  } catch (error) {
    const messages = (error.errors ?? []).map((e) => e.text);
    const missing = messages.map((m) => MISSING_EXPORT.exec(m)).filter(Boolean);
    if (missing.length > 0 && missing.length === messages.length) {
      const names = missing.map(([, file, name]) => `${name} (${packageOf(file)})`);
      return { status: 'missing', reason: `export ${names.join(', ')} not found` };
    }
    const unresolved = messages.map((m) => UNRESOLVED.exec(m)?.[1]).find(Boolean);
    const hint = unresolved?.startsWith('@groupkit/')
      ? ' (no dist/? run `npm run build:packages` first)'
      : '';
    throw new Error(`esbuild could not bundle the entry: ${messages.join('; ')}${hint}`, {
      cause: error,
    });
  }
  const code = Buffer.concat(result.outputFiles.map((f) => Buffer.from(f.contents)));
  return {
    status: 'ok',
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    inputs: Object.keys(result.metafile.inputs),
    byPackage: minifiedBytesByPackage(result.metafile),
    // Whether the entry reaches a dynamic import (then measured again with it inlined).
    splits: Object.values(result.metafile.inputs).some((input) =>
      input.imports.some((i) => i.kind === 'dynamic-import'),
    ),
  };
}

/** Minified bytes each package put in the output, largest first: where to look when over. */
function minifiedBytesByPackage(metafile) {
  const totals = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput === 0) continue;
      const name = packageOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes }));
}

/** "node_modules/@tanstack/query-core/build/x.js" → "@tanstack/query-core"; "packages/react/dist/index.js" → "@groupkit/react". */
export function packageOf(input) {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inModules) return inModules[1];
  const workspace = /^packages\/([^/]+)\//.exec(input);
  return workspace ? `@groupkit/${workspace[1]}` : input;
}

/**
 * A budget with `beyond` measures what its entry adds on top of that other entry (both
 * bundled with the same externals): the own code of a widget that composes other widgets,
 * which are budgeted on their own.
 */
async function measureBudget(budget) {
  const measured = await measureEntry(budget);
  if (!budget.beyond || measured.status !== 'ok') return measured;
  const base = await measureEntry({ ...budget, entry: budget.beyond });
  if (base.status !== 'ok') return base;
  return {
    ...measured,
    minified: measured.minified - base.minified,
    gzip: measured.gzip - base.gzip,
    lazyGzip: measured.lazyGzip - base.lazyGzip,
  };
}

/** Measures every budget; each row carries `over` (bytes past its limit, 0 when within). */
export async function measureBudgets(budgets) {
  const rows = [];
  for (const budget of budgets) {
    const measured = await measureBudget(budget);
    const over =
      measured.status === 'ok' && budget.limitBytes !== undefined
        ? Math.max(0, measured.gzip - budget.limitBytes)
        : 0;
    rows.push({ ...budget, ...measured, over });
  }
  return rows;
}
