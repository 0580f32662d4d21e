/**
 * Several `groupkit-server` processes on one real PostgreSQL: the rules that the mock proves
 * in one process hold across processes (single use, caps, idempotency, ordered changes,
 * lockout), because each write runs in one transaction under the locks its route declares.
 */
import { createGroupsEngine } from '@groupkit/mock-api/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../db/connect';
import { migrateDatabase } from '../db/migrate';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { seedDatabase } from '../seed/seedDatabase';
import { codeLockNumber } from '../state/locks';
import { killAllStarted, startCli, type StartedCli } from './support/cliProcess';
import { callApi, PUBLISHABLE_KEY, SECRET_KEY } from './support/http';

let database: TestDatabase;
let servers: StartedCli[] = [];
/** The URL of server process `n`. */
const urlOf = (n: number) => (servers[n] as StartedCli).url;
/** Request `i` goes to process `i % 2`. */
const urlFor = (i: number) => (servers[i % servers.length] as StartedCli).url;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await openDatabase(database.url);
  await migrateDatabase(db);
  await seedDatabase(db, { scenario: 'default' });
  await db.close();
  servers = await Promise.all([
    startCli(['--database', database.url, '--port', '0'], { LOG_LEVEL: 'warn' }),
    startCli(['--database', database.url, '--port', '0'], { LOG_LEVEL: 'warn' }),
  ]);
  // 200 end users of our own, created through the API.
  for (let i = 0; i < 200; i++) {
    const { status } = await callApi(urlFor(i), `/v1/users/race_${i}`, {
      method: 'PUT',
      key: SECRET_KEY,
      json: { firstname: 'Race', lastname: String(i) },
    });
    expect(status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await killAllStarted();
  await database?.drop();
});

const users = Array.from({ length: 200 }, (_, i) => `race_${i}`);

async function redeemAll(code: string) {
  return Promise.all(
    users.map((user, i) =>
      callApi(urlFor(i), `/v1/users/${user}/redeem-code`, { key: PUBLISHABLE_KEY, json: { code } }),
    ),
  );
}

/** A code's stored count of redemptions (what a redemption reads), and its redemption rows. */
async function storedRedemptions(code: string): Promise<{ counted: number; rows: number }> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ counted: number; rows: number }>(
      `select c.redemption_count as counted, (select count(*)::int from code_redemptions r
         where r.project_id = c.project_id and r.code_id = c.id) as rows
       from codes c where c.normalized = $1`,
      [code],
    );
    return rows[0] ?? { counted: -1, rows: -1 };
  } finally {
    await client.end();
  }
}

async function memberCountOf(slug: string): Promise<number> {
  const { body } = await callApi(urlOf(0), `/v1/user-groups/${slug}`, { key: SECRET_KEY });
  return (body as { memberCount: number }).memberCount;
}

async function countCodeUses(code: string, group = 'vip'): Promise<number> {
  const { body } = await callApi(urlOf(0), `/v1/user-groups/${group}/codes`, {
    key: SECRET_KEY,
  });
  const found = (body as { data: { code: string; redemptionCount: number }[] }).data.find(
    (c) => c.code === code,
  );
  return found?.redemptionCount ?? -1;
}

