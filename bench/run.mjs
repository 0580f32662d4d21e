// `npm run bench` (builds the packages first): bundle sizes next to their budgets and the
// peers', the demo's module check, then every runtime figure of bench/measurements.mjs.
// Prints tables and writes bench/results.json. A benchmark, not a test: it fails only when
// it cannot measure at all.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { collectDemoModules, forbiddenModules } from './demoModules.mjs';
import { installDom } from './dom.mjs';
import { sections } from './measurements.mjs';
import { formatKb, measureBudgets, readBudgets, ROOT } from './size.mjs';
import { formatTable } from './table.mjs';

/** The installed version of a package, or null when it is not installed here. */
async function installedVersion(name) {
  // Read from node_modules directly: many packages' `exports` hide their package.json.
  const file = resolve(ROOT, 'node_modules', name, 'package.json');
  return readFile(file, 'utf8').then(
    (text) => JSON.parse(text).version,
    () => null,
  );
}

async function measureSizes() {
  const { budgets, peers, demo } = await readBudgets(resolve(ROOT, 'bench/budgets.json'));
  const ours = await measureBudgets(budgets);
  const reference = ours.find((row) => row.comparePeers && row.status === 'ok');
  const theirs = [];
  for (const peer of peers) {
    const versions = await Promise.all(
      peer.packages.map(async (name) => [name, await installedVersion(name)]),
    );
    const version = versions.map(([name, v]) => `${name}@${v ?? '-'}`).join(' ');
    if (versions.some(([, v]) => v === null)) {
      theirs.push({ ...peer, version, status: 'not installable here' });
    } else {
      const [row] = await measureBudgets([peer]).catch((error) => [
        { ...peer, status: `could not bundle: ${error.message}` },
      ]);
      theirs.push({ ...row, version });
    }
  }
  const { modules } = await collectDemoModules({ baseUrl: demo.baseUrl });
  const offenders = forbiddenModules(modules, demo.forbidden);
  return { ours, theirs, reference, demo: { ...demo, modules: modules.length, offenders } };
}

function sizeTable({ ours, theirs, reference, demo }) {
  const rows = ours.map((row) => [
    row.name,
    row.status === 'ok' ? formatKb(row.gzip) : '-',
    row.status === 'ok' ? formatKb(row.minified) : '-',
    row.limitBytes === undefined ? '-' : `≤ ${formatKb(row.limitBytes)}`,
    row.status !== 'ok'
      ? `MISSING: ${row.reason}`
      : row.over > 0
        ? `OVER by ${formatKb(row.over)}`
        : row.limitBytes === undefined
          ? 'reported'
          : 'ok',
  ]);
  // The aim: at least twice as small as every peer, and close to the floor.
  for (const row of theirs) {
    const ratio = reference && row.gzip ? row.gzip / reference.gzip : undefined;
    const verdict = row.floor || ratio === undefined ? '' : ratio >= 2 ? ': ok' : ': MISSED';
    rows.push([
      `${row.name} [${row.version}]`,
      row.gzip ? formatKb(row.gzip) : '-',
      row.minified ? formatKb(row.minified) : '-',
      row.floor ? 'floor' : '≥ 2× ours',
      row.status === 'ok' ? `${ratio?.toFixed(2) ?? '?'}× ours${verdict}` : row.status,
    ]);
  }
  rows.push([
    `demo build, VITE_GROUPKIT_BASE_URL=${demo.baseUrl}: ${demo.modules} modules`,
    '-',
    '-',
    `none of ${demo.forbidden.join(' ')}`,
    demo.offenders.length === 0 ? 'ok' : `FAIL: ${demo.offenders.map((o) => o.id).join(', ')}`,
  ]);
  return formatTable(
    ['bundle (esbuild --minify, gzip -9)', 'gzip', 'minified', 'goal', 'status'],
    rows,
  );
}

/** Whether every export an entry requires exists in the built package; the first missing one otherwise. */
async function missingExport(requires = []) {
  for (const [module, name] of requires) {
    const exports = await import(module).catch(() => ({}));
    if (exports[name] === undefined) return `${name} (${module})`;
  }
  return null;
}

async function runSections() {
  const results = [];
  for (const section of sections) {
    const missing = await Promise.all(section.entries.map((e) => missingExport(e.requires)));
    const runnable = section.entries.some((e, i) => e.measure && !missing[i]);
    const context = runnable && section.setup ? await section.setup() : undefined;
    try {
      for (const [i, entry] of section.entries.entries()) {
        const row = { section: section.name, name: entry.name, unit: entry.unit, goal: entry.goal };
        if (missing[i]) Object.assign(row, { status: `pending: export ${missing[i]} not found` });
        else if (!entry.measure) Object.assign(row, { status: 'pending: not measured yet' });
        else {
          try {
            Object.assign(row, await entry.measure(context));
            const max = entry.goal?.max;
            row.status =
              max === undefined
                ? 'reported'
                : row.value <= max
                  ? 'ok'
                  : `MISSED by ${row.value - max}`;
          } catch (error) {
            row.status = `error: ${error.message}`;
          }
        }
        results.push(row);
        console.error(`bench: ${section.name} / ${entry.name}: ${row.value ?? row.status}`);
      }
    } finally {
      if (context !== undefined) await section.teardown?.(context);
    }
  }
  return results;
}

function runtimeTable(rows) {
  return formatTable(
    ['section', 'figure', 'value', 'goal', 'status', 'note'],
    rows.map((row) => [
      row.section,
      row.name,
      row.value === undefined ? '-' : `${row.value} ${row.unit}`,
      row.goal ? `≤ ${row.goal.max} ${row.unit}` : '-',
      row.status,
      row.note ?? '',
    ]),
  );
}

// Timings are wall-clock: on a busy machine (a test suite or build alongside) every figure
// grows, the 1,000-group mount from about 40 ms quiet to over 100 ms at a load of 10. The
// load average before and after is printed and kept with the results to read them against.
const loadBefore = loadavg()[0];
const sizes = await measureSizes();
// After the demo build (Vite should not see a DOM), before anything imports React Query.
installDom();
const runtime = await runSections();

const loadAfter = loadavg()[0];
console.log(
  `\nGroupKit bench: Node ${process.version}, ${cpus().length} cores, load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after\n`,
);
console.log(sizeTable(sizes));
console.log(`\n${runtimeTable(runtime)}`);

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cores: cpus().length,
  loadAverage: { before: loadBefore, after: loadAfter },
  sizes: {
    method: 'esbuild bundle, minify, browser, NODE_ENV=production; gzip -9; 1 kB = 1000 B',
    budgets: sizes.ours.map(
      ({ name, status, reason, gzip, minified, limitBytes, over, byPackage }) => ({
        name,
        status,
        reason,
        gzip,
        minified,
        limit: limitBytes,
        over,
        byPackage,
      }),
    ),
    peers: sizes.theirs.map(({ name, version, status, gzip, minified }) => ({
      name,
      version,
      status,
      gzip,
      minified,
      timesOurs:
        gzip && sizes.reference ? Number((gzip / sizes.reference.gzip).toFixed(2)) : undefined,
    })),
    demo: sizes.demo,
  },
  runtime,
};
const file = resolve(ROOT, 'bench/results.json');
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${file.slice(ROOT.length + 1)}`);
// Unmounted queries keep React Query's garbage-collection timers (5 minutes) alive.
process.exit(0);
