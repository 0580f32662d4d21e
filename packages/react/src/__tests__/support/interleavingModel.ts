import fc from 'fast-check';
import { type Fault, FAULTS } from './faults';

/*
 * The user's actions for interleavings.property.test.ts, as fast-check arbitraries, and a pure
 * model of the default scenario's rules that says what applying them in order must leave.
 */

/**
 * Retries per request. A change gets up to one fault more than this: with RETRIES + 1 faults
 * every attempt fails and the change fails for good (reaching the server only if one of those
 * attempts lost its answer after the server applied it).
 */
export const RETRIES = 3;
/** Upper bound of the random per-request latency (ms): enough to reorder reads and writes. */
const MAX_LATENCY_MS = 2;

// --- the user's actions -------------------------------------------------------------------

export type Actor = 'user' | 'admin';
type ChangeAction = { kind: 'change'; changes: string; faults: Fault[] };
type RedeemAction = { kind: 'redeem'; code: string; faults: Fault[] };
export type Action = ChangeAction | RedeemAction | { kind: 'refresh' };
export interface Scenario {
  /** `user`: a publishable key; `admin`: the secret key, which may change pro and plus. */
  actor: Actor;
  /** Seeds latency and read faults. */
  seed: number;
  /** Most ms the server takes per request (0: answers in order of arrival, soon). */
  latency: number;
  /** Clicks made together; the next burst starts once everything before it settled. */
  bursts: Action[][];
}

const TOGGLES = ['+newsletter', '-newsletter', '+community', '-community'];
const REFUSED_FOR_USERS = [
  '+spring-summit', // scheduled
  '+webinar-2025', // ended
  '+staff', // hidden
  '+uk-users', // automatic
  '-uk-users',
  '+newsletter,+uk-users', // atomic: the open op must not apply either
];
const PLAN_SWITCHES = ['-pro,+plus', '+plus,-pro', '-plus,+pro', '+pro,-plus'];
const CODES = ['BETA-2026', ' beta-2026 ', 'VIP-0002', 'NOPE-0000', 'EARLY-2025', '!!'];

const faultsUpTo = (max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant<Fault[]>([]) },
    {
      weight: 2,
      arbitrary: fc.array(fc.constantFrom(...FAULTS), { minLength: 1, maxLength: max }),
    },
  );
const changeAction = (pool: string[]) =>
  fc.record({
    kind: fc.constant('change' as const),
    changes: fc.constantFrom(...pool),
    faults: faultsUpTo(RETRIES + 1),
  });
/** A mix of clicks; `codes` weighs code redemptions (enough wrong codes lock redemption). */
const actions = (codes: number): fc.Arbitrary<Action> =>
  fc.oneof(
    { weight: 4, arbitrary: changeAction(TOGGLES) },
    { weight: 2, arbitrary: changeAction(REFUSED_FOR_USERS) },
    { weight: 2, arbitrary: changeAction(PLAN_SWITCHES) },
    {
      weight: codes,
      // Redeeming is not retried (not idempotent): its first fault is its fate.
      arbitrary: fc.record({
        kind: fc.constant('redeem' as const),
        code: fc.constantFrom(...CODES),
        faults: faultsUpTo(1),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'refresh' as const }) },
  );
const scenarioOf = (codes: number, clicks: number) =>
  fc.record({
    actor: fc.constantFrom<Actor>('user', 'admin'),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    // Latency costs real time (writes go one at a time): one run in four has it.
    latency: fc.constantFrom(0, 0, 0, MAX_LATENCY_MS),
    bursts: fc.array(fc.array(actions(codes), { minLength: 1, maxLength: clicks }), {
      minLength: 1,
      maxLength: 3,
    }),
  });
export const scenario: fc.Arbitrary<Scenario> = fc.oneof(
  { weight: 4, arbitrary: scenarioOf(2, 6) },
  { weight: 1, arbitrary: scenarioOf(12, 10) },
);

// --- the model: the default scenario's rules, applied to the actions in order --------------

interface GroupRule {
  viewable: boolean;
  open: boolean;
  automatic: boolean;
  active: boolean;
}
const GROUPS: Record<string, GroupRule> = {
  newsletter: { viewable: true, open: true, automatic: false, active: true },
  community: { viewable: true, open: true, automatic: false, active: true },
  'spring-summit': { viewable: true, open: true, automatic: false, active: false },
  'webinar-2025': { viewable: true, open: true, automatic: false, active: false },
  staff: { viewable: false, open: true, automatic: false, active: true },
  'uk-users': { viewable: true, open: false, automatic: true, active: true },
  pro: { viewable: false, open: false, automatic: false, active: true },
  plus: { viewable: false, open: false, automatic: false, active: true },
};
const AUTOMATIONS = [
  { name: 'Welcome to Plus', on: 'add', group: 'plus', requireNotIn: 'pro' },
  { name: 'Pro cancellation survey', on: 'remove', group: 'pro', requireNotIn: 'plus' },
] as const;
const CODE_GROUPS: Record<string, string | { fails: string }> = {
  'BETA-2026': 'beta',
  'VIP-0002': 'vip',
  'NOPE-0000': { fails: 'code_invalid' },
  'EARLY-2025': { fails: 'code_expired' },
  '!!': { fails: 'code_malformed' },
};
const REDEEM_MAX_FAILURES = 5;
const FAULT_CODES = {
  serverError: 'internal_error',
  networkError: 'network',
  rateLimit: 'rate_limited',
  lostResponse: 'network',
} as const;