describe('codes under a race, over two processes', () => {
  it('200 users redeem one single-use code at once: exactly 1 succeeds, 199 get 409 code_already_used', async () => {
    const created = await callApi(urlOf(0), '/v1/user-groups/vip/codes', {
      key: SECRET_KEY,
      json: { mode: 'unique', count: 1 },
    });
    expect(created.status).toBe(201);
    const [{ code }] = (created.body as { data: [{ code: string }] }).data;

    const answers = await redeemAll(code);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(199);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect((answer.body as { error: { code: string } }).error.code).toBe('code_already_used');
    }
    expect(await countCodeUses(code)).toBe(1);
    const { body: vip } = await callApi(urlOf(1), '/v1/user-groups/vip', {
      key: SECRET_KEY,
    });
    const winner = users[statuses.indexOf(200)] as string;
    const { body: winnerGroups } = await callApi(urlOf(1), `/v1/users/${winner}/memberships`, {
      key: SECRET_KEY,
    });
    expect((winnerGroups as { data: { slug: string }[] }).data.map((m) => m.slug)).toContain('vip');
    expect((vip as { memberCount: number }).memberCount).toBeGreaterThanOrEqual(1);
  });

  it('a shared code capped at 50, 200 users at once: exactly 50 succeed', async () => {
    // Beta, where none of the 200 is a member yet (a member redeeming again is a no-op).
    const created = await callApi(urlOf(1), '/v1/user-groups/beta/codes', {
      key: SECRET_KEY,
      json: { mode: 'shared', code: 'CAP50-RACE', maxRedemptions: 50 },
    });
    expect(created.status).toBe(201);
    const answers = await redeemAll('CAP50-RACE');
    expect(answers.filter((a) => a.status === 200)).toHaveLength(50);
    const refused = answers.filter((a) => a.status !== 200);
    expect(
      new Set(
        refused.map((a) => `${a.status} ${(a.body as { error: { code: string } }).error.code}`),
      ),
    ).toEqual(new Set(['409 code_already_used']));
    expect(await countCodeUses('CAP50-RACE', 'beta')).toBe(50);
    // What a redemption reads is the count on the code's row, not the rows: the two agree.
    expect(await storedRedemptions('CAP50-RACE')).toEqual({ counted: 50, rows: 50 });
  });
});

