/**
 * The built console served under `/admin/` (`consoleDir`): files with their types,
 * client-side routes answered with index.html under a strict CSP, hashed assets cached,
 * and nothing outside the folder, however the path is written. No database is touched.
 */
import { serve } from '@hono/node-server';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP } from '../app/console';
import { createApp, type GroupKitApp } from '../app/createApp';
import { parseCommandLine } from '../cli/options';
import type { Database } from '../db/connect';
import { responseOf } from './support/http';

/** Serving files needs no database: routes that would use one are not called here. */
const noDatabase = { kind: 'pglite' } as unknown as Database;
const INDEX =
  '<!doctype html><title>GroupKit console</title><script type="module" src="/admin/assets/index-B1x9zQ_k.js"></script>';
const SECRET = 'outside the console folder';

let root = '';
let dir = '';
let app: GroupKitApp;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'groupkit-console-'));
  dir = join(root, 'console');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), INDEX);
  await writeFile(join(dir, 'assets', 'index-B1x9zQ_k.js'), 'console.log("app")');
  await writeFile(join(dir, 'assets', 'index-Dq2w8PzA.css'), 'body{}');
  await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(root, 'secret.txt'), SECRET);
  await symlink(root, join(dir, 'link-out'));
  app = createApp({ database: noDatabase, consoleDir: dir });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const get = (path: string, method = 'GET') =>
  app.fetch(new Request(`http://127.0.0.1:8787${path}`, { method }));

describe('the console at /admin/', () => {
  it('answers index.html for the root and any client-side route, under a strict CSP', async () => {
    for (const path of [
      '/admin/',
      '/admin/groups/beta',
      '/admin/operators?page=2',
      '/admin/assets',
    ]) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    }
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).toContain("connect-src 'self'");
    expect(CONSOLE_CSP).not.toContain('unsafe');
    const bare = await get('/admin?x=1');
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/admin/?x=1');
  });

  it('serves files with their content types; hashed assets are cached for good', async () => {
    const script = await get('/admin/assets/index-B1x9zQ_k.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect(await script.text()).toBe('console.log("app")');
    const style = await get('/admin/assets/index-Dq2w8PzA.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await get('/admin/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    const head = await get('/admin/favicon.svg', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('41');
    expect(await head.text()).toBe('');
    // A missing file is not a page: no index.html served as JavaScript.
    expect((await get('/admin/assets/gone-A1b2C3d4.js')).status).toBe(404);
    expect((await get('/admin/', 'POST')).status).toBe(405);
  });

  it('serves nothing outside its folder, however the path is encoded', async () => {
    for (const path of [
      '/admin/..%2fsecret.txt',
      '/admin/..%2F..%2Fsecret.txt',
      '/admin/%2e%2e%2fsecret.txt',
      '/admin/assets/..%2f..%2f..%2fsecret.txt',
      '/admin/..%5csecret.txt',
      '/admin/%2e%2e%5csecret.txt',
      '/admin/secret.txt%00.js',
      '/admin/link-out/secret.txt',
      '/admin/%E0%A4%A',
    ]) {
      const response = await get(path);
      const text = await response.text();
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(text).not.toContain(SECRET);
    }
    // Through a real socket, with the dots as sent (no client normalising them).
    let server: Server | undefined;
    try {
      server = await new Promise<Server>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
          resolve(s as Server),
        ) as Server;
      });
      const { port } = server.address() as AddressInfo;
      for (const path of [
        '/admin/../secret.txt',
        '/admin/../../secret.txt',
        '/admin/./../secret.txt',
      ]) {
        const answer = await responseOf(request({ host: '127.0.0.1', port, path }).end());
        expect({ path, status: answer.status }).toEqual({ path, status: 404 });
        expect(answer.text).not.toContain(SECRET);
      }
    } finally {
      await new Promise((resolve) => server?.close(resolve));
    }
  });

  it('is off unless given, and refuses a folder without index.html', async () => {
    const without = createApp({ database: noDatabase });
    expect((await without.fetch(new Request('http://127.0.0.1/admin/'))).status).toBe(404);
    expect(() => createApp({ database: noDatabase, consoleDir: join(root, 'nope') })).toThrow(
      'has no index.html',
    );
    expect(parseCommandLine(['start', '--console-dir', dir], {}).consoleDir).toBe(dir);
    expect(parseCommandLine(['start'], { GROUPKIT_CONSOLE_DIR: dir }).consoleDir).toBe(dir);
    expect(parseCommandLine(['start'], { GROUPKIT_CONSOLE_DIR: '' }).consoleDir).toBeUndefined();
  });
});
