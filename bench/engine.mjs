// The mock engine at scale: rule-set populations over `largeOrg` (100,000 users), and
// membership-change throughput through the MSW handlers.
import { createGroupKitClient } from '@groupkit/client';
import { createGroupsEngine } from '@groupkit/mock-api';
import { createMockServer } from '@groupkit/mock-api/node';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => Number(value.toFixed(1));

const attribute = (field, op, value) => ({ type: 'attribute', payload: { field, op, value } });

/** Three sets, OR: active Germans; NYC designers; admins on the pro plan. */
const THREE_SETS = {
  operator: 'OR',
  sets: [
    {
      rules: [attribute('country', 'eq', 'DE'), { type: 'status', payload: { status: 'active' } }],
    },
    {
      rules: [
        { type: 'branch', payload: { branchIds: ['nyc'] } },
        attribute('role', 'starts_with', 'des'),
      ],
    },
    { rules: [attribute('plan', 'in', ['pro']), attribute('role', 'eq', 'admin')] },
  ],
};

/** Three other sets, AND: Berlin or London; not on the free plan; has a role. */
const CHANGED_SETS = {
  operator: 'AND',
  sets: [
    { rules: [{ type: 'branch', payload: { branchIds: ['berlin', 'london'] } }] },
    { rules: [attribute('plan', 'neq', 'free')] },
    { rules: [{ type: 'attribute', payload: { field: 'role', op: 'exists' } }] },
  ],
};

/**
 * Creates an automatic group with a 3-set rule set over `largeOrg`, then changes its rule
 * set, `runs` times each (a fresh group every run); medians in ms (goal: ≤ 300 each).
 */
export function ruleSetTimings(runs = 5) {
  let start = performance.now();
  const engine = createGroupsEngine({ scenario: 'largeOrg' });
  const seedMs = performance.now() - start;
  const create = [];
  const change = [];
  const populations = new Set();
  for (let i = 0; i < runs; i++) {
    const slug = `bench-rules-${i}`;
    start = performance.now();
    engine.createUserGroup({ slug, name: `Bench ${i}`, type: 'automatic', ruleset: THREE_SETS });
    create.push(performance.now() - start);
    start = performance.now();
    const changed = engine.updateUserGroup(slug, { ruleset: CHANGED_SETS });
    change.push(performance.now() - start);
    const [first, second] = engine.listConditionsHistory(slug);
    populations.add(`${first.populationAfter} → ${second.populationAfter}`);
    if (changed.memberCount !== second.populationAfter) throw new Error('population mismatch');
    engine.deleteUserGroup(slug);
  }
  const range = (values) => `${ms(Math.min(...values))}–${ms(Math.max(...values))} ms`;
  const note = `median of ${runs} (${range(create)}); members ${[...populations].join(', ')}; seeding largeOrg took ${ms(seedMs)} ms`;
  return {
    create: { value: ms(median(create)), note },
    change: { value: ms(median(change)), note: `median of ${runs} (${range(change)})` },
  };
}

/**
 * `total` membership changes through the handlers with the SDK's client (no latency, no
 * faults): `concurrency` users each toggle `newsletter` in turn. Requests per second.
 */
export async function membershipChangeThroughput({ total = 10_000, concurrency = 10 } = {}) {
  const baseUrl = 'https://throughput.groupkit.test';
  const { server } = createMockServer({ baseUrl });
  server.listen({ onUnhandledRequest: 'error' });
  const client = createGroupKitClient({
    apiKey: 'pk_test_groupkit',
    baseUrl,
    retry: { retries: 0 },
  });
  const perUser = Math.ceil(total / concurrency);
  let unchanged = 0;
  const start = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, u) => {
        const userId = `u_${String(u + 1).padStart(3, '0')}`;
        for (let i = 0; i < perUser; i++) {
          const result = await client.changeMemberships(
            userId,
            i % 2 === 0 ? '+newsletter' : '-newsletter',
          );
          if (result.applied[0]?.result === 'unchanged') unchanged += 1;
        }
      }),
    );
  } finally {
    server.close();
  }
  const seconds = (performance.now() - start) / 1000;
  const sent = perUser * concurrency;
  return {
    value: Math.round(sent / seconds),
    note: `${sent} POST membership-changes in ${seconds.toFixed(2)} s, ${concurrency} users in parallel${unchanged ? `, ${unchanged} unchanged` : ''}`,
  };
}
