// Inlines src/styles.css's `@import './styles/x.css';` lines into one dist/styles.css, so apps
// load a single file (no extra requests, no bundler needed).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const entry = 'src/styles.css';
const css = readFileSync(entry, 'utf8').replace(/^@import\s+'([^']+)';\s*$/gm, (_, path) =>
  readFileSync(join(dirname(entry), path), 'utf8').trim(),
);
if (/@import/.test(css)) throw new Error('build-css: an @import was not inlined');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/styles.css', css);