/** What a write resolves to: `ok` with what it reports, or the failure's code (`network`: no answer). */
export type Expected =
  { ok: true; automations: string[]; result?: 'added' | 'unchanged' } | { ok: false; code: string };

export interface ModelResult {
  memberships: string[];
  /** `name@opIndex`, in the order they fired. */
  runs: string[];
  /** Per burst, per write action (refreshes have none). */
  outcomes: Expected[][];
  /** Per burst, per write action: whether it sends a request at all. */
  sends: boolean[][];
}

function refusal(slug: string, op: string, actor: Actor): string | null {
  const group = GROUPS[slug];
  if (!group || (actor === 'user' && !group.viewable)) return 'user_group_not_found';
  if (group.automatic) return 'group_is_automatic';
  // A member leaves a group they could join themselves whatever its window (none of these
  // groups keeps its members).
  if (actor === 'user' && op === 'remove' && group.open) return null;
  if (actor === 'user' && !group.open) return 'group_not_joinable';
  if (actor === 'user' && !group.active) return 'group_not_active';
  return null;
}

const parseOps = (changes: string) =>
  changes.split(',').map((op) => ({ op: op[0] === '+' ? 'add' : 'remove', slug: op.slice(1) }));

export function model({ actor, bursts }: Scenario): ModelResult {
  const held = new Set(['customer', 'pro', 'power-admins', 'uk-users']);
  const runs: string[] = [];
  const result: ModelResult = { memberships: [], runs, outcomes: [], sends: [] };
  let failures = 0;
  let locked = false;
  for (const burst of bursts) {
    // Every click of a burst is made before any answer: the lockout they see is the one before it.
    const lockedAtClick = locked;
    const outcomes: Expected[] = [];
    const sends: boolean[] = [];
    for (const act of burst) {
      if (act.kind === 'refresh') continue;
      if (act.kind === 'change') {
        // Atomic: every op is checked before any applies. A lost answer is replayed under the
        // same key: with an attempt left, the server's verdict is the outcome. With every
        // attempt failed, the last failure is; the server applied the change only if an
        // attempt reached it (its answer lost).
        const ops = parseOps(act.changes);
        const refused = ops.map((o) => refusal(o.slug, o.op, actor)).find((code) => code !== null);
        const exhausted = act.faults.length > RETRIES;
        const last = act.faults.at(-1);
        const gaveUp: Expected | null =
          exhausted && last ? { ok: false, code: FAULT_CODES[last] } : null;
        sends.push(true);
        if (refused) {
          outcomes.push(gaveUp ?? { ok: false, code: refused });
          continue;
        }
        if (gaveUp && !act.faults.includes('lostResponse')) {
          outcomes.push(gaveUp);
          continue;
        }
        const fired: string[] = [];
        ops.forEach(({ op, slug }, opIndex) => {
          const changed = op === 'add' ? !held.has(slug) : held.has(slug);
          if (!changed) return;
          if (op === 'add') held.add(slug);
          else held.delete(slug);
          for (const a of AUTOMATIONS) {
            if (a.on === op && a.group === slug && !held.has(a.requireNotIn)) {
              fired.push(a.name);
              runs.push(`${a.name}@${opIndex}`);
            }
          }
        });
        outcomes.push(gaveUp ?? { ok: true, automations: fired });
        continue;
      }
      // Redeem: refused by the client while locked out, sent once otherwise.
      if (lockedAtClick) {
        sends.push(false);
        outcomes.push({ ok: false, code: 'too_many_attempts' });
        continue;
      }
      sends.push(true);
      const fault = act.faults[0];
      if (fault && fault !== 'lostResponse') {
        outcomes.push({ ok: false, code: FAULT_CODES[fault] });
        continue;
      }
      const target = CODE_GROUPS[act.code.trim().toUpperCase()];
      let verdict: Expected;
      if (failures >= REDEEM_MAX_FAILURES) verdict = { ok: false, code: 'too_many_attempts' };
      else if (target === undefined || typeof target !== 'string') {
        failures++;
        verdict = { ok: false, code: target?.fails ?? 'code_invalid' };
      } else if (held.has(target)) verdict = { ok: true, automations: [], result: 'unchanged' };
      else {
        held.add(target);
        verdict = { ok: true, automations: [], result: 'added' };
      }
      if (fault === 'lostResponse') outcomes.push({ ok: false, code: 'network' });
      else {
        outcomes.push(verdict);
        if (!verdict.ok && verdict.code === 'too_many_attempts') locked = true;
      }
    }
    result.outcomes.push(outcomes);
    result.sends.push(sends);
  }
  result.memberships = [...held].sort();
  return result;
}
