/**
 * Automatic groups' memberships, decided by their rule sets: a whole group after its rule set
 * changes, or one user after their attributes, branch or status change. Both fire the
 * automations of the memberships that came or went, with origin `rule`.
 */
import { fireMembershipEvents, type MembershipEvent } from './automations';
import { matchesRuleSet } from './rules';
import type { EngineState } from './state';
import type { UserGroupRecord, UserRecord } from './types';

/**
 * Rebuilds an automatic group's population from its rule set, as real platforms do on every
 * rule change: its members become exactly the users the rules select. Members who still
 * match keep their membership (and `joinedAt`); the others are added now; automations fire
 * for those who left and those who came. Returns the populations.
 *
 * The server overrides this with `state.recalculate` (set-based SQL over every user), which
 * fires the same automations in SQL: `automationsOnGroup` names them.
 */
export function repopulate(
  state: EngineState,
  group: UserGroupRecord,
  at: Date = state.now(),
): { before: number; after: number } {
  if (state.recalculate) return state.recalculate(group, at);
  const before = state.memberships.count(group.id);
  const { ruleset } = group;
  const events: MembershipEvent[] = [];
  for (const record of state.memberships.ofGroup(group.id)) {
    const user = state.users.get(record.userId);
    if (!ruleset || !user || !matchesRuleSet(ruleset, user)) {
      state.memberships.remove(record.userId, group.id);
      events.push({ userId: record.userId, groupId: group.id, event: 'removed_from' });
    }
  }
  if (ruleset) {
    const joinedAt = at.toISOString();
    for (const user of state.users.values()) {
      if (state.memberships.get(user.id, group.id)) continue;
      if (matchesRuleSet(ruleset, user)) {
        state.memberships.add({
          userId: user.id,
          groupId: group.id,
          joinedAt,
          source: 'rule',
          attributes: {},
        });
        events.push({ userId: user.id, groupId: group.id, event: 'added_to' });
      }
    }
  }
  fireMembershipEvents(state, events, 'rule');
  return { before, after: state.memberships.count(group.id) };
}

/**
 * Re-evaluates one user against every automatic group (after their attributes change).
 * Returns the memberships that came or went; the caller fires them once its whole write has
 * applied (a user upsert also changes manual memberships).
 */
export function reevaluateUser(state: EngineState, user: UserRecord): MembershipEvent[] {
  const joinedAt = state.now().toISOString();
  const events: MembershipEvent[] = [];
  for (const group of state.userGroups.values()) {
    if (group.type !== 'automatic') continue;
    const should = group.ruleset !== null && matchesRuleSet(group.ruleset, user);
    const is = state.memberships.get(user.id, group.id) !== undefined;
    if (should && !is) {
      state.memberships.add({
        userId: user.id,
        groupId: group.id,
        joinedAt,
        source: 'rule',
        attributes: {},
      });
      events.push({ userId: user.id, groupId: group.id, event: 'added_to' });
    } else if (!should && is) {
      state.memberships.remove(user.id, group.id);
      events.push({ userId: user.id, groupId: group.id, event: 'removed_from' });
    }
  }
  return events;
}
