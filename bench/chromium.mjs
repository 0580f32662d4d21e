// The 1,000-group directory in headless Chromium (scripts/chromium.mjs: the binary and its
// flags), driven by playwright-core. bench/chromium/directoryPage.tsx is bundled twice with
// esbuild from the built packages, both with NODE_ENV=production: as is (the figures), and
// with react-dom/profiling (Profiler actualDuration, a cross-check). Each run gets a fresh
// browser context and page; the figures are medians over the runs.
/* global window -- the page.evaluate and waitForFunction callbacks run in the page */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromiumArgs, chromiumMissingMessage, chromiumPath } from '../scripts/chromium.mjs';
import { ROOT } from './size.mjs';

/** Runs per build (production, profiling), alternated so both see the same machine noise. */
export const CHROMIUM_RUNS = 7;
/** The page's origin: served by Playwright's router, never by a network. */
const ORIGIN = 'https://bench.groupkit.test';
const PAGE = resolve(ROOT, 'bench/chromium/directoryPage.tsx');
const STYLES = resolve(ROOT, 'packages/widgets/dist/styles.css');
const SWITCH_NAME = 'Product newsletter';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value, digits = 1) => Number(value.toFixed(digits));

/** The page as one IIFE script: production React (react-dom/profiling when `profiling`). */
export async function bundlePage({ profiling = false } = {}) {
  const result = await build({
    entryPoints: [PAGE],
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: profiling ? { 'react-dom/client': 'react-dom/profiling' } : {},
  });
  const fromSource = Object.keys(result.metafile.inputs).filter((input) =>
    /^packages\/[^/]+\/src\//.test(input),
  );
  if (fromSource.length > 0) {
    throw new Error(`the page bundled package sources, not dist: ${fromSource.join(', ')}`);
  }
  return result.outputFiles[0].text;
}

const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>GroupKit bench: 1,000-group directory</title>
    <link rel="stylesheet" href="/styles.css" />
  </head>
  <body>
    <script src="/page.js"></script>
  </body>
