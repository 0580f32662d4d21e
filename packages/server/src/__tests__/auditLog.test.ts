/**
 * The audit log on PostgreSQL: every admin write (secret key or operator) leaves one entry
 * naming who made it, in the write's own transaction (a write whose commit fails leaves
 * none); the table refuses edits and removals; a listing reads only the page it returns,
 * its filters and paging done in SQL.
 */
import type { AuditEntry } from '@groupkit/client';
import { PUBLISHABLE_KEY, type ParsedAuditQuery, SECRET_KEY } from '@groupkit/mock-api/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type GroupKitApp } from '../app/createApp';
import { findProject } from '../app/operatorAuth';
import { type Database, openDatabase } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { seedDatabase } from '../seed/seedDatabase';
import { createRequestState } from '../state/requestState';
import { asKey, asOperator, signIn } from './support/operators';

let test: TestDatabase;
let database: Database;
let app: GroupKitApp;

const query = <Row extends Record<string, unknown>>(text: string, params?: unknown[]) =>
  database.query<Row>(text, params).then((result) => result.rows);
const entries = () =>
  query<{ actor: unknown; action: string; target_type: string; target_id: string | null }>(
    'select actor, action, target_type, target_id from audit_log order by seq',
  );

beforeAll(async () => {
  test = await createTestDatabase();
  database = await openDatabase(test.url, { poolSize: 4 });
}, 60_000);
beforeEach(async () => {
  await seedDatabase(database, { scenario: 'default', reset: true });
  app = createApp({ database });
});
afterAll(async () => {
  await database?.close();
  await test?.drop();
});

