import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/** Where the console is served. */
export const CONSOLE_PATH = '/admin';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * The console's own scripts, styles, images and fonts, and API calls to this origin; nothing
 * inline, nothing from elsewhere, never framed.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A bundler's content-hashed file (`assets/index-B1x9zQ_k.js`): it never changes under its name. */
const HASHED = /^assets\/.+[-.][\w-]{8,}\.\w+$/;

const notFound = () =>
  new Response('Not found\n', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });

/** The path's segments under the console, decoded; null for one that could leave the folder. */
function segmentsOf(pathname: string): string[] | null {
  const rest = pathname.slice(CONSOLE_PATH.length + 1);
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.') continue;
    // `..`, and anything a decoded `%2F`, `%5C` or `%00` smuggles in.
    if (segment === '..' || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/**
 * Serves a built single-page console from `dir` under `/admin/`: its files with their
 * content types (`nosniff`), content-hashed assets cached for a year, anything else
 * revalidated; a path that is no file and has no extension is a client-side route, answered
 * with `index.html` (under a strict Content-Security-Policy). Nothing outside `dir` is
 * served, however the path is encoded, and no symbolic link out of it is followed.
 */
export function createConsoleHandler(dir: string) {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new TypeError(
      `The console folder ${root} has no index.html: build the console into it, or serve none (leave out --console-dir, GROUPKIT_CONSOLE_DIR or consoleDir).`,
    );
  }
  const realRoot = realpath(root);

  async function fileOf(segments: string[]): Promise<string | null> {
    const path = join(root, ...segments);
    if (path !== root && !path.startsWith(root + sep)) return null;
    try {
      if (!(await stat(path)).isFile()) return null;
      const real = await realpath(path);
      const base = await realRoot;
      return real.startsWith(base + sep) ? real : null;
    } catch {
      return null;
    }
  }

  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const url = new URL(request.url);
    if (url.pathname === CONSOLE_PATH) {
      return new Response(null, {
        status: 308,
        headers: { location: `${CONSOLE_PATH}/${url.search}` },
      });
    }
    const segments = segmentsOf(url.pathname);
    if (segments === null) return notFound();
    const relative = segments.join('/');
    let file = await fileOf(segments);
    if (file === null) {
      // A client-side route (`/admin/groups/beta`), not a missing asset (`/admin/app.js`).
      if (extname(relative) !== '') return notFound();
      file = await fileOf(['index.html']);
      if (file === null) return notFound();
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'cache-control': HASHED.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = CONSOLE_CSP;
      headers['x-frame-options'] = 'DENY';
    }
    const body = await readFile(file);
    headers['content-length'] = String(body.byteLength);
    return new Response(request.method === 'HEAD' ? null : body, { headers });
  };
}
