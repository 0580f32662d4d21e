// Runs after `build:packages`: proves what apps will import is really there and shaped right.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REACT_ENTRIES = {
  '@groupkit/react': ['.', './flows'],
  '@groupkit/widgets': ['.', './onboarding', './flows'],
};
const NO_REACT = ['@groupkit/client', '@groupkit/mock-api', '@groupkit/server'];
/** Installed and run, never bundled into an app: tree-shaking hints do not apply. */
const SERVICES = ['@groupkit/server'];
const problems = [];

for (const dir of ['client', 'mock-api', 'react', 'widgets', 'server']) {
  const root = join('packages', dir);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const conditions = typeof target === 'string' ? { default: target } : target;
    for (const [condition, file] of Object.entries(conditions)) {
      if (condition === 'source') continue;
      if (!existsSync(join(root, file)))
        problems.push(`${pkg.name} "${subpath}" (${condition}): ${file} was not built`);
    }
    const js = conditions.default;
    if (!js?.endsWith('.js') || !existsSync(join(root, js))) continue;
    const code = readFileSync(join(root, js), 'utf8');
    if (REACT_ENTRIES[pkg.name]?.includes(subpath) && !/^["']use client["'];/.test(code)) {
      problems.push(
        `${pkg.name} "${subpath}": ${js} must start with 'use client' for React Server Components`,
      );
    }
    if (NO_REACT.includes(pkg.name) && /from\s*["']react(-dom)?["/]/.test(code)) {
      problems.push(`${pkg.name} "${subpath}": ${js} imports React; it must not`);
    }
  }
  if (
    !SERVICES.includes(pkg.name) &&
    pkg.sideEffects !== false &&
    !(Array.isArray(pkg.sideEffects) && pkg.sideEffects.every((p) => p.endsWith('.css')))
  ) {
    problems.push(`${pkg.name}: sideEffects must be false (CSS files excepted)`);
  }
}

// The built command runs: `groupkit-server --help` from dist, as an installed package would.
{
  const { spawnSync } = await import('node:child_process');
  const help = spawnSync(process.execPath, ['packages/server/bin/groupkit-server.mjs', '--help'], {
    encoding: 'utf8',
  });
  if (help.status !== 0 || !help.stdout.includes('groupkit-server start')) {
    problems.push(
      `@groupkit/server: the built bin did not print its usage (${help.stderr.trim()})`,
    );
  }
  // The core entry a server imports must not pull MSW in.
  const core = readFileSync('packages/mock-api/dist/core.js', 'utf8');
  if (/from\s*["']msw/.test(core))
    problems.push('@groupkit/mock-api "./core" imports msw; it must not');
}

if (problems.length > 0) {
  console.error(`Package check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  'Package check: every export target built, React entries keep "use client", client has no React.',
);
