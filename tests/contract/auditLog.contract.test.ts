import type { AuditEntry } from '@groupkit/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { contractApi, SECRET_KEY } from './support/api';
import { signedInOnce, signIn, type SignedIn } from './support/operators';

const START = new Date('2026-11-23T12:00:00Z');
const MINUTE = 60_000;

// One world for the file (sign-in checks a slow hash, once per role): each test reads only
// the entries its own requests appended (`appendedBy`), and the clock only moves forward.
let clock = new Date(START);
const tick = (ms = MINUTE) => {
  clock = new Date(clock.getTime() + ms);
};
const api = contractApi({ now: () => clock });
const sessions = signedInOnce(api);

const as = (session: SignedIn) => ({
  call: (method: string, path: string, body?: unknown) => api.call(method, path, { session, body }),
});
const byKey = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { key: SECRET_KEY, body });

/** The log's entries, newest first (`query` without the leading `?`). */
async function log(query = 'limit=500'): Promise<AuditEntry[]> {
  const { status, body } = await byKey('GET', `/audit-log?${query}`);
  expect(status, `GET /audit-log?${query}`).toBe(200);
  return body.data;
}

/** The entries `requests` appended, oldest first. */
async function appendedBy(requests: () => Promise<unknown>): Promise<AuditEntry[]> {
  const mark = (await log('limit=1'))[0]?.seq ?? 0;
  await requests();
  return (await log()).filter((entry) => entry.seq > mark).reverse();
}

async function groupId(slug: string): Promise<string> {
  const { body } = await byKey('GET', `/user-groups/${slug}`);
  return body.id;
}

const operatorActor = (session: SignedIn) => ({
  type: 'operator',
  operatorId: session.operator.id,
  email: session.operator.email,
});

