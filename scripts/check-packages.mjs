// Runs after `build:packages`: proves what apps will import is really there and shaped right.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REACT_ENTRIES = { '@groupkit/react': ['.'], '@groupkit/widgets': ['.', './onboarding'] };
const NO_REACT = ['@groupkit/client', '@groupkit/mock-api'];
const problems = [];

for (const dir of ['client', 'mock-api', 'react', 'widgets']) {
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
    pkg.sideEffects !== false &&
    !(Array.isArray(pkg.sideEffects) && pkg.sideEffects.every((p) => p.endsWith('.css')))
  ) {
    problems.push(`${pkg.name}: sideEffects must be false (CSS files excepted)`);
  }
}

if (problems.length > 0) {
  console.error(`Package check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  'Package check: every export target built, React entries keep "use client", client has no React.',
);
