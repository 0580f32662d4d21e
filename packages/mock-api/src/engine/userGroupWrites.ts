import { fireMembershipEvents, type MembershipEvent } from './automations';
import { requireUserGroup, toUserGroup } from './lookup';
import { repopulate } from './ruleMemberships';
import { assignRuleSetIds, sameRuleSet } from './rulesets';
import type { EngineState } from './state';
import type { AuditActor, RuleSet, UserGroup, UserGroupRecord } from './types';
import { parseNewUserGroup, parseUserGroupChanges } from './userGroupInput';

/** Rebuilds the group's population from its rule set and logs the result as the next version. */
function recordRuleSetVersion(
  state: EngineState,
  group: UserGroupRecord & { ruleset: RuleSet },
  at: Date,
  changedBy: AuditActor | null,
) {
  const { before, after } = repopulate(state, group, at);
  const history = state.conditionsHistory.get(group.id) ?? [];
  history.push({
    version: (history.at(-1)?.version ?? 0) + 1,
    ruleset: group.ruleset,
    changedAt: at.toISOString(),
    populationBefore: before,
    populationAfter: after,
    ...(changedBy ? { changedBy } : {}),
  });
  state.conditionsHistory.set(group.id, history);
}

/** The next free legacy id; skips any a seed or another module took out of order. */
function takeLegacyId(state: EngineState): number {
  while (state.legacyIds.has(state.nextLegacyId)) state.nextLegacyId++;
  return state.nextLegacyId++;
}

/**
 * `POST /v1/user-groups`. Validates everything first, then stores the group; an automatic
 * group is populated from its rule set at once and gets history version 1.
 */
export function createUserGroup(
  state: EngineState,
  input: unknown,
  changedBy: AuditActor | null = null,
): UserGroup {
  const { ruleset, ...fields } = parseNewUserGroup(state, input);
  const at = state.now();
  const stamp = at.toISOString();
  const record: UserGroupRecord = {
    id: state.ids(),
    legacyId: takeLegacyId(state),
    ...fields,
    ruleset: ruleset && assignRuleSetIds(ruleset, state.ids),
    createdAt: stamp,
    updatedAt: stamp,
  };
  state.userGroups.set(record.id, record);
  state.slugs.set(record.slug, record.id);
  state.legacyIds.set(record.legacyId, record.id);
  if (record.ruleset) {
    recordRuleSetVersion(state, { ...record, ruleset: record.ruleset }, at, changedBy);
  }
  return toUserGroup(state, record, at);
}

/**
 * `PUT /v1/user-groups/{id}`: a partial update. A new rule set repopulates the group (old
 * members that no longer match are gone, those who still match keep their `joinedAt`) and
 * appends a history version.
 * A rule set identical to the stored one, ids aside, is not a change: nothing is
 * recalculated and no version is appended, so re-saving an admin form is harmless.
 */
export function updateUserGroup(
  state: EngineState,
  idOrSlug: string,
  input: unknown,
  changedBy: AuditActor | null = null,
): UserGroup {
  const record = requireUserGroup(state, idOrSlug);
  const { ruleset, ...fields } = parseUserGroupChanges(state, record, input);
  const rulesetChanged =
    ruleset !== null && record.ruleset !== null && !sameRuleSet(record.ruleset, ruleset);
  const at = state.now();
  const updated: UserGroupRecord = {
    ...record,
    ...fields,
    ruleset: rulesetChanged && ruleset ? assignRuleSetIds(ruleset, state.ids) : record.ruleset,
    updatedAt: at.toISOString(),
  };
  if (updated.slug !== record.slug) {
    state.slugs.delete(record.slug);
    state.slugs.set(updated.slug, record.id);
  }
  state.userGroups.set(record.id, updated);
  if (rulesetChanged && updated.ruleset) {
    recordRuleSetVersion(state, { ...updated, ruleset: updated.ruleset }, at, changedBy);
  }
  return toUserGroup(state, updated, at);
}

/**
 * `DELETE /v1/user-groups/{id}`: the group and everything that points at it: memberships,
 * code campaigns, rule-set history, its slug and legacy id, and automations that trigger on
 * it or require it (an automation naming a missing group could never be evaluated right).
 * Its members leave it first, so its `removed_from` automations fire (origin `admin`) before
 * they go. The automation run log is history and stays.
 */
export function deleteUserGroup(state: EngineState, idOrSlug: string): void {
  const { id, slug, legacyId } = requireUserGroup(state, idOrSlug);
  const events: MembershipEvent[] = [];
  for (const membership of state.memberships.ofGroup(id)) {
    state.memberships.remove(membership.userId, id);
    events.push({ userId: membership.userId, groupId: id, event: 'removed_from' });
  }
  fireMembershipEvents(state, events, 'admin');
  for (const [key, code] of state.codes) {
    if (code.groupId === id) state.codes.delete(key);
  }
  for (const [key, automation] of state.automations) {
    const { groupId, requireIn, requireNotIn } = automation.trigger;
    if (groupId === id || requireIn.includes(id) || requireNotIn.includes(id)) {
      state.automations.delete(key);
    }
  }
  state.conditionsHistory.delete(id);
  state.slugs.delete(slug);
  state.legacyIds.delete(legacyId);
  state.userGroups.delete(id);
}