describe('what an operator’s write records', () => {
  it('a user group created, changed by slug and deleted: the uuid, the request, before and after', async () => {
    const admin = as(sessions.admin);
    let created: Record<string, unknown> = {};
    let updated: Record<string, unknown> = {};
    const entries = await appendedBy(async () => {
      created = (await admin.call('POST', '/user-groups', { slug: 'audited', name: 'Audited' }))
        .body;
      updated = (await admin.call('PUT', '/user-groups/audited', { name: 'Audited twice' })).body;
      expect((await admin.call('DELETE', '/user-groups/audited')).status).toBe(204);
    });
    const target = { type: 'user_group', id: created.id };
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries).toEqual([
      {
        id: expect.any(String),
        seq: expect.any(Number),
        at: clock.toISOString(),
        actor: operatorActor(sessions.admin),
        action: 'POST /user-groups',
        target,
        request: { slug: 'audited', name: 'Audited' },
        before: null,
        after: created,
      },
      expect.objectContaining({
        action: 'PUT /user-groups/:id',
        target,
        request: { name: 'Audited twice' },
        before: created,
        after: updated,
      }),
      expect.objectContaining({
        action: 'DELETE /user-groups/:id',
        target,
        request: null,
        before: updated,
        after: null,
      }),
    ]);
    expect(entries[1]?.seq).toBeGreaterThan(entries[0]?.seq as number);
  });

  it('codes: a batch names its group by uuid, a change names the code', async () => {
    const admin = as(sessions.admin);
    const beta = await groupId('beta');
    let batch: { data: { id: string }[] } = { data: [] };
    let code: unknown;
    let changed: unknown;
    const entries = await appendedBy(async () => {
      batch = (
        await admin.call('POST', '/user-groups/beta/codes', { mode: 'shared', code: 'AUDIT-1' })
      ).body;
      code = (await byKey('GET', `/user-groups/beta/codes/${batch.data[0]?.id}`)).body;
      changed = (
        await admin.call('PATCH', `/user-groups/beta/codes/${batch.data[0]?.id}`, { active: false })
      ).body;
    });
    expect(entries).toMatchObject([
      {
        action: 'POST /user-groups/:idOrSlug/codes',
        target: { type: 'code', id: beta },
        request: { mode: 'shared', code: 'AUDIT-1' },
        before: null,
        after: batch,
      },
      {
        action: 'PATCH /user-groups/:idOrSlug/codes/:codeId',
        target: { type: 'code', id: batch.data[0]?.id },
        before: code,
        after: changed,
      },
    ]);
  });

  it('members added and removed by support: the group by uuid, the request as sent', async () => {
    const support = as(sessions.support);
    const staff = await groupId('staff');
    const before = (await byKey('GET', '/user-groups/staff')).body;
    const entries = await appendedBy(async () => {
      await support.call('POST', '/user-groups/staff/users', { user_ids: ['u_alan'] });
      await support.call('DELETE', '/user-groups/staff/users', { user_ids: ['u_alan'] });
    });
    expect(entries).toMatchObject([
      {
        actor: operatorActor(sessions.support),
        action: 'POST /user-groups/:id/users',
        target: { type: 'user_group', id: staff },
        request: { user_ids: ['u_alan'] },
        before,
        after: { added: 1 },
      },
      {
        action: 'DELETE /user-groups/:id/users',
        target: { type: 'user_group', id: staff },
        request: { user_ids: ['u_alan'] },
        after: { removed: 1 },
      },
    ]);
  });

  it('users, automations and the project', async () => {
    const admin = as(sessions.admin);
    const owner = as(sessions.owner);
    const project = (await byKey('GET', '/project')).body;
    let automation: { id: string } = { id: '' };
    const entries = await appendedBy(async () => {
      await admin.call('PUT', '/users/u_audited', { firstname: 'Audited' });
      await admin.call('DELETE', '/users/u_audited');
      automation = (
        await admin.call('POST', '/automations', {
          name: 'Audited',
          trigger: { event: 'added_to', group: 'beta' },
          action: { type: 'email', template: 'audited' },
        })
      ).body;
      await admin.call('PATCH', `/automations/${automation.id}`, { enabled: false });
      await admin.call('DELETE', `/automations/${automation.id}`);
      await owner.call('PATCH', '/project', { clientWritableProperties: ['onboarding', 'audit'] });
    });
    expect(
      entries.map((e) => [e.action, e.target.type, e.before === null, e.after === null]),
    ).toEqual([
      ['PUT /users/:userId', 'user', true, false],
      ['DELETE /users/:userId', 'user', false, true],
      ['POST /automations', 'automation', true, false],
      ['PATCH /automations/:id', 'automation', false, false],
      ['DELETE /automations/:id', 'automation', false, true],
      ['PATCH /project', 'project', false, false],
    ]);
    expect(entries.slice(0, 2).map((e) => e.target.id)).toEqual(['u_audited', 'u_audited']);
    expect(entries.slice(2, 5).map((e) => e.target.id)).toEqual(Array(3).fill(automation.id));
    expect(entries[3]?.before).toMatchObject({ id: automation.id, enabled: true });
    expect(entries[5]).toMatchObject({
      actor: operatorActor(sessions.owner),
      before: project,
      after: { clientWritableProperties: ['onboarding', 'audit'] },
    });
  });

  it('operators: no password, chosen or generated, reaches the log', async () => {
    const owner = as(sessions.owner);
    let chosen: { operator: { id: string } } = { operator: { id: '' } };
    let generated: { operator: { id: string }; password: string } = {
      operator: { id: '' },
      password: '',
    };
    const entries = await appendedBy(async () => {
      chosen = (
        await owner.call('POST', '/operators', {
          email: 'audited@groupkit.test',
          role: 'support',
          password: 'chosen-password-1',
        })
      ).body;
      generated = (
        await owner.call('POST', '/operators', { email: 'gen@groupkit.test', role: 'admin' })
      ).body;
      await owner.call('PATCH', `/operators/${chosen.operator.id}`, {
        role: 'admin',
        password: 'changed-password-2',
      });
      await owner.call('DELETE', `/operators/${chosen.operator.id}`);
    });
    expect(entries).toMatchObject([
      {
        action: 'POST /operators',
        target: { type: 'operator', id: chosen.operator.id },
        request: { email: 'audited@groupkit.test', role: 'support', password: '[redacted]' },
        before: null,
        after: chosen,
      },
      {
        target: { type: 'operator', id: generated.operator.id },
        after: { operator: generated.operator, password: '[redacted]' },
      },
      {
        action: 'PATCH /operators/:id',
        request: { role: 'admin', password: '[redacted]' },
        before: { id: chosen.operator.id, role: 'support' },
        after: { id: chosen.operator.id, role: 'admin' },
      },
      { action: 'DELETE /operators/:id', before: { role: 'admin' }, after: null },
    ]);
    const everything = JSON.stringify(await log());
    for (const secret of ['chosen-password-1', 'changed-password-2', generated.password]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('an operator’s membership change on a route either key may call', async () => {
    const entries = await appendedBy(() =>
      as(sessions.admin).call('POST', '/users/u_alan/membership-changes', {
        changes: '+newsletter',
      }),
    );
    expect(entries).toMatchObject([
      {
        action: 'POST /users/:userId/membership-changes',
        target: { type: 'user', id: 'u_alan' },
        request: { changes: '+newsletter' },
        after: { applied: [{ op: 'add', group: 'newsletter', result: 'added' }] },
      },
    ]);
  });
});

describe('rule-set history: who saved each version', () => {
  it('names the operator (by session) and the key, as the audit log does', async () => {
    const ruleset = (status: string) => ({
      operator: 'AND',
      sets: [{ rules: [{ type: 'status', payload: { status } }] }],
    });
    let id = '';
    const entries = await appendedBy(async () => {
      const created = await as(sessions.admin).call('POST', '/user-groups', {
        slug: 'history-by',
        name: 'History by',
        type: 'automatic',
        ruleset: ruleset('inactive'),
      });
      expect(created.status).toBe(201);
      id = created.body.id;
      tick();
      const changed = await byKey('PUT', '/user-groups/history-by', { ruleset: ruleset('active') });
      expect(changed.status).toBe(200);
    });
    const history = await byKey('GET', `/user-groups/${id}/conditions-history`);
    expect(history.status).toBe(200);
    const versions = history.body.data as { version: number; changedBy?: unknown }[];
    expect(versions.map((v) => [v.version, v.changedBy])).toEqual([
      [1, operatorActor(sessions.admin)],
      [2, { type: 'key', keyId: 'sk_test' }],
    ]);
    // The same actors as the audit entries of those writes.
    expect(entries.map((e) => e.actor)).toEqual(versions.map((v) => v.changedBy));
  });
});

describe('what the secret key’s writes record', () => {
  it('a write on a secret route names the key, on every kind of target', async () => {
    const ids: Record<string, string> = {};
    const entries = await appendedBy(async () => {
      ids.group = (await byKey('POST', '/user-groups', { slug: 'by-key', name: 'By key' })).body.id;
      ids.beta = await groupId('beta');
      await byKey('POST', '/user-groups/beta/codes', { mode: 'unique', count: 2 });
      await byKey('PUT', '/users/u_by_key', { firstname: 'Key' });
      ids.automation = (
        await byKey('POST', '/automations', {
          name: 'By key',
          trigger: { event: 'added_to', group: 'by-key' },
          action: { type: 'email', template: 'by-key' },
        })
      ).body.id;
      await byKey('PATCH', '/project', { identityVerification: false });
      ids.operator = (
        await byKey('POST', '/operators', { email: 'by-key@groupkit.test', role: 'support' })
      ).body.operator.id;
    });
    // The project is the one the key belongs to: which id names it is the target's business.
    const targets = entries.map((e) => [
      e.action,
      e.target.type === 'project' ? { type: 'project' } : e.target,
    ]);
    expect(targets).toEqual([
      ['POST /user-groups', { type: 'user_group', id: ids.group }],
      ['POST /user-groups/:idOrSlug/codes', { type: 'code', id: ids.beta }],
      ['PUT /users/:userId', { type: 'user', id: 'u_by_key' }],
      ['POST /automations', { type: 'automation', id: ids.automation }],
      ['PATCH /project', { type: 'project' }],
      ['POST /operators', { type: 'operator', id: ids.operator }],
    ]);
    const [{ keyId } = { keyId: '' }] = entries.map((e) => e.actor as { keyId: string });
    expect(keyId).toEqual(expect.any(String));
    expect(keyId).not.toBe('');
    for (const entry of entries) expect(entry.actor).toEqual({ type: 'key', keyId });
    // A generated password is shown once, to the caller: never to the log.
    expect(entries[5]?.after).toMatchObject({ password: '[redacted]' });
  });

  it('nothing for the key on routes either key may call (the app’s own traffic)', async () => {
    const entries = await appendedBy(async () => {
      expect(
        (await byKey('POST', '/users/u_grace/membership-changes', { changes: '+newsletter' }))
          .status,
      ).toBe(200);
      expect(
        (await byKey('POST', '/users/u_grace/redeem-code', { code: 'BETA-2026' })).status,
      ).toBe(200);
      expect(
        (await byKey('POST', '/groups/identify', { identifier: 'acme', properties: { seats: 30 } }))
          .status,
      ).toBe(200);
    });
    expect(entries).toEqual([]);
  });
});

describe('what records nothing', () => {
  it('reads, previews, sign-in and sign-out', async () => {
    const entries = await appendedBy(async () => {
      for (const path of ['/users', '/user-groups/beta', '/operators', '/audit-log', '/project']) {
        expect((await byKey('GET', path)).status).toBe(200);
        expect((await as(sessions.owner).call('GET', path)).status).toBe(200);
      }
      const preview = { include: ['plus'], exclude: ['staff'] };
      expect((await byKey('POST', '/audiences/preview', preview)).status).toBe(200);
      expect((await as(sessions.admin).call('POST', '/audiences/preview', preview)).status).toBe(
        200,
      );
      const session = await signIn(api, 'support@groupkit.test');
      expect((await api.call('DELETE', '/operator-session', { session })).status).toBe(204);
    });
    expect(entries).toEqual([]);
  });

  it.each([
    [
      'a taken slug',
      'POST',
      '/user-groups',
      { slug: 'beta', name: 'Again' },
      'admin',
      409,
      'slug_taken',
    ],
    [
      'a bad slug',
      'POST',
      '/user-groups',
      { slug: 'Bad Slug', name: 'Bad' },
      'key',
      400,
      'validation_failed',
    ],
    [
      'an unknown group',
      'PUT',
      '/user-groups/nope',
      { name: 'Nope' },
      'admin',
      404,
      'user_group_not_found',
    ],
    [
      'a role too low',
      'PATCH',
      '/project',
      { identityVerification: true },
      'support',
      403,
      'role_forbidden',
    ],
    ['the last owner', 'DELETE', '/operators/op_owner', undefined, 'owner', 409, 'last_owner'],
    [
      'a taken email',
      'POST',
      '/operators',
      { email: 'admin@groupkit.test', role: 'admin' },
      'key',
      409,
      'email_taken',
    ],
    [
      'a forged write (no CSRF token)',
      'POST',
      '/user-groups',
      { slug: 'forged', name: 'Forged' },
      'forged',
      403,
      'csrf_failed',
    ],
  ] as const)(
    'a refused write records nothing: %s (%s %s)',
    async (_, method, path, body, who, status, code) => {
      const entries = await appendedBy(async () => {
        const answer = await api.call(method, path, {
          ...(who === 'key'
            ? { key: SECRET_KEY }
            : who === 'forged'
              ? { key: null, headers: { cookie: sessions.admin.cookie } }
              : { session: sessions[who] }),
          body,
        });
        expect(answer.status).toBe(status);
        expect(answer.body.error.code).toBe(code);
      });
      expect(entries).toEqual([]);
    },
  );

  it('the entry is there if and only if the write happened', async () => {
    const admin = as(sessions.admin);
    const entries = await appendedBy(async () => {
      expect(
        (await admin.call('POST', '/user-groups', { slug: 'once', name: 'Once' })).status,
      ).toBe(201);
      expect(
        (await admin.call('POST', '/user-groups', { slug: 'once', name: 'Twice' })).status,
      ).toBe(409);
    });
    expect(entries.map((e) => [e.action, e.request])).toEqual([
      ['POST /user-groups', { slug: 'once', name: 'Once' }],
    ]);
  });
});

describe('GET /v1/audit-log: filters', () => {
  // Three writes a minute apart, by support, admin and the key.
  const at: Date[] = [];
  let staff = '';
  let automationId = '';
  let keyId = '';
  beforeAll(async () => {
    staff = await groupId('staff');
    automationId = (await byKey('GET', '/automations')).body.data[0].id;
    tick();
    at.push(clock);
    await as(sessions.support).call('POST', '/user-groups/staff/users', { user_ids: ['u_grace'] });
    tick();
    at.push(clock);
    await as(sessions.admin).call('PATCH', `/automations/${automationId}`, { enabled: true });
    tick();
    at.push(clock);
    await byKey('PATCH', '/project', { identityVerification: false });
    keyId = ((await log('limit=1'))[0]?.actor as { keyId: string }).keyId;
  });

  const actions = async (query: string) => (await log(query)).map((e) => `${e.action} @${e.at}`);
  const since = () => `from=${at[0]?.toISOString()}`;

  it('from (inclusive) and to (exclusive), newest first', async () => {
    expect(await actions(`${since()}&to=${at[2]?.toISOString()}`)).toEqual([
      `PATCH /automations/:id @${at[1]?.toISOString()}`,
      `POST /user-groups/:id/users @${at[0]?.toISOString()}`,
    ]);
    expect(await actions(`from=${at[2]?.toISOString()}`)).toEqual([
      `PATCH /project @${at[2]?.toISOString()}`,
    ]);
  });

  it('actor: an operator id, an operator email, or a key id', async () => {
    const bySupport = [`POST /user-groups/:id/users @${at[0]?.toISOString()}`];
    expect(await actions(`${since()}&actor=op_support`)).toEqual(bySupport);
    expect(await actions(`${since()}&actor=support@groupkit.test`)).toEqual(bySupport);
    expect(await actions(`${since()}&actor=${encodeURIComponent(keyId)}`)).toEqual([
      `PATCH /project @${at[2]?.toISOString()}`,
    ]);
  });

  it('targetType and targetId', async () => {
    expect(await actions(`${since()}&targetType=automation`)).toEqual([
      `PATCH /automations/:id @${at[1]?.toISOString()}`,
    ]);
    expect(await actions(`${since()}&targetId=${staff}`)).toEqual([
      `POST /user-groups/:id/users @${at[0]?.toISOString()}`,
    ]);
    expect(await actions(`targetType=user_group&targetId=${staff}&actor=op_admin`)).toEqual([]);
  });
});

describe('GET /v1/audit-log: pages', () => {
  it('pages back with nextBefore until null, each entry once, newest first', async () => {
    const everything = await log();
    expect(everything.length).toBeGreaterThan(10);
    const paged: AuditEntry[] = [];
    let query = 'limit=7';
    for (;;) {
      const { body } = await byKey('GET', `/audit-log?${query}`);
      expect(body.data.length).toBeLessThanOrEqual(7);
      paged.push(...body.data);
      if (body.nextBefore === null) break;
      expect(body.nextBefore).toBe(body.data[body.data.length - 1].seq);
      query = `limit=7&before=${body.nextBefore}`;
    }
    expect(paged).toEqual(everything);
    const seqs = paged.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('50 entries a page by default, at most 500', async () => {
    for (let i = 0; i < 51; i++) {
      await byKey('PATCH', '/project', { identityVerification: i % 2 === 0 });
    }
    const { body } = await byKey('GET', '/audit-log');
    expect(body.data).toHaveLength(50);
    expect(body.nextBefore).toBe(body.data[49].seq);
    const all = await byKey('GET', '/audit-log?limit=500');
    expect(all.body.data.length).toBeGreaterThan(51);
  });
});

describe('GET /v1/audit-log?format=csv', () => {
  const header = 'seq,at,actor_type,actor,action,target_type,target_id,request,before,after';
  const quoted = (value: unknown) =>
    value === null ? '' : `"${JSON.stringify(value).replaceAll('"', '""')}"`;

  it('the same page as CSV: quoted JSON, empty cells for null, a formula guard', async () => {
    // An operator whose email a spreadsheet would run as a formula.
    const created = await byKey('POST', '/operators', {
      email: '=1+2@evil.test',
      role: 'support',
      password: 'formula-password',
    });
    const formula = await signIn(api, '=1+2@evil.test', 'formula-password');
    await as(formula).call('POST', '/user-groups/staff/users', { user_ids: ['u_ada'] });
    await as(formula).call('DELETE', '/user-groups/staff/users', { user_ids: ['u_ada'] });
    const query = `actor=${created.body.operator.id}`;
    const [removed, added] = await log(query);

    const response = await api.fetch(`/audit-log?format=csv&${query}`, {
      headers: { authorization: `Bearer ${SECRET_KEY}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await response.text()).split('\r\n');
    expect(rows[0]).toBe(header);
    const row = (e: AuditEntry | undefined) =>
      [
        e?.seq,
        e?.at,
        'operator',
        "'=1+2@evil.test",
        e?.action,
        'user_group',
        e?.target.id,
        quoted(e?.request),
        quoted(e?.before),
        quoted(e?.after),
      ].join(',');
    expect(rows.slice(1)).toEqual([row(removed), row(added), '']);
  });
});

describe('GET /v1/audit-log: refused queries', () => {
  it.each(['from=yesterday', 'to=2026-13-01', 'limit=0', 'limit=501', 'before=0', 'before=x'])(
    '?%s → 400 validation_failed',
    async (query) => {
      const { status, body } = await byKey('GET', `/audit-log?${query}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).toContain(query.split('=')[0]);
    },
  );
});
