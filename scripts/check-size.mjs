// `npm run size`: the size budgets of issue #7, measured from the built dist/ (run
// `npm run build:packages` first). Fails when a budget is exceeded, or when the demo's
// production build pointed at a real API bundles MSW, jsdom or a Node-only module.
// A budget whose entry names an export that does not exist fails too: a renamed or removed
// export must not turn its budget into one that measures nothing.
//
//   node scripts/check-size.mjs [--budgets bench/budgets.json]
import { resolve } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { collectDemoModules, forbiddenModules } from '../bench/demoModules.mjs';
import { formatKb, measureBudgets, readBudgets, ROOT } from '../bench/size.mjs';
import { formatTable } from '../bench/table.mjs';

const { values } = parseArgs({
  options: { budgets: { type: 'string', default: resolve(ROOT, 'bench/budgets.json') } },
});

const { budgets, demo } = await readBudgets(resolve(values.budgets));
const rows = await measureBudgets(budgets);

const verdict = (row) => {
  if (row.status === 'missing') return `MISSING: ${row.reason}`;
  if (row.over > 0) return `OVER by ${formatKb(row.over)}`;
  if (row.limitBytes === undefined) return 'reported (no budget)';
  return `ok (${Math.round((100 * row.gzip) / row.limitBytes)}%)`;
};
// Chunks an entry loads only on demand (`import()`), outside the budget, shown beside it.
const onDemand = (row) => (row.lazyGzip > 0 ? ` + ${formatKb(row.lazyGzip)} on demand` : '');
console.log(
  'Size budgets: esbuild --minify (browser, NODE_ENV=production, import() split as app bundlers do: what loads up front), gzip -9, 1 kB = 1000 B\n',
);
console.log(
  formatTable(
    ['budget', 'gzip', 'limit', 'status'],
    rows.map((row) => [
      row.name,
      row.status === 'ok' ? formatKb(row.gzip) : '-',
      row.limitBytes === undefined ? '-' : formatKb(row.limitBytes),
      verdict(row) + onDemand(row),
    ]),
  ),
);

const problems = [];
for (const row of rows.filter((r) => r.status === 'missing')) {
  problems.push(
    `"${row.name}" measures nothing: ${row.reason}. Fix the budget's entry in the budgets file, or the export it names.`,
  );
}
for (const row of rows.filter((r) => r.over > 0)) {
  const biggest = row.byPackage
    .slice(0, 3)
    .map((p) => `${p.name} ${formatKb(p.bytes)} minified`)
    .join(', ');
  problems.push(
    `"${row.name}" is ${formatKb(row.gzip)} gzip, over its ${formatKb(row.limitBytes)} budget by ${formatKb(row.over)} (largest parts: ${biggest}).`,
  );
}

if (demo) {
  const label = `Demo production build with VITE_GROUPKIT_BASE_URL=${demo.baseUrl}`;
  try {
    const { modules } = await collectDemoModules({ baseUrl: demo.baseUrl });
    const offenders = forbiddenModules(modules, demo.forbidden);
    console.log(
      `\n${label}: ${modules.length} modules bundled, ` +
        (offenders.length === 0
          ? `none matching ${demo.forbidden.join(', ')}.`
          : `${offenders.length} forbidden:`),
    );
    for (const { id, fragment } of offenders) console.log(`  ${id}  (matches "${fragment}")`);
    if (offenders.length > 0) {
      problems.push(
        `The demo pointed at a real API bundles ${offenders.length} module(s) it must not (MSW, jsdom or Node-only): load them only in mock mode, behind a dynamic import.`,
      );
    }
  } catch (error) {
    const reason = stripVTControlCharacters(String(error.message))
      .split('\n')
      .filter((l) => l.trim())
      .slice(0, 3);
    console.log(`\n${label}: the build failed.`);
    problems.push(
      `The demo build failed, so its modules were not checked:\n  ${reason.join('\n  ')}`,
    );
  }
}

if (problems.length > 0) {
  console.error(`\nsize check FAILED:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nsize check passed.');
}
