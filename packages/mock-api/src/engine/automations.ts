import { GroupsEngineError } from './errors';
import { requireUserGroup } from './lookup';
import type { EngineState } from './state';
import type { AutomationEvent, AutomationRecord, AutomationRun } from './types';
import {
  expectObject,
  expectOneOf,
  expectString,
  expectStringArray,
  rejectUnknown,
} from './validate';

/** What a membership change reports for each automation it fired. */
export interface FiredAutomation {
  automationId: string;
  name: string;
  opIndex: number;
}

/**
 * The automations an op fires: same event and group, and the user's memberships *after*
 * the op satisfy `requireIn` / `requireNotIn`. That is why `-pro,+plus` and `+plus,-pro`
 * fire different automations for the same final state.
 */
export function automationsFor(
  state: EngineState,
  groupId: string,
  event: AutomationEvent,
  memberOf: (groupId: string) => boolean,
): AutomationRecord[] {
  return [...state.automations.values()].filter(
    (a) =>
      a.trigger.event === event &&
      a.trigger.groupId === groupId &&
      a.trigger.requireIn.every(memberOf) &&
      !a.trigger.requireNotIn.some(memberOf),
  );
}

/** Logs a run for each automation (the mock's stand-in for sending the email/workflow). */
export function recordRuns(
  state: EngineState,
  automations: AutomationRecord[],
  run: Pick<AutomationRun, 'userId' | 'groupId' | 'event' | 'opIndex' | 'origin'>,
): FiredAutomation[] {
  const at = state.now().toISOString();
  return automations.map((a) => {
    state.automationRuns.push({ id: state.ids(), automationId: a.id, name: a.name, at, ...run });
    return { automationId: a.id, name: a.name, opIndex: run.opIndex };
  });
}

/** Group ids from a slug, an id, or a list of either. */
function groupIds(state: EngineState, value: unknown, field: string): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : expectStringArray(value, field, { max: 20 });
  return list.map((idOrSlug) => requireUserGroup(state, idOrSlug).id);
}

/** `POST /v1/automations`. */
export function createAutomation(state: EngineState, input: unknown): AutomationRecord {
  const body = expectObject(input, 'body');
  rejectUnknown(body, ['name', 'trigger', 'action']);
  const name = expectString(body.name, 'name', { max: 200 });
  const trigger = expectObject(body.trigger, 'trigger');
  rejectUnknown(trigger, ['event', 'group', 'requireIn', 'requireNotIn'], 'trigger');
  const action = expectObject(body.action, 'action');
  rejectUnknown(action, ['type', 'template'], 'action');
  const record: AutomationRecord = {
    id: state.ids(),
    name,
    trigger: {
      event: expectOneOf(trigger.event, 'trigger.event', ['added_to', 'removed_from'] as const),
      groupId: requireUserGroup(state, expectString(trigger.group, 'trigger.group')).id,
      requireIn: groupIds(state, trigger.requireIn, 'trigger.requireIn'),
      requireNotIn: groupIds(state, trigger.requireNotIn, 'trigger.requireNotIn'),
    },
    action: {
      type: expectOneOf(action.type, 'action.type', ['email', 'workflow'] as const),
      template: expectString(action.template, 'action.template', { max: 200 }),
    },
    createdAt: state.now().toISOString(),
  };
  state.automations.set(record.id, record);
  return record;
}

export function listAutomations(state: EngineState): AutomationRecord[] {
  return [...state.automations.values()];
}

/** `GET /v1/automations/runs?userId=`: newest last, as they happened. */
export function listAutomationRuns(state: EngineState, userId?: string): AutomationRun[] {
  if (userId !== undefined && !state.users.has(userId)) {
    throw new GroupsEngineError('user_not_found', `No user "${userId}".`, { userId });
  }
  return userId === undefined
    ? [...state.automationRuns]
    : state.automationRuns.filter((run) => run.userId === userId);
}