</html>`;

/** Summed durations (ms) of a CDP Performance.getMetrics reading. */
async function readMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const byName = Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  return {
    script: byName.ScriptDuration * 1000,
    layout: (byName.LayoutDuration + byName.RecalcStyleDuration) * 1000,
  };
}

/** One fresh page: mount the directory, then click the newsletter switch once. */
async function runOnce(browser, files) {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  try {
    await context.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = files[path];
      return file
        ? route.fulfill({ status: 200, contentType: file.type, body: file.body })
        : route.fulfill({ status: 404, body: 'not found' });
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => window.groupkitBench?.ready === true);

    const before = await readMetrics(cdp);
    const mount = await page.evaluate(() => window.groupkitBench.mount());
    const after = await readMetrics(cdp);
    mount.cdpScriptMs = after.script - before.script;
    mount.cdpLayoutMs = after.layout - before.layout;
    if (mount.rows === 0) throw new Error('the directory mounted without rows');

    // Let passive effects and the first frame pass, as a user's click would.
    await page.waitForTimeout(200);
    const target = page.getByRole('switch', { name: SWITCH_NAME, exact: true });
    await target.waitFor();
    await page.evaluate(() => window.groupkitBench.armToggle());
    await target.click();
    await page.waitForFunction(() => window.groupkitBench.toggleSettled(), null, {
      timeout: 5000,
    });
    await page.waitForTimeout(100);
    const toggle = await page.evaluate(() => window.groupkitBench.toggleResult());
    if (errors.length > 0) throw new Error(`page error: ${errors.join('; ')}`);
    return { mount, toggle };
  } finally {
    await context.close();
  }
}

/**
 * The section's context. Never throws: without Chromium (or a page that fails to build),
 * each entry reports the error instead of stopping the whole bench.
 */
export async function createChromiumBench({ runs = CHROMIUM_RUNS } = {}) {
  let browser;
  let results;
  async function measureAll() {
    const missing = chromiumMissingMessage();
    if (missing) throw new Error(missing);
    const [production, profiling, styles] = await Promise.all([
      bundlePage(),
      bundlePage({ profiling: true }),
      readFile(STYLES, 'utf8'),
    ]);
    const filesOf = (script) => ({
      '/': { type: 'text/html', body: html },
      '/page.js': { type: 'text/javascript', body: script },
      '/styles.css': { type: 'text/css', body: styles },
    });
    // Imported here: the bench installs a jsdom global DOM, which playwright-core never needs.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const version = browser.version();
    const runsOf = { production: [], profiling: [] };
    for (let i = 0; i < runs; i++) {
      runsOf.production.push(await runOnce(browser, filesOf(production)));
      runsOf.profiling.push(await runOnce(browser, filesOf(profiling)));
    }
    return { version, runs, ...runsOf };
  }
  const all = () => (results ??= measureAll());

  const of = (list, part, key) => median(list.map((run) => run[part][key]));
  const samples = (list, part, key) => list.map((run) => round(run[part][key], 2));
  const range = (list, part) => {
    const values = samples(list, part, 'ms');
    return `${round(Math.min(...values))}–${round(Math.max(...values))}`;
  };

  return {
    async mount() {
      const r = await all();
      const value = round(of(r.production, 'mount', 'ms'));
      const rows = r.production[0].mount.rows;
      const firstCommitRows = r.production.every((run) => run.mount.rowsInFirstCommit > 0);
      return {
        value,
        note:
          `median of ${r.runs} fresh pages (range ${range(r.production, 'mount')} ms), Chromium ` +
          `${r.version}, production React, cold page: root.render() → ` +
          `commit with ${rows} of 1,000 rows in the DOM (layout effect${firstCommitRows ? ', first commit' : ''}; ` +
          `initialData, so no request). Then style+layout ${round(of(r.production, 'mount', 'layoutMs'))} ms ` +
          `(forced). Cross-checks: CDP ScriptDuration over the mount call ` +
          `${round(of(r.production, 'mount', 'cdpScriptMs'))} ms; profiling build: render→commit ` +
          `${round(of(r.profiling, 'mount', 'ms'))} ms, Profiler actualDuration ` +
          `${round(of(r.profiling, 'mount', 'actualDuration'))} ms`,
        samples: {
          production: samples(r.production, 'mount', 'ms'),
          profiling: samples(r.profiling, 'mount', 'ms'),
          profilingActualDuration: samples(r.profiling, 'mount', 'actualDuration'),
          cdpScriptMs: samples(r.production, 'mount', 'cdpScriptMs'),
          layoutMs: samples(r.production, 'mount', 'layoutMs'),
        },
      };
    },
    async firstToggleCommit() {
      const r = await all();
      const value = round(of(r.production, 'toggle', 'ms'));
      return {
        value,
        note:
          `median of ${r.runs} fresh pages (range ${range(r.production, 'toggle')} ms), production ` +
          `React: Playwright click on the ` +
          `"${SWITCH_NAME}" switch; click dispatch (window capture listener) → first DOM change ` +
          `(MutationObserver). Profiling build: click → first commit ` +
          `${round(of(r.profiling, 'toggle', 'profiledMs'))} ms, its Profiler actualDuration ` +
          `${round(of(r.profiling, 'toggle', 'actualDuration'), 2)} ms, ` +
          `${of(r.profiling, 'toggle', 'commits')} commits until the server answered`,
        samples: {
          production: samples(r.production, 'toggle', 'ms'),
          profiling: samples(r.profiling, 'toggle', 'profiledMs'),
          profilingActualDuration: samples(r.profiling, 'toggle', 'actualDuration'),
          profilingCommits: r.profiling.map((run) => run.toggle.commits),
        },
      };
    },
    async close() {
      await results?.catch(() => {});
      await browser?.close();
    },
  };
}