describe('an uncapped shared code under a race', () => {
  it('200 users at once over two processes: all 200 join, each counted once', async () => {
    const created = await callApi(urlOf(0), '/v1/user-groups/early-access/codes', {
      key: SECRET_KEY,
      json: { mode: 'shared', code: 'OPEN-RACE' },
    });
    expect(created.status).toBe(201);
    const before = await memberCountOf('early-access');
    const answers = await redeemAll('OPEN-RACE');
    expect(answers.map((a) => a.status)).toEqual(users.map(() => 200));
    expect(new Set(answers.map((a) => (a.body as { result: string }).result))).toEqual(
      new Set(['added']),
    );
    expect(await memberCountOf('early-access')).toBe(before + 200);
    expect(await countCodeUses('OPEN-RACE', 'early-access')).toBe(200);
    expect(await storedRedemptions('OPEN-RACE')).toEqual({ counted: 200, rows: 200 });
  });

  it("an uncapped code's redeemers do not queue on the code; a capped code's do", async () => {
    for (const [code, maxRedemptions] of [
      ['OPEN-HELD', undefined],
      ['CAPPED-HELD', 10],
    ] as const) {
      const created = await callApi(urlOf(0), '/v1/user-groups/early-access/codes', {
        key: SECRET_KEY,
        json: { mode: 'shared', code, maxRedemptions },
      });
      expect(created.status).toBe(201);
    }
    for (const user of ['held_1', 'held_2']) {
      const { status } = await callApi(urlOf(1), `/v1/users/${user}`, {
        method: 'PUT',
        key: SECRET_KEY,
        json: { firstname: 'Held', lastname: user },
      });
      expect(status).toBe(201);
    }
    // Another session holds both codes' redeemer locks, as a redemption in flight would.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      const { rows } = await holder.query<{ id: string }>('select id from projects');
      const projectId = (rows[0] as { id: string }).id;
      await holder.query('begin');
      for (const code of ['OPEN-HELD', 'CAPPED-HELD']) {
        await holder.query('select pg_advisory_xact_lock($1::bigint)', [
          codeLockNumber(projectId, code),
        ]);
      }
      const open = await callApi(urlOf(0), '/v1/users/held_1/redeem-code', {
        key: PUBLISHABLE_KEY,
        json: { code: 'OPEN-HELD' },
      });
      expect([open.status, (open.body as { result: string }).result]).toEqual([200, 'added']);

      let settled = false;
      const capped = callApi(urlOf(1), '/v1/users/held_2/redeem-code', {
        key: PUBLISHABLE_KEY,
        json: { code: 'CAPPED-HELD' },
      }).finally(() => (settled = true));
      // It waits for the code's lock: PostgreSQL shows it waiting, and it has not answered.
      await expect
        .poll(
          async () =>
            (
              await holder.query<{ n: number }>(
                `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
              )
            ).rows[0]?.n,
          { timeout: 5_000 },
        )
        .toBe(1);
      expect(settled).toBe(false);
      await holder.query('commit');
      const answer = await capped;
      expect([answer.status, (answer.body as { result: string }).result]).toEqual([200, 'added']);
    } finally {
      await holder.end();
    }
    expect(await storedRedemptions('CAPPED-HELD')).toEqual({ counted: 1, rows: 1 });
  });
});

type ChangeAnswer = {
  applied: { op: string; group: string; result: string }[];
  memberships: { slug: string }[];
  automations: { name: string }[];
};

/**
 * Whether the answers can be put in one serial order, each answer being exactly what the
 * engine model returns for that request after the ones before it. Each answer fixes the
 * memberships before it (its ops say what was there) and after it, so it is an edge between
 * two membership states; a serial order is a path from the initial state using every edge
 * once (an Eulerian path). Each distinct edge is checked against the engine model, which
 * also says which automations it fires. Returns the automations a serial order runs.
 */
function serialOrderExists(
  answers: { changes: string; body: ChangeAnswer }[],
  initial: string[],
): { ok: boolean; runs: string[]; problem?: string } {
  const state = (slugs: Iterable<string>) => [...new Set(slugs)].sort().join(',');
  const edges = new Map<
    string,
    { changes: string; body: ChangeAnswer; from: string; to: string; count: number }
  >();
  for (const { changes, body } of answers) {
    const after = new Set(body.memberships.map((m) => m.slug));
    const before = new Set(after);
    for (const op of body.applied) {
      if (op.result === 'added') before.delete(op.group);
      if (op.result === 'removed') before.add(op.group);
    }
    const key = JSON.stringify([changes, body.applied, state(after)]);
    const edge = edges.get(key) ?? {
      changes,
      body,
      from: state(before),
      to: state(after),
      count: 0,
    };
    edge.count++;
    edges.set(key, edge);
  }
  const now = new Date();
  const runs: string[] = [];
  for (const edge of edges.values()) {
    // The model, put in the edge's "before" state, must answer exactly this.
    const model = createGroupsEngine({ scenario: 'default', now: () => now });
    const held = new Set(initial);
    const want = new Set(edge.from.split(',').filter(Boolean));
    const ops = [
      ...[...want].filter((g) => !held.has(g)).map((g) => `+${g}`),
      ...[...held].filter((g) => !want.has(g)).map((g) => `-${g}`),
    ];
    if (ops.length > 0)
      model.changeMemberships({ userId: 'u_ada', changes: ops.join(','), actor: 'admin' });
    const preview = model.changeMemberships({
      userId: 'u_ada',
      changes: edge.changes,
      actor: 'admin',
      dryRun: true,
    });
    const slugs = preview.memberships
      .map((m) => m.slug)
      .sort()
      .join(',');
    if (
      JSON.stringify(preview.applied) !== JSON.stringify(edge.body.applied) ||
      slugs !== edge.to
    ) {
      return {
        ok: false,
        runs,
        problem: `the model answers ${edge.changes} from {${edge.from}} otherwise`,
      };
    }
    for (let i = 0; i < edge.count; i++) runs.push(...preview.automations.map((a) => a.name));
  }
  // Eulerian path from the initial state: balanced degrees but for the start (one more out)
  // and the end (one more in), and every edge reachable from the start.
  const start = state(initial);
  const balance = new Map<string, number>();
  const next = new Map<string, Set<string>>();
  for (const { from, to, count } of edges.values()) {
    balance.set(from, (balance.get(from) ?? 0) + count);
    balance.set(to, (balance.get(to) ?? 0) - count);
    next.set(from, (next.get(from) ?? new Set()).add(to));
  }
  const unbalanced = [...balance].filter(([, b]) => b !== 0);
  const degreesFit =
    unbalanced.length === 0
      ? true
      : unbalanced.length === 2 &&
        unbalanced.some(([node, b]) => node === start && b === 1) &&
        unbalanced.some(([, b]) => b === -1);
  const reached = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const to of next.get(queue.shift() as string) ?? []) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  const connected = [...edges.values()].every((e) => reached.has(e.from));
  return degreesFit && connected
    ? { ok: true, runs }
    : {
        ok: false,
        runs,
        problem: `no path through every answer (degrees fit: ${degreesFit}, connected: ${connected})`,
      };
}

describe('the serial-order check itself', () => {
  const initial = createGroupsEngine({ scenario: 'default' })
    .listMemberships('u_ada')
    .map((m) => m.slug);
  const answer = (result: string, held: string[]): { changes: string; body: ChangeAnswer } => ({
    changes: result === 'added' ? '+beta' : '-beta',
    body: {
      applied: [{ op: result === 'added' ? 'add' : 'remove', group: 'beta', result }],
      memberships: held.map((slug) => ({ slug })),
      automations: [],
    },
  });
  const withBeta = [...initial, 'beta'];

  it('accepts answers that fit one order', () => {
    expect(
      serialOrderExists([answer('added', withBeta), answer('removed', initial)], initial).problem,
    ).toBeUndefined();
  });

  it('refuses a change applied twice (two "added" with no removal between)', () => {
    expect(
      serialOrderExists([answer('added', withBeta), answer('added', withBeta)], initial).problem,
    ).toBeDefined();
  });

  it('refuses an answer the engine would never give', () => {
    const wrong = answer('added', withBeta);
    wrong.body.memberships = initial.map((slug) => ({ slug }));
    expect(serialOrderExists([wrong], initial).problem).toBeDefined();
  });
});

describe('one user, ordered changes over two processes', () => {
  const mix = ['+beta', '-beta', '-pro,+plus', '+pro,-plus'];

  it('100 concurrent changes with their own keys: each applied exactly once, in some serial order', async () => {
    const slugs = async () => {
      const { body } = await callApi(urlOf(0), '/v1/users/u_ada/memberships', {
        key: SECRET_KEY,
      });
      return (body as { data: { slug: string }[] }).data.map((m) => m.slug);
    };
    const runsOf = async () => {
      const { body } = await callApi(urlOf(1), '/v1/automations/runs?userId=u_ada', {
        key: SECRET_KEY,
      });
      return (body as { data: { name: string }[] }).data.map((r) => r.name);
    };
    const initial = await slugs();
    const runsBefore = await runsOf();
    const requests = Array.from({ length: 100 }, (_, i) => ({
      changes: mix[i % mix.length] as string,
      key: `race-${i}`,
    }));
    const answers = await Promise.all(
      requests.map((r, i) =>
        callApi(urlFor(i), '/v1/users/u_ada/membership-changes', {
          key: SECRET_KEY,
          json: { changes: r.changes },
          headers: { 'idempotency-key': r.key },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(requests.map(() => 200));

    const order = serialOrderExists(
      answers.map((a, i) => ({
        changes: (requests[i] as { changes: string }).changes,
        body: a.body as ChangeAnswer,
      })),
      initial,
    );
    expect(order.problem, 'the answers fit one serial order of the engine model').toBeUndefined();
    const runsAfter = await runsOf();
    // Every automation ran exactly once per change that fired it: the run log grew by the
    // serial order's runs, no more, no less.
    expect(runsAfter.slice(runsBefore.length).sort()).toEqual([...order.runs].sort());
    const finalSlugs = await slugs();

    // Replaying every key, on the other process, returns the stored answer and applies nothing.
    const replays = await Promise.all(
      requests.map((r, i) =>
        callApi(urlFor(i + 1), '/v1/users/u_ada/membership-changes', {
          key: SECRET_KEY,
          json: { changes: r.changes },
          headers: { 'idempotency-key': r.key },
        }),
      ),
    );
    replays.forEach((replay, i) => {
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual((answers[i] as { body: unknown }).body);
    });
    expect(await slugs()).toEqual(finalSlugs);
    expect(await runsOf()).toEqual(runsAfter);
  });

  it('the same key sent to both processes at once is applied once', async () => {
    const runsBefore = (
      (await callApi(urlOf(0), '/v1/automations/runs?userId=u_grace', { key: SECRET_KEY }))
        .body as { data: unknown[] }
    ).data.length;
    const send = (url: string) =>
      callApi(url, '/v1/users/u_grace/membership-changes', {
        key: SECRET_KEY,
        json: { changes: '-plus,+pro' },
        headers: { 'idempotency-key': 'same-key-both' },
      });
    const [a, b] = await Promise.all([send(urlOf(0)), send(urlOf(1))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect(
      [a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].sort(),
    ).toEqual(['true', null].sort());
    const fired = (a.body as ChangeAnswer).automations.length;
    const runsAfter = (
      (await callApi(urlOf(1), '/v1/automations/runs?userId=u_grace', { key: SECRET_KEY }))
        .body as { data: unknown[] }
    ).data.length;
    expect(runsAfter - runsBefore).toBe(fired);
  });
});

describe('code lockout over two processes', () => {
  it('5 failures spread over the processes lock the 6th attempt on either', async () => {
    for (let i = 0; i < 5; i++) {
      const { status } = await callApi(urlFor(i), '/v1/users/u_alan/redeem-code', {
        key: PUBLISHABLE_KEY,
        json: { code: `WRONG-${i}000` },
      });
      expect(status).toBe(404);
    }
    for (const server of servers) {
      const locked = await callApi(server.url, '/v1/users/u_alan/redeem-code', {
        key: PUBLISHABLE_KEY,
        json: { code: 'BETA-2026' },
      });
      expect(locked.status).toBe(429);
      expect((locked.body as { error: { code: string } }).error.code).toBe('too_many_attempts');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});

describe('member counts under many writers, over two processes', () => {
  const changeAll = (changesOf: (i: number) => string) =>
    Promise.all(
      users.map((user, i) =>
        callApi(urlFor(i), `/v1/users/${user}/membership-changes`, {
          key: SECRET_KEY,
          json: { changes: changesOf(i) },
        }),
      ),
    );

  it('200 users join, then move between two groups in opposite orders at once: all applied, no deadlock, counts exact', async () => {
    const before = { pro: await memberCountOf('pro'), plus: await memberCountOf('plus') };
    const joined = await changeAll(() => '+pro');
    expect(joined.map((a) => a.status)).toEqual(users.map(() => 200));
    expect(await memberCountOf('pro')).toBe(before.pro + 200);

    // Half name Pro first, half Plus first: writers of the same two groups, in both orders.
    const moved = await changeAll((i) => (i % 2 === 0 ? '-pro,+plus' : '+plus,-pro'));
    expect(moved.map((a) => a.status)).toEqual(users.map(() => 200));
    expect({ pro: await memberCountOf('pro'), plus: await memberCountOf('plus') }).toEqual({
      pro: before.pro,
      plus: before.plus + 200,
    });

    const left = await changeAll(() => '-plus');
    expect(left.map((a) => a.status)).toEqual(users.map(() => 200));
    expect(await memberCountOf('plus')).toBe(before.plus);
  });
});
