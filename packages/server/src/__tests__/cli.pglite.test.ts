/**
 * `groupkit-server start` on a PGlite directory, as real processes: what survives a crash,
 * and seeding over data (refused without `--reset`, a clean slate with it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllStarted, READY_LINE, runCli, startCli } from './support/cliProcess';
import { membershipSlugs } from './support/http';
import { checkChangeSurvivesKill, expectOneReadinessLine } from './support/restarts';

describe('groupkit-server start on a PGlite directory', () => {
  let root = '';
  let dataDir = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'groupkit-cli-pglite-'));
    dataDir = join(root, 'data');
  });
  afterAll(async () => {
    await killAllStarted();
    await rm(root, { recursive: true, force: true });
  });

  // Three PGlite starts in a row.
  it(
    'serves the seeded scenario and keeps a change across SIGKILL and restarts',
    { timeout: 240_000 },
    async () => {
      await checkChangeSurvivesKill(dataDir, `PGlite at ${dataDir}`);
    },
  );

  it(
    'refuses --scenario on a database holding data (exit 1, says --reset); --reset reseeds',
    { timeout: 180_000 },
    async () => {
      const refused = await runCli([
        'start',
        '--database',
        dataDir,
        '--port',
        '0',
        '--scenario',
        'default',
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--reset');
      expect(refused.stdout).not.toMatch(READY_LINE);

      const reset = await startCli([
        '--database',
        dataDir,
        '--port',
        '0',
        '--scenario',
        'default',
        '--reset',
      ]);
      expectOneReadinessLine(reset, `PGlite at ${dataDir}`);
      expect(await membershipSlugs(reset.url, 'u_alan')).not.toContain('newsletter');
      reset.process.child.kill('SIGTERM');
      expect(await reset.process.waitForExit()).toEqual({ code: 0, signal: null });
    },
  );
});
