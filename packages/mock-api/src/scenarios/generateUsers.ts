import type { UserRecord } from '../engine/types';
import type { createSeedBuilder } from './build';

const FIRST_NAMES = [
  'Barbara',
  'Claude',
  'Donald',
  'Edsger',
  'Frances',
  'John',
  'Katherine',
  'Leslie',
  'Margaret',
  'Niklaus',
];
const LAST_NAMES = ['Liskov', 'Shannon', 'Knuth', 'Dijkstra', 'Allen'];
const ROLES = ['engineer', 'analyst', 'designer', 'admin', 'support'];
const PLANS = ['free', 'plus', 'pro'];
const COUNTRIES = ['UK', 'US', 'DE', 'FR', 'IN', 'JP'];
const BRANCHES = ['london', 'nyc', 'berlin'];

const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;

/**
 * `count` deterministic users `u_001`, `u_002`, ...: attributes cycle through roles, plans,
 * countries and branches, so rule sets match predictable, non-trivial populations
 * (e.g. every 6th user is in the UK, every 10th is inactive).
 */
export function generateUsers(
  b: ReturnType<typeof createSeedBuilder>,
  count: number,
): UserRecord[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) =>
    b.user({
      id: `u_${String(i + 1).padStart(width, '0')}`,
      firstname: pick(FIRST_NAMES, i),
      lastname: `${pick(LAST_NAMES, i)} ${i + 1}`,
      branchId: pick(BRANCHES, i),
      status: i % 10 === 9 ? 'inactive' : 'active',
      attributes: {
        role: pick(ROLES, i),
        plan: pick(PLANS, i),
        country: pick(COUNTRIES, i),
        seats: (i * 7) % 100,
      },
    }),
  );
}
