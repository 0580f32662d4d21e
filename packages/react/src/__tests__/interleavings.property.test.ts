// @vitest-environment node
import {
  createClientCore,
  isGroupKitApiError,
  isGroupKitNetworkError,
  type MembershipChangeResult,
  type RedeemCodeResult,
  type Session,
} from '@groupkit/client';
import { createGroupsEngine, createHandlers } from '@groupkit/mock-api';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChangeEnv,
  changeMemberships,
  type GroupKitErrorContext,
  type GroupKitOutcome,
  redeemCode,
} from '../changeRunner';
import { type Loader, type LoaderEnv, loadMemberships, loadUserGroups } from '../loaders';
import { groupKitKeys } from '../queryKeys';
import { GROUPKIT_STALE_TIME } from '../resourceQueryOptions';
import { createGroupKitStore } from '../store';
import { type Fault, FAULTS, faultLayer, seededRandom } from './support/faults';
import {
  type Expected,
  model,
  RETRIES,
  type Scenario,
  scenario,
} from './support/interleavingModel';

/*
 * Rapid clicks through the framework-free layer (store, QueryClient, change runner, loaders)
 * against the real mock API, with random latency, injected faults and lost answers, checked
 * against a pure model of the user's actions applied in order (support/interleavingModel.ts).
 * Explore with GROUPKIT_PROPERTY_SEED / _RUNS; replay a failure with the seed and the
 * GROUPKIT_PROPERTY_PATH fast-check prints.
 */

const BASE = 'https://property.groupkit.test';
const USER = 'u_ada';
const ACCOUNT = 'acme';
const NUM_RUNS = Number(process.env.GROUPKIT_PROPERTY_RUNS ?? 1000);
const SEED = Number(process.env.GROUPKIT_PROPERTY_SEED ?? 20_260_302);
/**
 * Share of read attempts that fail. Faults may run one past the client's retries, so some
 * reads fail for good; the run then ends with the outage over and one refresh, as a user
 * pressing "retry" would.
 */
const READ_FAULT_RATE = 0.15;

// --- the system under test ------------------------------------------------------------------

