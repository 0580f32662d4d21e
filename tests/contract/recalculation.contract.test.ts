import { describe, expect, it } from 'vitest';
import { contractApi, SECRET_KEY } from './support/api';

const START = new Date('2026-11-23T12:00:00Z');
const LATER = new Date('2026-12-01T09:30:00Z');

// The clock is read on every request: moving it moves the target's clock.
let clock = new Date(START);
const api = contractApi({ now: () => clock });
const admin = (method: string, path: string, body?: unknown) =>
  api.call(method, path, { key: SECRET_KEY, body });

const ruleset = (...branchIds: string[]) => ({
  operator: 'AND',
  sets: [{ rules: [{ type: 'branch', payload: { branchIds } }] }],
});

/** When each member joined, by user id (the member list, every page). */
async function joinedAtByUser(slug: string): Promise<Map<string, string>> {
  const { body } = await admin('GET', `/user-groups/${slug}/users?page_size=200`);
  return new Map((body.data as { id: string; joinedAt: string }[]).map((m) => [m.id, m.joinedAt]));
}

describe('recalculating an automatic group on a rule change', () => {
  it('keeps the membership (and joinedAt) of members who still match; others join now', async () => {
    clock = new Date(START);
    const created = await admin('POST', '/user-groups', {
      slug: 'nyc-users',
      name: 'NYC users',
      type: 'automatic',
      ruleset: ruleset('nyc'),
    });
    expect(created.status).toBe(201);
    const before = await joinedAtByUser('nyc-users');
    expect(before.size).toBe(created.body.memberCount);
    expect(before.size).toBeGreaterThan(0);
    expect([...before.values()].every((at) => at === START.toISOString())).toBe(true);

    clock = new Date(LATER);
    const widened = await admin('PUT', '/user-groups/nyc-users', {
      ruleset: ruleset('nyc', 'london'),
    });
    expect(widened.status).toBe(200);
    const after = await joinedAtByUser('nyc-users');
    expect(after.size).toBe(widened.body.memberCount);
    expect(after.size).toBeGreaterThan(before.size);
    for (const [userId, joinedAt] of after) {
      expect([userId, joinedAt]).toEqual([
        userId,
        before.has(userId) ? START.toISOString() : LATER.toISOString(),
      ]);
    }

    // Narrowed: those left out are gone, the rest still keep their first joinedAt.
    clock = new Date(LATER.getTime() + 60_000);
    const narrowed = await admin('PUT', '/user-groups/nyc-users', { ruleset: ruleset('london') });
    const last = await joinedAtByUser('nyc-users');
    expect(last.size).toBe(narrowed.body.memberCount);
    for (const [userId, joinedAt] of last) {
      expect(before.has(userId)).toBe(false);
      expect([userId, joinedAt]).toEqual([userId, after.get(userId)]);
    }
  });
});
