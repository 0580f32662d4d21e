import type { MembershipEvent } from './automations';
import { GroupsEngineError } from './errors';
import { findUserGroup } from './lookup';
import { mergeProperties } from './properties';
import type { EngineState } from './state';
import type { MembershipRecord, Properties, UserGroupRecord } from './types';
import type { MembershipEntry } from './userInput';

/**
 * The membership half of a user upsert: a list of groups the user should be in, optionally
 * pruning the manual memberships the list leaves out. Planned first, applied second, so a
 * bad entry anywhere in the list leaves the user's memberships untouched.
 */

export interface PlannedMembership {
  group: UserGroupRecord;
  /** Replacement attributes; `undefined` keeps an existing membership's, `{}` for a new one. */
  attributes: Properties | undefined;
}

export interface MembershipPlan {
  keep: PlannedMembership[];
  /** Manual memberships the list leaves out, removed when pruning. */
  prune: MembershipRecord[];
}

/**
 * Resolves every entry (slug or id) and refuses the list whole: 404 `user_group_not_found`
 * for an unknown group, 409 `group_is_automatic` for a rule-populated one (its members come
 * from its rule set, so an admin list must not fight it), 400 for the same group twice.
 */
export function planMemberships(
  state: EngineState,
  userId: string,
  entries: MembershipEntry[],
  prune: boolean,
): MembershipPlan {
  const seen = new Map<string, string>();
  const keep = entries.map((entry): PlannedMembership => {
    const group = findUserGroup(state, entry.group);
    if (!group) {
      throw new GroupsEngineError(
        'user_group_not_found',
        `${entry.field}: no user group "${entry.group}".`,
        { field: entry.field, group: entry.group },
      );
    }
    if (group.type === 'automatic') {
      throw new GroupsEngineError(
        'group_is_automatic',
        `${entry.field}: "${group.slug}" is automatic; its members come from its rule set. Change the user's attributes, branch or status instead.`,
        { field: entry.field, group: group.slug },
      );
    }
    const first = seen.get(group.id);
    if (first !== undefined) {
      throw new GroupsEngineError(
        'validation_failed',
        `${entry.field}: "${group.slug}" is already listed at ${first}; list each group once.`,
        { field: entry.field, group: group.slug },
      );
    }
    seen.set(group.id, entry.field);
    const attributes =
      entry.attributes === undefined
        ? undefined
        : mergeProperties({}, entry.attributes, `${entry.field}.attributes`);
    return { group, attributes };
  });
  const pruned = prune
    ? state.memberships
        .ofUser(userId)
        .filter((record) => record.source !== 'rule' && !seen.has(record.groupId))
    : [];
  return { keep, prune: pruned };
}

/**
 * Applies a plan. New memberships are `admin`-sourced; existing ones keep their source and
 * join date (the user still joined when they did) and only take new attributes if given.
 * Returns the slugs pruned, sorted, and the memberships that came or went (for automations,
 * fired by the caller once the whole write has applied).
 */
export function applyMemberships(
  state: EngineState,
  userId: string,
  plan: MembershipPlan,
): { pruned: string[]; events: MembershipEvent[] } {
  const joinedAt = state.now().toISOString();
  const events: MembershipEvent[] = [];
  for (const { group, attributes } of plan.keep) {
    const existing = state.memberships.get(userId, group.id);
    if (existing) {
      if (attributes !== undefined) state.memberships.add({ ...existing, attributes });
    } else {
      state.memberships.add({
        userId,
        groupId: group.id,
        joinedAt,
        source: 'admin',
        attributes: attributes ?? {},
      });
      events.push({ userId, groupId: group.id, event: 'added_to' });
    }
  }
  for (const record of plan.prune) {
    state.memberships.remove(userId, record.groupId);
    events.push({ userId, groupId: record.groupId, event: 'removed_from' });
  }
  const pruned = plan.prune
    .map((record) => (state.userGroups.get(record.groupId) as UserGroupRecord).slug)
    .sort();
  return { pruned, events };
}