const totals = {
  runs: 0,
  actions: 0,
  requests: 0,
  faults: Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>,
  retriedWrites: 0,
  writesGivenUp: 0,
  readsFailedForGood: 0,
  reordered: 0,
  replays: 0,
  refused: 0,
  automationRuns: 0,
  lockouts: 0,
  lockedByClient: 0,
  changesLost: 0,
  changesDoubled: 0,
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** As GroupKitProvider seeds `initialData`: every resource's cache from one session. */
function seed(queryClient: QueryClient, session: Session) {
  queryClient.setQueryData(groupKitKeys.session(USER, ACCOUNT), session);
  queryClient.setQueryData(groupKitKeys.memberships(USER), session.memberships);
  queryClient.setQueryData(groupKitKeys.userGroups(USER), session.userGroups);
  if (session.group) queryClient.setQueryData(groupKitKeys.group(USER, ACCOUNT), session.group);
}

/** A mounted hook, without React: an observer of one resource, as `useResourceQuery` makes. */
function observe<T>(env: LoaderEnv, key: readonly unknown[], load: Loader<T>) {
  const observer = new QueryObserver(env.queryClient, {
    queryKey: key,
    queryFn: ({ signal }) => load(env, signal),
    staleTime: GROUPKIT_STALE_TIME,
  });
  return observer.subscribe(() => {});
}

const codeOf = (error: Error) =>
  isGroupKitApiError(error) ? error.code : isGroupKitNetworkError(error) ? 'network' : error.name;

function summary(outcome: GroupKitOutcome<MembershipChangeResult | RedeemCodeResult>): Expected {
  if (!outcome.ok) return { ok: false, code: codeOf(outcome.error) };
  const { data } = outcome;
  const automations = data.automations.map((a) => a.name);
  return 'result' in data
    ? { ok: true, automations, result: data.result }
    : { ok: true, automations };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function run(input: Scenario) {
  const expected = model(input);
  const t0 = Date.parse('2026-03-02T09:00:00Z');
  let clock = 0;
  // A clock that moves 1 ms per reading: deterministic, and every membership has its own instant.
  const engine = createGroupsEngine({ now: () => new Date(t0 + clock++) });
  const random = seededRandom(input.seed);

  // What the server saw, and what the test injected.
  const faultsByKey = new Map<string, Fault[]>();
  const redeemFaults: Fault[][] = [];
  const firstSeen: string[] = [];
  const applied = new Map<string, number>();
  let armed = false;
  let requests = 0;
  const readStreaks = new Map<string, number>();
  const arrivals = new WeakMap<Request, number>();
  let latestAnswered = -1;
  const injected: Fault[] = [];

  const real = createHandlers(engine, {
    baseUrl: BASE,
    latency: [0, input.latency],
    random,
  });
  server.resetHandlers(
    faultLayer(BASE, real, {
      async decide(request) {
        arrivals.set(request, requests++);
        if (!armed) return null;
        let fault: Fault | null | undefined = null;
        const path = new URL(request.url).pathname;
        if (request.method === 'GET') {
          // At most one fault past the client's retries in a row: a read may fail for good
          // (every attempt failed); the next one gets through.
          // A failing read keeps failing half the time: an outage, not a blip.
          const streak = readStreaks.get(path) ?? 0;
          if (streak <= RETRIES && random() < (streak === 0 ? READ_FAULT_RATE : 0.5))
            fault = FAULTS[Math.floor(random() * FAULTS.length)];
          readStreaks.set(path, fault ? streak + 1 : 0);
          if (fault && streak === RETRIES) totals.readsFailedForGood++;
        } else if (path.endsWith('/membership-changes')) {
          const key = request.headers.get('idempotency-key') ?? '';
          if (firstSeen.includes(key)) totals.retriedWrites++;
          else firstSeen.push(key);
          fault = faultsByKey.get(key)?.shift();
        } else if (path.endsWith('/redeem-code')) {
          const { code } = (await request.clone().json()) as { code: string };
          firstSeen.push(`redeem:${code}`);
          fault = redeemFaults.shift()?.[0];
        }
        if (fault) injected.push(fault);
        return fault ?? null;
      },
      onAnswer(request, response) {
        // Answered after a request that arrived later: the wire reordered them.
        const arrival = arrivals.get(request) ?? 0;
        if (arrival < latestAnswered) totals.reordered++;
        latestAnswered = Math.max(latestAnswered, arrival);
        const key = request.headers.get('idempotency-key');
        if (!key || !response.ok) return;
        if (response.headers.get('idempotent-replayed') === 'true') totals.replays++;
        else applied.set(key, (applied.get(key) ?? 0) + 1);
      },
    }),
  );

  const core = createClientCore({
    apiKey: input.actor === 'admin' ? 'sk_test_groupkit' : 'pk_test_groupkit',
    baseUrl: BASE,
    retry: { retries: RETRIES, random, sleep: () => Promise.resolve() },
  });
  // The provider's private QueryClient defaults.
  const queryClient = new QueryClient({
    defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: false } },
  });
  const store = createGroupKitStore({ storage: null });
  const errors: GroupKitErrorContext['action'][] = [];
  const onError = (_: Error, context: GroupKitErrorContext) => void errors.push(context.action);
  const env: ChangeEnv & LoaderEnv = {
    core,
    queryClient,
    store,
    userId: USER,
    groupId: ACCOUNT,
    onError,
  };

  // The session as the server renders it (what a provider's `initialData` holds).
  seed(queryClient, JSON.parse(JSON.stringify(engine.getSession(USER, ACCOUNT))) as Session);
  armed = true;
  const unsubscribe = [
    observe(env, groupKitKeys.memberships(USER), loadMemberships),
    observe(env, groupKitKeys.userGroups(USER), loadUserGroups),
  ];

  const expectedWire: string[] = [];
  const keys: (string | null)[] = [];
  const outcomes: Expected[][] = [];
  for (const [b, burst] of input.bursts.entries()) {
    const writes: Promise<GroupKitOutcome<MembershipChangeResult | RedeemCodeResult>>[] = [];
    const reads: Promise<unknown>[] = [];
    let w = 0;
    for (const act of burst) {
      totals.actions++;
      if (act.kind === 'refresh') {
        // As useGroupKit().refetch(): every mounted resource, cancelling a read in flight.
        reads.push(
          queryClient.refetchQueries({ queryKey: groupKitKeys.user(USER), type: 'active' }),
        );
        continue;
      }
      const sends = expected.sends[b]?.[w++] ?? false;
      if (act.kind === 'change') {
        writes.push(changeMemberships(env, act.changes));
        // Queued synchronously: its id is the Idempotency-Key every attempt carries.
        const key = store.getState().pending.at(-1)?.id ?? '';
        faultsByKey.set(key, [...act.faults]);
        expectedWire.push(key);
        keys.push(key);
      } else {
        if (sends) {
          redeemFaults.push([...act.faults]);
          expectedWire.push(`redeem:${act.code}`);
        }
        writes.push(redeemCode(env, act.code));
        keys.push(null);
      }
    }
    outcomes.push((await Promise.all(writes)).map(summary));
    await Promise.all(reads);
  }
  const settle = async () => {
    // Settled: no write queued, no read in flight (a refetch a failure set off included).
    for (let quiet = 0; quiet < 2; quiet = queryClient.isFetching() === 0 ? quiet + 1 : 0) {
      await tick();
    }
  };
  await settle();
  // The outage is over: one refresh of everything mounted, as after a read that failed for
  // good the user would ask for.
  armed = false;
  await queryClient.refetchQueries({ queryKey: groupKitKeys.user(USER), type: 'active' });
  await settle();

  const state = store.getState();
  const runs = engine.listAutomationRuns(USER).map((r) => `${r.name}@${r.opIndex}`);
  const membershipsNow = engine.listMemberships(USER);
  const okChanges = expected.outcomes.flat().flatMap((o, i) => {
    const key = keys[i];
    return o.ok && key ? [key] : [];
  });
  const lost = okChanges.filter((key) => !applied.has(key)).length;
  const doubled =
    [...applied.values()].filter((n) => n > 1).length +
    Math.max(0, runs.length - expected.runs.length);

  totals.runs++;
  totals.requests += requests;
  for (const f of injected) totals.faults[f]++;
  totals.refused += expected.outcomes.flat().filter((o) => !o.ok).length;
  totals.writesGivenUp += input.bursts
    .flat()
    .filter((a) => a.kind === 'change' && a.faults.length > RETRIES).length;
  totals.automationRuns += runs.length;
  if (expected.outcomes.flat().some((o) => !o.ok && o.code === 'too_many_attempts'))
    totals.lockouts++;
  totals.lockedByClient += expected.sends.flat().filter((sent) => !sent).length;
  totals.changesLost += lost;
  totals.changesDoubled += doubled;

  // The server holds exactly the user's actions applied in order, each once.
  expect(membershipsNow.map((m) => m.slug).sort()).toEqual(expected.memberships);
  expect(runs).toEqual(expected.runs);
  expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
  // Each click got the answer the model predicts, and every failure was reported once.
  expect(outcomes).toEqual(expected.outcomes);
  expect(errors.filter((a) => a !== 'load')).toHaveLength(
    expected.outcomes.flat().filter((o) => !o.ok).length,
  );
  // Sent one at a time, in the order the user clicked.
  expect(firstSeen).toEqual(expectedWire);
  // Nothing optimistic left, and the cache shows what the server holds.
  expect(state.pending).toEqual([]);
  expect(state.retrying).toBe(false);
  expect(queryClient.getQueryData(groupKitKeys.memberships(USER))).toEqual(membershipsNow);
  expect(queryClient.getQueryData(groupKitKeys.userGroups(USER))).toEqual(
    engine.listViewableUserGroups({ includeScheduled: true }),
  );
  unsubscribe.forEach((stop) => stop());
  queryClient.clear();
}

