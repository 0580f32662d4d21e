import { eq } from 'drizzle-orm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../connect';
import { migrateDatabase } from '../migrate';
import { projects, userGroups } from '../schema';

describe('PGlite in a directory', () => {
  let root: string | undefined;
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  // Two PGlite starts (3-5 s each, more on a busy machine).
  it('keeps rows across close and reopen', { timeout: 60_000 }, async () => {
    root = await mkdtemp(join(tmpdir(), 'groupkit-pglite-'));
    // Created recursively when missing.
    const dataDir = join(root, 'nested', 'data');

    const first = await openDatabase(dataDir);
    try {
      expect(first.kind).toBe('pglite');
      expect(first.label).toBe(`PGlite at ${dataDir}`);
      await migrateDatabase(first);
      await first.db.insert(projects).values({ id: 'prj_1', identityVerification: true });
      await first.db.insert(userGroups).values({
        projectId: 'prj_1',
        id: 'grp_1',
        slug: 'beta',
        legacyId: 1001,
        data: { id: 'grp_1', slug: 'beta', name: 'Beta' } as never,
      });
    } finally {
      await first.close();
    }

    const second = await openDatabase(dataDir);
    try {
      await migrateDatabase(second); // already applied: a no-op
      expect(await second.db.select().from(projects)).toEqual([
        expect.objectContaining({ id: 'prj_1', identityVerification: true, nextLegacyId: 1001 }),
      ]);
      const [group] = await second.db
        .select()
        .from(userGroups)
        .where(eq(userGroups.projectId, 'prj_1'));
      expect(group).toMatchObject({
        id: 'grp_1',
        slug: 'beta',
        legacyId: 1001,
        memberCount: 0,
        seq: 1,
        data: { id: 'grp_1', slug: 'beta', name: 'Beta' },
      });
    } finally {
      await second.close();
    }
  });
});
