/**
 * `groupkit-server keys create`: the keys are printed once, only their SHA-256 hashes are
 * stored, and they work (and only for their project) against a started server.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connect';
import { dumpAllTables } from '../db/testDatabase';
import { killAllStarted, runCli, startCli } from './support/cliProcess';
import { callApi, PUBLISHABLE_KEY, SECRET_KEY } from './support/http';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('groupkit-server keys create', () => {
  let root = '';
  let dataDir = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'groupkit-cli-keys-'));
    dataDir = join(root, 'data');
  });
  afterAll(async () => {
    await killAllStarted();
    await rm(root, { recursive: true, force: true });
  });

  // Four PGlite starts: seed, keys create, the dump (in this process), the server.
  it(
    'prints a new project key pair once, stores only hashes, and the keys work for that project only',
    { timeout: 300_000 },
    async () => {
      const seeded = await runCli(['seed', '--scenario', 'default', '--database', dataDir]);
      expect(seeded).toMatchObject({ code: 0 });

      const created = await runCli(['keys', 'create', '--project', 'acme2', '--database', dataDir]);
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toContain(`Created project "acme2" in PGlite at ${dataDir}.`);
      const publishable = /Publishable key \(browsers\): (pk_live_[\w-]+)$/m.exec(
        created.stdout,
      )?.[1];
      const secret = /Secret key \(servers only\): +(sk_live_[\w-]+)$/m.exec(created.stdout)?.[1];
      if (!publishable || !secret) throw new Error(`no keys in:\n${created.stdout}`);
      // Each shown once, and never before (the seed printed neither).
      expect(created.stdout.split(publishable)).toHaveLength(2);
      expect(created.stdout.split(secret)).toHaveLength(2);
      expect(seeded.stdout).not.toContain(publishable.slice(8));

      const database = await openDatabase(dataDir);
      try {
        const dump = await dumpAllTables(database);
        expect(
          dump.api_keys?.filter((row) => (row as { projectId: string }).projectId === 'acme2'),
        ).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ kind: 'publishable', keyHash: sha256(publishable) }),
            expect.objectContaining({ kind: 'secret', keyHash: sha256(secret) }),
          ]),
        );
        expect(dump.api_keys).toHaveLength(4); // the demo pair and this one
        // Not in any row of any table, in any form the dump has (the 12-character display
        // prefix is not the key).
        const everything = JSON.stringify(dump);
        for (const key of [publishable, secret]) {
          expect(everything).not.toContain(key);
          expect(everything).not.toContain(key.slice(8));
        }
        // Nor in the raw rows as PostgreSQL prints them.
        const { rows: tables } = await database.query<{ name: string }>(
          "select table_name as name from information_schema.tables where table_schema = 'public'",
        );
        expect(tables.length).toBeGreaterThanOrEqual(Object.keys(dump).length);
        for (const { name } of tables) {
          const { rows } = await database.query<{ row: string }>(
            `select t::text as row from "${name}" t`,
          );
          const text = rows.map((r) => r.row).join('\n');
          expect(text).not.toContain(publishable.slice(8));
          expect(text).not.toContain(secret.slice(8));
        }
      } finally {
        await database.close();
      }

      const server = await startCli(['--database', dataDir, '--port', '0']);
      const emptyList = await callApi(server.url, '/v1/user-groups', { key: secret });
      expect(emptyList.status).toBe(200);
      expect(emptyList.body).toMatchObject({ data: [] });
      const denied = await callApi(server.url, '/v1/automations', { key: publishable });
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ error: { code: 'forbidden' } });
      const wrongMethod = await callApi(server.url, '/v1/user-groups', {
        key: publishable,
        json: { slug: 'nope', name: 'Nope' },
      });
      expect(wrongMethod.status).toBe(403);

      const launched = await callApi(server.url, '/v1/user-groups', {
        key: secret,
        json: { slug: 'acme2-launch', name: 'Acme2 launch' },
      });
      expect(launched.status).toBe(201);
      const acme2Groups = await callApi(server.url, '/v1/user-groups', { key: secret });
      expect((acme2Groups.body as { data: { slug: string }[] }).data.map((g) => g.slug)).toEqual([
        'acme2-launch',
      ]);
      const directory = await callApi(server.url, '/v1/user-groups', { key: publishable });
      expect(directory.status).toBe(200);

      // The command made both keys, as the audit log of acme2 (and only acme2) says: by the
      // command line, what the key listing shows of each, never the key.
      const keyList = await callApi(server.url, '/v1/api-keys', { key: secret });
      const listed = (keyList.body as { data: { id: string; kind: string }[] }).data;
      const audit = await callApi(server.url, '/v1/audit-log?actor=cli', { key: secret });
      expect(audit.status).toBe(200);
      const entries = (audit.body as { data: Record<string, unknown>[] }).data;
      expect(
        entries.map(({ actor, action, target, request, before, after }) => ({
          actor,
          action,
          target,
          request,
          before,
          after,
        })),
      ).toEqual(
        ['secret', 'publishable'].map((kind) => {
          const key = listed.find((k) => k.kind === kind);
          return {
            actor: { type: 'cli' },
            action: 'groupkit-server keys create',
            target: { type: 'api_key', id: key?.id },
            request: { project: 'acme2' },
            before: null,
            after: { key },
          };
        }),
      );
      expect(JSON.stringify(audit.body)).not.toContain(secret.slice(8));
      expect(JSON.stringify(audit.body)).not.toContain(publishable.slice(8));
      const demoAudit = await callApi(server.url, '/v1/audit-log?actor=cli', { key: SECRET_KEY });
      expect(demoAudit.body).toMatchObject({ data: [] });

      // The demo keys: their own project as before, nothing of acme2's.
      const demoGroups = await callApi(server.url, '/v1/user-groups?page_size=100', {
        key: SECRET_KEY,
      });
      expect(demoGroups.status).toBe(200);
      const demoSlugs = (demoGroups.body as { data: { slug: string }[] }).data.map((g) => g.slug);
      expect(demoSlugs).toContain('newsletter');
      expect(demoSlugs).not.toContain('acme2-launch');
      const acme2ByDemo = await callApi(server.url, '/v1/user-groups/acme2-launch', {
        key: SECRET_KEY,
      });
      expect(acme2ByDemo.status).toBe(404);
      const acme2ByDemoPk = await callApi(server.url, '/v1/user-groups/acme2-launch', {
        key: PUBLISHABLE_KEY,
      });
      expect(acme2ByDemoPk.status).toBe(404);
      // …and acme2's keys see none of the demo's users.
      const ada = await callApi(server.url, '/v1/users/u_ada/memberships', { key: publishable });
      expect(ada).toMatchObject({ status: 404, body: { error: { code: 'user_not_found' } } });

      server.process.child.kill('SIGTERM');
      expect(await server.process.waitForExit()).toEqual({ code: 0, signal: null });
    },
  );
});
