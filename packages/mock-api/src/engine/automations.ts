import { GroupsEngineError } from './errors';
import { findUserGroup } from './lookup';
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

/** A user group's id by uuid or slug; 404 naming the field that held it. */
function groupIdAt(state: EngineState, idOrSlug: string, field: string): string {
  const group = findUserGroup(state, idOrSlug);
  if (!group) {
    throw new GroupsEngineError('user_group_not_found', `${field}: no user group "${idOrSlug}".`, {
      field,
      group: idOrSlug,
    });
  }
  return group.id;
}

/** Group ids from a slug, an id, or a list of either. */
function groupIds(state: EngineState, value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [groupIdAt(state, value, field)];
  return expectStringArray(value, field, { max: 20 }).map((idOrSlug, i) =>
    groupIdAt(state, idOrSlug, `${field}[${i}]`),
  );
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
  // Everything is checked before the id is taken: a refused request must not use one up.
  const checked: Omit<AutomationRecord, 'id'> = {
    name,
    trigger: {
      event: expectOneOf(trigger.event, 'trigger.event', ['added_to', 'removed_from'] as const),
      groupId: groupIdAt(state, expectString(trigger.group, 'trigger.group'), 'trigger.group'),
      requireIn: groupIds(state, trigger.requireIn, 'trigger.requireIn'),
      requireNotIn: groupIds(state, trigger.requireNotIn, 'trigger.requireNotIn'),
    },
    action: {
      type: expectOneOf(action.type, 'action.type', ['email', 'workflow'] as const),
      template: expectString(action.template, 'action.template', { max: 200 }),
    },
    createdAt: state.now().toISOString(),
  };
  const record: AutomationRecord = { id: state.ids(), ...checked };
  state.automations.set(record.id, record);
  return record;
}

export function listAutomations(state: EngineState): AutomationRecord[] {
  return [...state.automations.values()];
}

/** `GET /v1/automations/runs?userId=`: newest last, as they happened. */
export function listAutomationRuns(state: EngineState, userId?: string): AutomationRun[] {
  if (userId === '') {
    throw new GroupsEngineError(
      'validation_failed',
      'userId: must not be empty; leave it out to list every run.',
      { field: 'userId' },
    );
  }
  if (userId !== undefined && !state.users.has(userId)) {
    throw new GroupsEngineError('user_not_found', `No user "${userId}".`, { userId });
  }
  return userId === undefined
    ? [...state.automationRuns]
    : state.automationRuns.filter((run) => run.userId === userId);
}
