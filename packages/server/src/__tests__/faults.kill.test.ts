/**
 * `kill -9` of one of two server processes in the middle of a write load on one PostgreSQL
 * database. Every request is all-or-nothing, as the database itself shows afterwards (no
 * ordered change half-applied, no code use without its membership, member counts equal to
 * the memberships, one automation run per applied change that fires one, every stored
 * Idempotency-Key matching applied effects); the other process keeps serving throughout;
 * requests cut off on the killed process, retried with the same key on the survivor, are
 * applied exactly once.
 *
 * One user's lock is held by the test until the kill, so that user's first request to the
 * killed process is still waiting inside it, mid-transaction, when it dies: the kill always
 * cuts a request off, however fast the others were answered.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../db/testDatabase';
import { DEMO_PROJECT_ID, seedDatabase } from '../seed/seedDatabase';
import { lockNumber } from '../state/locks';
import { killAllStarted, killHard, startCli, type StartedCli } from './support/cliProcess';
import { errorCode, type Outcome, runPool, send } from './support/faultLoad';
import { PUBLISHABLE_KEY, SECRET_KEY } from './support/http';

const USERS = Array.from({ length: 60 }, (_, i) => `kill_${i}`);
/** Four ordered changes and one redemption per user: 300 requests. */
const CHANGES_PER_USER = 4;
const CODE = 'KILL-CAP-25';
const CAP = 25;
/** In flight at once, spread over both processes. */
const CONCURRENCY = 16;
/** The killed process dies when this many answers have arrived. */
const KILL_AFTER_ANSWERS = 100;

/** Sent to the killed process only (odd index), its changes wait on the lock the test holds. */
const HELD_USER = USERS[1] as string;
/** The advisory lock a write for `HELD_USER` takes (`serializeOn: user:…`). */
const HELD_LOCK = lockNumber(`${DEMO_PROJECT_ID}:user:${HELD_USER}`);

const TO_PLUS = '-pro,+plus';
const TO_PRO = '+pro,-plus';

let testDatabase: TestDatabase | undefined;
let direct: Database | undefined;
/** `victim` is killed in the middle of the load; `survivor` keeps serving. */
let victim: StartedCli;
let survivor: StartedCli;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  direct = await openDatabase(testDatabase.url, { poolSize: 2 });
  await seedDatabase(direct, { scenario: 'default' });
  [victim, survivor] = await Promise.all([
    startCli(['--database', testDatabase.url, '--port', '0'], { LOG_LEVEL: 'warn' }),
    startCli(['--database', testDatabase.url, '--port', '0'], { LOG_LEVEL: 'warn' }),
  ]);
  // Every load user starts on Pro: each ordered change swaps Pro and Plus.
  await runPool(USERS.length, 8, async (i) => {
    const url = i % 2 ? victim.url : survivor.url;
    const user = USERS[i] as string;
    const created = await send(url, `/v1/users/${user}`, {
      method: 'PUT',
      key: SECRET_KEY,
      json: { firstname: 'Kill', lastname: String(i) },
    });
    expect(created.ok && created.status).toBe(201);
    const onPro = await send(url, `/v1/users/${user}/membership-changes`, {
      key: SECRET_KEY,
      json: { changes: '+pro' },
    });
    expect(onPro.ok && onPro.status).toBe(200);
  });
  const code = await send(survivor.url, '/v1/user-groups/vip/codes', {
    key: SECRET_KEY,
    json: { mode: 'shared', code: CODE, maxRedemptions: CAP },
  });
  expect(code.ok && code.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await killAllStarted();
  await direct?.close();
  await testDatabase?.drop();
});

interface Task {
  user: string;
  kind: 'change' | 'redeem';
  changes?: string;
  /** The Idempotency-Key of a change. */
  key?: string;
}

