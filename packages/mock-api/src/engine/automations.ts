import { GroupsEngineError } from './errors';
import { findUserGroup } from './lookup';
import type { EngineState } from './state';
import type {
  Automation,
  AutomationEvent,
  AutomationOrigin,
  AutomationRecord,
  AutomationRun,
} from './types';
import {
  expectBoolean,
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

/** Whether `automation` fires: records stored before `enabled` existed lack it (enabled). */
const isEnabled = (automation: AutomationRecord) => automation.enabled !== false;

/**
 * The automations an op fires: enabled, same event and group, and the user's memberships
 * *after* the op satisfy `requireIn` / `requireNotIn`. That is why `-pro,+plus` and
 * `+plus,-pro` fire different automations for the same final state.
 */
export function automationsFor(
  state: EngineState,
  groupId: string,
  event: AutomationEvent,
  memberOf: (groupId: string) => boolean,
): AutomationRecord[] {
  return [...state.automations.values()].filter(
    (a) =>
      isEnabled(a) &&
      a.trigger.event === event &&
      a.trigger.groupId === groupId &&
      a.trigger.requireIn.every(memberOf) &&
      !a.trigger.requireNotIn.some(memberOf),
  );
}

/** The enabled automations on `groupId` (what a set-based recalculation may fire). */
export function automationsOnGroup(state: EngineState, groupId: string): AutomationRecord[] {
  return [...state.automations.values()].filter(
    (a) => isEnabled(a) && a.trigger.groupId === groupId,
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
    const { opIndex, ...rest } = run;
    state.automationRuns.push({
      id: state.ids(),
      automationId: a.id,
      name: a.name,
      at,
      ...rest,
      ...(opIndex === undefined ? {} : { opIndex }),
    });
    return { automationId: a.id, name: a.name, opIndex: opIndex ?? 0 };
  });
}

/** One membership that came or went outside ordered changes. */
export interface MembershipEvent {
  userId: string;
  groupId: string;
  event: AutomationEvent;
}

/**
 * Fires the automations of memberships a write changed in one go (admin adds and removals,
 * user upserts, rule re-evaluation, deletions): call it once the write has applied them all,
 * so `requireIn` / `requireNotIn` are read on the user's memberships after the write, as a
 * single op's are after that op.
 */
export function fireMembershipEvents(
  state: EngineState,
  events: readonly MembershipEvent[],
  origin: Exclude<AutomationOrigin, 'user'>,
): FiredAutomation[] {
  if (events.length === 0 || state.automations.size === 0) return [];
  return events.flatMap(({ userId, groupId, event }) =>
    recordRuns(
      state,
      automationsFor(
        state,
        groupId,
        event,
        (id) => state.memberships.get(userId, id) !== undefined,
      ),
      { userId, groupId, event, origin },
    ),
  );
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

function parseTrigger(state: EngineState, value: unknown): AutomationRecord['trigger'] {
  const trigger = expectObject(value, 'trigger');
  rejectUnknown(trigger, ['event', 'group', 'requireIn', 'requireNotIn'], 'trigger');
  return {
    event: expectOneOf(trigger.event, 'trigger.event', ['added_to', 'removed_from'] as const),
    groupId: groupIdAt(state, expectString(trigger.group, 'trigger.group'), 'trigger.group'),
    requireIn: groupIds(state, trigger.requireIn, 'trigger.requireIn'),
    requireNotIn: groupIds(state, trigger.requireNotIn, 'trigger.requireNotIn'),
  };
}

function parseAction(value: unknown): AutomationRecord['action'] {
  const action = expectObject(value, 'action');
  rejectUnknown(action, ['type', 'template'], 'action');
  return {
    type: expectOneOf(action.type, 'action.type', ['email', 'workflow'] as const),
    template: expectString(action.template, 'action.template', { max: 200 }),
  };
}

const FIELDS = ['name', 'trigger', 'action', 'enabled'];

/** The API shape: records stored before `enabled`/`updatedAt` existed get their defaults. */
export function toAutomation(record: AutomationRecord): Automation {
  return {
    ...record,
    enabled: record.enabled !== false,
    updatedAt: record.updatedAt ?? record.createdAt,
  };
}

/** `POST /v1/automations`. */
export function createAutomation(state: EngineState, input: unknown): Automation {
  const body = expectObject(input, 'body');
  rejectUnknown(body, FIELDS);
  const name = expectString(body.name, 'name', { max: 200 });
  const trigger = parseTrigger(state, body.trigger);
  const action = parseAction(body.action);
  const enabled = body.enabled === undefined ? true : expectBoolean(body.enabled, 'enabled');
  // Everything is checked before the id is taken: a refused request must not use one up.
  const at = state.now().toISOString();
  const record: AutomationRecord = {
    id: state.ids(),
    name,
    trigger,
    action,
    enabled,
    createdAt: at,
    updatedAt: at,
  };
  state.automations.set(record.id, record);
  return toAutomation(record);
}

function requireAutomation(state: EngineState, id: string): AutomationRecord {
  const record = state.automations.get(id);
  if (!record) {
    throw new GroupsEngineError('automation_not_found', `No automation "${id}".`, {
      automationId: id,
    });
  }
  return record;
}

/** `GET /v1/automations/{id}`. */
export function getAutomation(state: EngineState, id: string): Automation {
  return toAutomation(requireAutomation(state, id));
}

/**
 * `PATCH /v1/automations/{id}`: the fields given change (`trigger` and `action` whole, as on
 * create). Disabling stops it firing from the next change on; its runs stay in the log.
 */
export function updateAutomation(state: EngineState, id: string, input: unknown): Automation {
  const record = requireAutomation(state, id);
  const body = expectObject(input, 'body');
  rejectUnknown(body, FIELDS);
  const next: AutomationRecord = {
    ...record,
    name: body.name === undefined ? record.name : expectString(body.name, 'name', { max: 200 }),
    trigger: body.trigger === undefined ? record.trigger : parseTrigger(state, body.trigger),
    action: body.action === undefined ? record.action : parseAction(body.action),
    enabled:
      body.enabled === undefined
        ? record.enabled !== false
        : expectBoolean(body.enabled, 'enabled'),
    updatedAt: state.now().toISOString(),
  };
  state.automations.set(id, next);
  return toAutomation(next);
}

/** `DELETE /v1/automations/{id}`: it never fires again; its runs stay in the log (history). */
export function deleteAutomation(state: EngineState, id: string): void {
  requireAutomation(state, id);
  state.automations.delete(id);
}

export function listAutomations(state: EngineState): Automation[] {
  return [...state.automations.values()].map(toAutomation);
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
