/**
 * `groupkit-server admins create` and `admins list`, as real processes on a PostgreSQL
 * database of their own: a generated password is printed once, a chosen one is read from
 * stdin, only scrypt hashes are stored, and the operators then sign in.
 */
import type { AuditEntry } from '@groupkit/client';
import { SECRET_KEY } from '@groupkit/mock-api/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../../../mock-api/src/__tests__/support/openapiValidator';
import { createApp } from '../app/createApp';
import { createProjectKeys } from '../app/createKeys';
import { type Database, openDatabase } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { seedDatabase } from '../seed/seedDatabase';
import { killAllStarted, runCli } from './support/cliProcess';
import { signIn } from './support/operators';

let test: TestDatabase;
let database: Database;

beforeAll(async () => {
  test = await createTestDatabase();
  database = await openDatabase(test.url, { poolSize: 2 });
  await seedDatabase(database, { scenario: 'default' });
}, 60_000);
afterAll(async () => {
  await killAllStarted();
  await database?.close();
  await test?.drop();
});

const admins = (args: string[], input?: string) =>
  runCli(['admins', ...args, '--database', test.url], {}, input);

describe('groupkit-server admins', () => {
  it(
    'creates operators (a generated password shown once, or one from stdin) who sign in',
    { timeout: 120_000 },
    async () => {
      const [generated, piped] = await Promise.all([
        admins(['create', '--email', 'Ops@Example.com', '--role', 'admin']),
        admins(
          ['create', '--email', 'lead@example.com', '--role', 'owner', '--password-stdin'],
          'a passphrase from stdin\n',
        ),
      ]);
      expect(generated).toMatchObject({ code: 0, stderr: '' });
      expect(generated.stdout).toMatch(
        /^Created operator ops@example\.com \(admin, id [\w-]+\) in project "demo" in PostgreSQL at /,
      );
      const password = /^Password: ([\w-]{24})$/m.exec(generated.stdout)?.[1];
      if (!password) throw new Error(`no password in:\n${generated.stdout}`);
      expect(generated.stdout.split(password)).toHaveLength(2);
      expect(piped).toMatchObject({ code: 0, stderr: '' });
      expect(piped.stdout).not.toContain('Password');
      expect(piped.stdout).not.toContain('a passphrase from stdin');

      const { rows } = await database.query<{ email: string; password_hash: string }>(
        `select email, password_hash from operators where email like '%@example.com' order by email`,
      );
      expect(rows.map((r) => r.email)).toEqual(['lead@example.com', 'ops@example.com']);
      for (const row of rows) expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(JSON.stringify(rows)).not.toContain(password);

      const app = createApp({ database });
      expect((await signIn(app, 'ops@example.com', password)).body.operator.role).toBe('admin');
      expect(
        (await signIn(app, 'LEAD@example.com', 'a passphrase from stdin')).body.operator.role,
      ).toBe('owner');

      const listed = await admins(['list']);
      expect(listed).toMatchObject({ code: 0, stderr: '' });
      const lines = listed.stdout.split('\n');
      expect(lines[0]).toMatch(/^PROJECT +EMAIL +ROLE +ID +LAST SIGN-IN$/);
      expect(lines.slice(1).map((line) => line.split(/ +/).slice(0, 3))).toEqual([
        ['demo', 'owner@groupkit.test', 'owner'],
        ['demo', 'admin@groupkit.test', 'admin'],
        ['demo', 'support@groupkit.test', 'support'],
        expect.arrayContaining(['demo']),
        expect.arrayContaining(['demo']),
      ]);
      expect(listed.stdout).toMatch(/ops@example\.com +admin +[\w-]+ +\d{4}-\d\d-\d\dT/);
      expect(listed.stdout).toMatch(/support@groupkit\.test +support +op_support +never$/m);
    },
  );

  it(
    'refuses a taken email (exit 1), a short password or a bad role (exit 2), an unnamed project among several (exit 2)',
    { timeout: 120_000 },
    async () => {
      await createProjectKeys(database, 'acme2');
      const [taken, short, role, unnamed, unknown] = await Promise.all([
        admins([
          'create',
          '--project',
          'demo',
          '--email',
          'ADMIN@groupkit.test',
          '--role',
          'support',
        ]),
        admins(
          [
            'create',
            '--project',
            'demo',
            '--email',
            'x@example.com',
            '--role',
            'admin',
            '--password-stdin',
          ],
          'too short\n',
        ),
        admins(['create', '--email', 'y@example.com', '--role', 'boss']),
        admins(['create', '--email', 'z@example.com', '--role', 'admin']),
        admins(['create', '--project', 'nope', '--email', 'w@example.com', '--role', 'admin']),
      ]);
      expect(taken).toMatchObject({ code: 1, stdout: '' });
      expect(taken.stderr).toBe(
        'groupkit-server: An operator with email admin@groupkit.test exists.\n',
      );
      expect(short).toMatchObject({ code: 2, stdout: '' });
      expect(short.stderr).toContain('--password-stdin: password: must be 12 to 200 characters.');
      expect(role).toMatchObject({ code: 2 });
      expect(role.stderr).toContain('role: must be support, admin or owner.');
      expect(unnamed).toMatchObject({ code: 2 });
      expect(unnamed.stderr).toContain('several projects: name one with --project <id>');
      expect(unknown).toMatchObject({ code: 1 });
      expect(unknown.stderr).toBe('groupkit-server: No project "nope" in this database.\n');

      const created = await admins([
        'create',
        '--project',
        'acme2',
        '--email',
        'z@example.com',
        '--role',
        'owner',
      ]);
      expect(created.stdout).toContain('in project "acme2"');
      const acme2 = await admins(['list', '--project', 'acme2']);
      expect(acme2.stdout.split('\n').slice(1)).toEqual([
        expect.stringMatching(/^acme2 +z@example\.com +owner +/),
      ]);
      const { rows } = await database.query<{ n: number }>(
        `select count(*)::int as n from operators where email in ('x@example.com', 'y@example.com', 'w@example.com')`,
      );
      expect(rows).toEqual([{ n: 0 }]);
      // A refused command records nothing; the one that worked, once, in its own project.
      const logged = await database.query<{ project_id: string; email: string }>(
        `select project_id, request->>'email' as email from audit_log
          where actor->>'type' = 'cli' and request->>'email' in
            ('ADMIN@groupkit.test', 'x@example.com', 'y@example.com', 'z@example.com', 'w@example.com')`,
      );
      expect(logged.rows).toEqual([{ project_id: 'acme2', email: 'z@example.com' }]);
    },
  );

  it(
    'records each creation in the audit log, by the command line, never with a password',
    { timeout: 120_000 },
    async () => {
      // The earlier test made a second project: name this one.
      const inDemo = ['create', '--project', 'demo'];
      const [generated, piped] = await Promise.all([
        admins([...inDemo, '--email', 'Audited@Example.com', '--role', 'support']),
        admins(
          [...inDemo, '--email', 'chosen@example.com', '--role', 'admin', '--password-stdin'],
          'a chosen passphrase\n',
        ),
      ]);
      expect(generated).toMatchObject({ code: 0 });
      expect(piped).toMatchObject({ code: 0 });
      const password = /^Password: (\S+)$/m.exec(generated.stdout)?.[1] as string;
      const idOf = (stdout: string) => /, id ([\w-]+)\)/.exec(stdout)?.[1] as string;

      // Through the API, as the console reads it: `?actor=cli` finds them, JSON and CSV.
      const app = createApp({ database });
      const validator = createOpenApiValidator();
      const get = async (path: string) => {
        const response = await app.fetch(
          new Request(`https://api.groupkit.test${path}`, {
            headers: { authorization: `Bearer ${SECRET_KEY}` },
          }),
        );
        expect(response.status).toBe(200);
        expect(await validator.check('GET', '/v1/audit-log', response.clone())).toBeNull();
        return response;
      };
      const page = (await (await get('/v1/audit-log?actor=cli')).json()) as {
        data: AuditEntry[];
      };
      const byEmail = (email: string) =>
        page.data.find((e) => (e.request as { email?: string }).email === email);
      expect(byEmail('Audited@Example.com')).toEqual({
        id: expect.any(String),
        seq: expect.any(Number),
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        actor: { type: 'cli' },
        action: 'groupkit-server admins create',
        target: { type: 'operator', id: idOf(generated.stdout) },
        request: { email: 'Audited@Example.com', role: 'support', project: 'demo' },
        before: null,
        after: {
          operator: expect.objectContaining({
            id: idOf(generated.stdout),
            email: 'audited@example.com',
            role: 'support',
          }),
        },
      });
      expect(byEmail('chosen@example.com')).toMatchObject({
        actor: { type: 'cli' },
        target: { type: 'operator', id: idOf(piped.stdout) },
        request: {
          email: 'chosen@example.com',
          role: 'admin',
          project: 'demo',
          password: '[redacted]',
        },
      });
      // `?actor=cli` answers the command line’s entries only.
      for (const entry of page.data) expect(entry.actor).toEqual({ type: 'cli' });

      const csv = await (await get('/v1/audit-log?actor=cli&format=csv')).text();
      expect(csv).toMatch(/\r\n\d+,[^,]+,cli,,groupkit-server admins create,operator,/);
      const { rows } = await database.query<{ row: string }>(
        `select a::text as row from audit_log a`,
      );
      const everything = rows.map((r) => r.row).join('\n');
      expect(everything).not.toContain(password);
      expect(everything).not.toContain('a chosen passphrase');
    },
  );
});