/** Round r: each user sends its redemption when r = its index mod 5, else its next change. */
function buildTasks(): Task[] {
  const tasks: Task[] = [];
  const sent = new Map<string, number>();
  for (let round = 0; round <= CHANGES_PER_USER; round++) {
    USERS.forEach((user, u) => {
      if (round === u % (CHANGES_PER_USER + 1)) {
        tasks.push({ user, kind: 'redeem' });
        return;
      }
      const n = sent.get(user) ?? 0;
      sent.set(user, n + 1);
      tasks.push({
        user,
        kind: 'change',
        changes: n % 2 === 0 ? TO_PLUS : TO_PRO,
        key: `kill-${user}-${n}`,
      });
    });
  }
  return tasks;
}

/** One task as sent: to which process, its first outcome, and its last (after a retry). */
interface Sent {
  task: Task;
  target: 'victim' | 'survivor';
  outcome: Outcome;
  final: Outcome;
}

function sendTask(url: string, task: Task): Promise<Outcome> {
  return task.kind === 'change'
    ? send(url, `/v1/users/${task.user}/membership-changes`, {
        key: SECRET_KEY,
        json: { changes: task.changes },
        headers: { 'idempotency-key': task.key as string },
      })
    : send(url, `/v1/users/${task.user}/redeem-code`, {
        key: PUBLISHABLE_KEY,
        json: { code: CODE },
      });
}

/** A valid answer to a task: 200, or, for a redemption past the cap, 409 `code_already_used`. */
function isValidAnswer(task: Task, outcome: Outcome): boolean {
  if (!outcome.ok) return false;
  if (outcome.status === 200) return true;
  return (
    task.kind === 'redeem' && outcome.status === 409 && errorCode(outcome) === 'code_already_used'
  );
}

type ChangeBody = {
  applied: { op: string; group: string; result: string }[];
  memberships: { slug: string }[];
  automations: { name: string; opIndex: number }[];
};

const rowsOf = async <Row extends Record<string, unknown>>(text: string, params?: unknown[]) =>
  (await (direct as Database).query<Row>(text, params)).rows;