describe('audit entries', () => {
  it('name the key or the operator of each admin write; reads and end users write none', async () => {
    const byKey = await asKey(app, SECRET_KEY, '/v1/user-groups', {
      method: 'POST',
      json: { slug: 'by-key', name: 'By key' },
    });
    expect(byKey.status).toBe(201);
    const admin = await signIn(app, 'admin@groupkit.test');
    const byOperator = await asOperator(app, admin, '/v1/user-groups/by-key', {
      method: 'PUT',
      json: { name: 'Renamed' },
    });
    expect(byOperator.status).toBe(200);
    // Not audited: reads, an end user's own change, a refused write, a sign-in.
    await asKey(app, SECRET_KEY, '/v1/user-groups');
    expect(
      (
        await asKey(app, PUBLISHABLE_KEY, '/v1/users/u_ada/membership-changes', {
          method: 'POST',
          json: { changes: '+community' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await asKey(app, SECRET_KEY, '/v1/user-groups/nope', { method: 'DELETE' })).status,
    ).toBe(404);

    const id = byKey.body.id as string;
    expect(await entries()).toEqual([
      {
        actor: { type: 'key', keyId: 'sk_test' },
        action: 'POST /user-groups',
        target_type: 'user_group',
        target_id: id,
      },
      {
        actor: { type: 'operator', operatorId: 'op_admin', email: 'admin@groupkit.test' },
        action: 'PUT /user-groups/:id',
        target_type: 'user_group',
        target_id: id,
      },
    ]);
    const listed = await asOperator(app, admin, '/v1/audit-log');
    const data = listed.body.data as AuditEntry[];
    expect(data.map((e) => e.action)).toEqual(['PUT /user-groups/:id', 'POST /user-groups']);
    expect(data[0]).toMatchObject({
      before: { id, name: 'By key' },
      after: { id, name: 'Renamed' },
      request: { name: 'Renamed' },
    });
    expect(data[0]?.seq).toBeGreaterThan(data[1]?.seq ?? Infinity);
    expect(Date.parse(data[0]?.at ?? '')).not.toBeNaN();
  });

  it('redact passwords, and land with their write or not at all', async () => {
    const owner = await signIn(app, 'owner@groupkit.test');
    await asOperator(app, owner, '/v1/operators', {
      method: 'POST',
      json: { email: 'pw@example.com', role: 'support', password: 'a secret passphrase' },
    });
    const text = JSON.stringify(await query('select request, after from audit_log'));
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('a secret passphrase');

    // The write's statements fail at its commit, after the route answered 201.
    await database.query(`create function refuse_groups() returns trigger language plpgsql as
      $$ begin raise exception 'refused by the test'; end $$`);
    await database.query(`create trigger refuse_groups before insert on user_groups
      for each row execute function refuse_groups()`);
    try {
      const before = await query('select count(*)::int as n from audit_log');
      const failed = await asKey(app, SECRET_KEY, '/v1/user-groups', {
        method: 'POST',
        json: { slug: 'never', name: 'Never' },
      });
      expect(failed.status).toBe(500);
      expect(await query('select count(*)::int as n from audit_log')).toEqual(before);
    } finally {
      await database.query('drop trigger refuse_groups on user_groups');
      await database.query('drop function refuse_groups');
    }
  });

  it('cannot be edited or removed, but go with their project', async () => {
    await asKey(app, SECRET_KEY, '/v1/user-groups', {
      method: 'POST',
      json: { slug: 'kept', name: 'Kept' },
    });
    await expect(database.query(`update audit_log set action = 'forged'`)).rejects.toThrow(
      'audit_log is append-only',
    );
    await expect(database.query('delete from audit_log')).rejects.toThrow(
      'audit_log is append-only',
    );
    expect(await entries()).toHaveLength(1);
    await database.query(`delete from projects where id = 'demo'`);
    expect(await entries()).toEqual([]);
  });
});

describe('listing the audit log', () => {
  const TOTAL = 1000;
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  /** Entry i (seq order): who, what and when, as the SQL below writes it. */
  const expected = Array.from({ length: TOTAL }, (_, i) => ({
    i,
    actor:
      i % 3 === 0
        ? { type: 'key', keyId: 'sk_test' }
        : {
            type: 'operator',
            operatorId: `op_${i % 3 === 1 ? 'owner' : 'admin'}`,
            email: `${i % 3 === 1 ? 'owner' : 'admin'}@groupkit.test`,
          },
    targetType: i % 2 === 0 ? 'user_group' : 'code',
    targetId: `t${i % 10}`,
    at: new Date(base + i * 60_000).toISOString(),
  }));

  beforeEach(async () => {
    await database.query(
      `insert into audit_log (project_id, id, at, actor, action, target_type, target_id, request, before, after)
       select 'demo', 'e' || i, $1::timestamptz + i * interval '1 minute',
         case i % 3 when 0 then '{"type":"key","keyId":"sk_test"}'::jsonb
           when 1 then '{"type":"operator","operatorId":"op_owner","email":"owner@groupkit.test"}'::jsonb
           else '{"type":"operator","operatorId":"op_admin","email":"admin@groupkit.test"}'::jsonb end,
         'PATCH /user-groups/:id', case when i % 2 = 0 then 'user_group' else 'code' end,
         't' || (i % 10), jsonb_build_object('i', i), null, jsonb_build_object('i', i)
       from generate_series(0, ${TOTAL - 1}) as i order by i`,
      [new Date(base).toISOString()],
    );
  });

  /** Every page of `filter` (`?limit=…&…`), following `nextBefore` to the end. */
  async function allPages(session: Parameters<typeof asOperator>[1], filter: string) {
    const pages: number[][] = [];
    let before = '';
    for (;;) {
      const page = await asOperator(app, session, `/v1/audit-log?${filter}${before}`);
      expect(page.status).toBe(200);
      const data = page.body.data as AuditEntry[];
      pages.push(data.map((e) => (e.after as { i: number }).i));
      const next = page.body.nextBefore as number | null;
      if (next === null) return pages;
      expect(next).toBe(data[data.length - 1]?.seq);
      before = `&before=${next}`;
    }
  }

  const newestFirst = (keep: (e: (typeof expected)[number]) => boolean) =>
    expected
      .filter(keep)
      .map((e) => e.i)
      .reverse();

  it('pages through 1,000 entries newest first, filtered by actor, target and time', async () => {
    const admin = await signIn(app, 'admin@groupkit.test');
    const all = await allPages(admin, 'limit=300');
    expect(all.map((p) => p.length)).toEqual([300, 300, 300, 100]);
    expect(all.flat()).toEqual(newestFirst(() => true));

    // An operator by email (any case) or id, a key by id.
    const byEmail = await allPages(admin, 'limit=100&actor=Admin@GroupKit.test');
    expect(byEmail.flat()).toEqual(newestFirst((e) => e.i % 3 === 2));
    expect((await allPages(admin, 'limit=500&actor=op_owner')).flat()).toEqual(
      newestFirst((e) => e.i % 3 === 1),
    );
    expect((await allPages(admin, 'limit=500&actor=sk_test')).flat()).toEqual(
      newestFirst((e) => e.i % 3 === 0),
    );

    const from = expected[100]?.at as string;
    const to = expected[400]?.at as string;
    const combined = await allPages(
      admin,
      `limit=7&targetType=code&targetId=t3&actor=op_admin&from=${from}&to=${to}`,
    );
    const wanted = newestFirst(
      (e) =>
        e.targetType === 'code' && e.targetId === 't3' && e.i % 3 === 2 && e.i >= 100 && e.i < 400,
    );
    expect(wanted.length).toBeGreaterThan(7);
    expect(combined.flat()).toEqual(wanted);
    expect(combined.slice(0, -1).every((page) => page.length === 7)).toBe(true);

    const csv = await asOperator(app, admin, '/v1/audit-log?format=csv&limit=2&actor=sk_test');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.body).trim().split('\n')).toHaveLength(3);
  });

  it('reads one page and one entry more from the database, whatever the log holds', async () => {
    // Sequence numbers go on across tests (an identity is never reset).
    const [{ first } = { first: 0 }] = await query<{ first: number }>(
      'select min(seq)::int as first from audit_log',
    );
    const cases: [ParsedAuditQuery, number][] = [
      [{ limit: 50 }, 51],
      [{ limit: 500 }, 501],
      [{ limit: 10, actor: 'op_admin', targetType: 'code' }, 11],
      [{ limit: 10, before: first + 5 }, 5],
      [{ limit: 10, from: base + 995 * 60_000 }, 5],
    ];
    for (const [auditQuery, rows] of cases) {
      const loaded = await database.transaction(async (tx) => {
        const project = await findProject(tx, 'demo');
        if (!project) throw new Error('no demo project');
        const requestState = await createRequestState(
          tx,
          { ...project, keyHash: null, scope: 'secret', keyId: '' },
          { now: () => new Date(), ids: () => 'id' },
          { writes: false, inTransaction: true },
        );
        await requestState.load({ auditLog: auditQuery });
        return requestState.state.auditLog.length;
      });
      expect({ auditQuery, loaded }).toEqual({ auditQuery, loaded: rows });
    }
  });
});