describe('random interleavings of clicks, faults, latency and lost answers', () => {
  it(`match the user's actions applied in order (${NUM_RUNS} runs)`, async () => {
    await fc.assert(fc.asyncProperty(scenario, run), {
      numRuns: NUM_RUNS,
      seed: SEED,
      path: process.env.GROUPKIT_PROPERTY_PATH,
    });
    console.log(
      [
        `property: ${totals.runs} runs, ${totals.actions} actions, ${totals.requests} requests`,
        `faults injected: ${Object.values(totals.faults).reduce((a, b) => a + b, 0)} (${FAULTS.map((f) => `${f} ${totals.faults[f]}`).join(', ')})`,
        `writes retried: ${totals.retriedWrites}, given up after every retry: ${totals.writesGivenUp}, answers replayed by key: ${totals.replays}, answers reordered on the wire: ${totals.reordered}`,
        `reads failed for good: ${totals.readsFailedForGood}`,
        `refused or failed clicks: ${totals.refused}, runs with a code lockout: ${totals.lockouts} (codes refused by the client while locked: ${totals.lockedByClient})`,
        `automation runs: ${totals.automationRuns}`,
        `changes lost: ${totals.changesLost}, changes doubled: ${totals.changesDoubled}`,
      ].join('\n'),
    );
    // The runs explored what they claim to: each fault kind, on reads and writes, writes
    // and reads that failed for good, retries answered from the idempotency key, reordering
    // and a code lockout. (Few runs, from GROUPKIT_PROPERTY_RUNS, may not reach them all.)
    if (NUM_RUNS >= 200) {
      expect(totals.faults).toEqual(Object.fromEntries(FAULTS.map((f) => [f, expect.any(Number)])));
      for (const f of FAULTS) expect([f, totals.faults[f] > 0]).toEqual([f, true]);
      expect({
        retriedWrites: totals.retriedWrites > 0,
        writesGivenUp: totals.writesGivenUp > 0,
        readsFailedForGood: totals.readsFailedForGood > 0,
        replays: totals.replays > 0,
        reordered: totals.reordered > 0,
        lockouts: totals.lockouts > 0,
        automationRuns: totals.automationRuns > 0,
      }).toEqual({
        retriedWrites: true,
        writesGivenUp: true,
        readsFailedForGood: true,
        replays: true,
        reordered: true,
        lockouts: true,
        automationRuns: true,
      });
    }
  }, 120_000);
});