describe('kill -9 of one process under a write load', () => {
  it('leaves every request all-or-nothing; the other process keeps serving; retries apply once', async () => {
    const tasks = buildTasks();
    expect(tasks).toHaveLength(USERS.length * (CHANGES_PER_USER + 1));

    let answers = 0;
    let killedAt: number | undefined;
    // Hold HELD_USER's lock (a transaction of its own) until the kill.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding = () => {};
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = (direct as Database).transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${HELD_LOCK}::bigint)`);
      holding();
      await released;
    });
    await held;
    /** Requests waiting for the held lock, in the database (the held user's, on the victim). */
    const waiting = async () =>
      (
        await rowsOf<{ n: number }>(
          `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
            and ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
          [HELD_LOCK],
        )
      )[0]?.n ?? 0;
    let waitingAtKill = 0;
    const records: Sent[] = await runPool(tasks.length, CONCURRENCY, async (i) => {
      const task = tasks[i] as Task;
      // Spread over both processes until the kill; then only the survivor (a load balancer
      // would take the dead one out).
      const target = killedAt === undefined && i % 2 === 1 ? 'victim' : 'survivor';
      const outcome = await sendTask(target === 'victim' ? victim.url : survivor.url, task);
      answers += 1;
      if (answers === KILL_AFTER_ANSWERS) {
        waitingAtKill = await waiting();
        // While its other requests are in flight, and the held user's waits in it.
        victim.process.child.kill('SIGKILL');
        killedAt = performance.now();
        release();
      }
      return { task, target, outcome, final: outcome };
    });
    expect(await killHard(victim.process)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(killedAt).toBeDefined();
    await holder;
    expect(waitingAtKill).toBeGreaterThan(0);

    // The survivor answered every request it got, before and after the kill, and kept
    // serving while the other died.
    const toSurvivor = records.filter((r) => r.target === 'survivor');
    expect(toSurvivor.filter((r) => !isValidAnswer(r.task, r.outcome))).toEqual([]);
    const servedAfterKill = toSurvivor.filter(
      (r) => r.outcome.ok && r.outcome.sentAt > (killedAt as number),
    ).length;
    expect(servedAfterKill).toBeGreaterThan(100);

    // Requests to the victim: answered before it died, or cut off (no answer at all).
    const toVictim = records.filter((r) => r.target === 'victim');
    const cutOff = toVictim.filter((r) => !r.outcome.ok);
    expect(toVictim.filter((r) => r.outcome.ok && !isValidAnswer(r.task, r.outcome))).toEqual([]);
    // The kill hit requests in flight (the held user's at least): otherwise this test proves
    // nothing.
    expect(cutOff.filter((r) => r.task.user === HELD_USER).length).toBeGreaterThan(0);

    // Retried on the survivor with the same Idempotency-Key (redemptions are idempotent by
    // themselves: a member redeeming again changes nothing).
    let replayed = 0;
    for (const record of cutOff) {
      const retry = await sendTask(survivor.url, record.task);
      expect(isValidAnswer(record.task, retry), JSON.stringify(retry)).toBe(true);
      if (retry.ok && retry.headers.get('idempotent-replayed') === 'true') replayed += 1;
      record.final = retry;
    }
    console.info(
      `kill -9 after ${KILL_AFTER_ANSWERS} answers: ${toVictim.length} requests went to the killed process, ${cutOff.length} cut off (${replayed} of them had committed: replayed on retry), ${servedAfterKill} answered by the survivor after the kill`,
    );

    // --- The database itself -------------------------------------------------------------
    const p = DEMO_PROJECT_ID;

    // Ordered changes: each user holds exactly one of Pro and Plus (a half-applied swap
    // leaves both or neither).
    const plans = await rowsOf<{ user_id: string; slug: string }>(
      `select m.user_id, g.slug from memberships m
        join user_groups g on g.project_id = m.project_id and g.id = m.group_id
        where m.project_id = $1 and m.user_id like 'kill\\_%' and g.slug in ('pro', 'plus')`,
      [p],
    );
    const planOf = new Map<string, string[]>();
    for (const { user_id, slug } of plans)
      planOf.set(user_id, [...(planOf.get(user_id) ?? []), slug]);
    for (const user of USERS) expect([user, planOf.get(user)?.length]).toEqual([user, 1]);

    // Member counts equal the memberships, for every group.
    const counts = await rowsOf<{ slug: string; member_count: number; actual: number }>(
      `select g.slug, g.member_count + coalesce((select sum(s.delta)::int from member_count_shards s
          where s.project_id = g.project_id and s.group_id = g.id), 0) as member_count,
        (select count(*)::int from memberships m
          where m.project_id = g.project_id and m.group_id = g.id) as actual
        from user_groups g where g.project_id = $1 order by g.slug`,
      [p],
    );
    expect(counts.length).toBeGreaterThan(0);
    for (const row of counts) expect(row.member_count, row.slug).toBe(row.actual);

    // Code uses: every redemption has its membership (source code, joined then), and every
    // membership from a code has its redemption; the cap holds exactly.
    const redemptions = await rowsOf<{
      user_id: string;
      code: string;
      at: string;
      source: string | null;
      joined_at: string | null;
    }>(
      `select r.user_id, c.normalized as code, r.at, m.data->>'source' as source,
          m.data->>'joinedAt' as joined_at
        from code_redemptions r
        join codes c on c.project_id = r.project_id and c.id = r.code_id
        left join memberships m on m.project_id = r.project_id and m.user_id = r.user_id
          and m.group_id = c.group_id
        where r.project_id = $1`,
      [p],
    );
    for (const r of redemptions) expect(r).toMatchObject({ source: 'code', joined_at: r.at });
    const orphans = await rowsOf(
      `select m.user_id, m.group_id from memberships m
        where m.project_id = $1 and m.data->>'source' = 'code' and not exists (
          select 1 from code_redemptions r join codes c on c.project_id = r.project_id and c.id = r.code_id
          where r.project_id = m.project_id and r.user_id = m.user_id and c.group_id = m.group_id)`,
      [p],
    );
    expect(orphans).toEqual([]);
    const redeemed = new Set(redemptions.filter((r) => r.code === CODE).map((r) => r.user_id));
    expect(redeemed.size).toBe(CAP);
    // Each user's last answer says whether the code is theirs: 200 exactly for the redeemers.
    const answeredYes = new Set(
      records
        .filter(({ task, final }) => task.kind === 'redeem' && final.ok && final.status === 200)
        .map(({ task }) => task.user),
    );
    expect([...answeredYes].sort()).toEqual([...redeemed].sort());

    // Idempotency keys: one stored answer per change (all of them answered in the end), equal
    // to the answer the client got; each answer whole (both ops applied, or neither).
    const stored = await rowsOf<{ slot: string; response: ChangeBody }>(
      `select slot, response from idempotency_keys where project_id = $1 and slot like '%:kill-%'`,
      [p],
    );
    const storedByKey = new Map(stored.map((row) => [row.slot.split(':').at(-1) as string, row]));
    const changes = records.filter(({ task }) => task.kind === 'change');
    expect(stored).toHaveLength(changes.length);
    for (const { task, final: outcome } of changes) {
      const row = storedByKey.get(task.key as string);
      expect(row?.slot).toBe(`sk_test:${task.user}:${task.key}`);
      expect(outcome.ok && outcome.body).toEqual(row?.response);
      // A swap applies both of its ops (from the plan it leaves) or neither (from the other).
      const unchanged = row?.response.applied.filter((a) => a.result === 'unchanged').length;
      expect([0, 2], JSON.stringify(row?.response.applied)).toContain(unchanged);
    }

    // Per user, the stored answers chain from Pro to the plan held now, and the run log has
    // exactly the runs they report: two per effective Pro -> Plus swap, none otherwise.
    const runs = await rowsOf<{ user_id: string; name: string; op_index: number }>(
      `select user_id, data->>'name' as name, (data->>'opIndex')::int as op_index
        from automation_runs where project_id = $1 and user_id like 'kill\\_%'`,
      [p],
    );
    let reportedRuns = 0;
    for (const user of USERS) {
      const answersOfUser = stored
        .filter((row) => row.slot.startsWith(`sk_test:${user}:`))
        .map((row) => row.response);
      const added = (group: string) =>
        answersOfUser.filter((a) =>
          a.applied.some((x) => x.op === 'add' && x.group === group && x.result === 'added'),
        ).length;
      const toPlus = added('plus');
      const toPro = added('pro');
      const holdsPlus = planOf.get(user)?.[0] === 'plus';
      expect([user, toPlus - toPro]).toEqual([user, holdsPlus ? 1 : 0]);
      const userRuns = runs.filter((r) => r.user_id === user);
      expect(userRuns.map((r) => `${r.op_index}:${r.name}`).sort()).toEqual(
        answersOfUser.flatMap((a) => a.automations.map((x) => `${x.opIndex}:${x.name}`)).sort(),
      );
      expect(userRuns.filter((r) => r.name === 'Pro cancellation survey')).toHaveLength(toPlus);
      expect(userRuns.filter((r) => r.name === 'Welcome to Plus')).toHaveLength(toPlus);
      reportedRuns += answersOfUser.reduce((sum, a) => sum + a.automations.length, 0);
    }
    expect(runs).toHaveLength(reportedRuns);
    expect(reportedRuns).toBeGreaterThan(0);

    // And the survivor still serves, reads and writes.
    expect((await send(survivor.url, '/readyz', { key: PUBLISHABLE_KEY })).ok).toBe(true);
    const after = await send(survivor.url, `/v1/users/${USERS[0]}/membership-changes`, {
      key: SECRET_KEY,
      json: { changes: TO_PRO },
      headers: { 'idempotency-key': 'kill-after' },
    });
    expect(after.ok && after.status).toBe(200);
  }, 90_000);
});
