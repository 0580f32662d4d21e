import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, inject, it } from 'vitest';

// Every browser build the project's setup made (`builds`): the demo and the console on the
// mock (`e2e`); the demo built for the server and the console it serves at /admin/
// (`e2e:server`; the demo there is the end-user app alone). A browser gets every file of
// them, so none may hold a secret key.
const builds = inject('builds');
const app = fileURLToPath(new URL('..', import.meta.url));

/** Any secret key, test or live, as the mock and the server make them (not a display prefix). */
const SECRET_KEY = /sk_(test|live)_[A-Za-z0-9]{8,}/;

/** Every file under `dir` (HTML, chunks, styles, the MSW worker, source maps if any), read. */
async function filesOf(dir: string): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { file: relative(app, path), text: await readFile(path, 'latin1') };
      }),
  );
}

it('the pattern finds a secret key, and not the 12-character prefix the console shows', () => {
  expect(SECRET_KEY.test('sk_live_Ab3dEf9hIjKlMnOpQrStUvWxYz012345')).toBe(true);
  expect(SECRET_KEY.test('sk_test_groupkit_1234')).toBe(true);
  expect(SECRET_KEY.test('sk_live_abcd…')).toBe(false);
});

it.each(builds)(
  'ships no secret key in any file of %s: the console signs in with a session',
  async (build) => {
    const files = await filesOf(join(app, build));
    // Not vacuous: the build is there, with code that calls the API, and what it must hold:
    // the console (its sign-in), or the server's address the demo was built for.
    expect(files.filter(({ file }) => file.endsWith('.js')).length, build).toBeGreaterThan(0);
    const holds = (text: string) => files.some((file) => file.text.includes(text));
    expect(holds('/v1'), `${build} calls the API`).toBe(true);
    if (build === 'dist-server') {
      expect(holds(inject('demoApiUrl')), `${build} is built for the server`).toBe(true);
    } else {
      expect(holds('/operator-session'), `${build} holds the console`).toBe(true);
    }
    const leaks = files.flatMap(({ file, text }) => {
      const found = SECRET_KEY.exec(text);
      return found ? [`${file}: ${found[0].slice(0, 12)}…`] : [];
    });
    expect(leaks).toEqual([]);
    // The demo on the mock carries the mock (its publishable key), in a lazy chunk: the scan
    // reads the chunks a page loads later too.
    if (build === 'dist') expect(holds('pk_test_groupkit')).toBe(true);
  },
);

it('scans at least the console build', () => {
  expect(builds).toContain('dist-console');
});
