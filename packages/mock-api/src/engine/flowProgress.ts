import type {
  FlowFunnel,
  FlowProgress,
  FlowProgressUpdate,
  FlowTargeting,
  FlowVersion,
  UserFlow,
} from '@groupkit/client';
import { GroupsEngineError } from './errors';
import { parseFlowId } from './flowInput';
import { currentVersion, requireFlow, requireFlowVersion } from './flows';
import { membershipsOf, requireUser } from './lookup';
import type { EngineState } from './state';
import type { FlowProgressRecord } from './types';
import { expectInteger, expectObject, expectOneOf, rejectUnknown } from './validate';

/** Where one user's progress through one flow is kept. */
export const flowProgressKey = (userId: string, flowId: string) => `${userId}\n${flowId}`;

/** As `<GroupGate>`: in some `include` group (any user when there is none), in no `exclude` one. */
export function passesTargeting(slugs: ReadonlySet<string>, targeting: FlowTargeting): boolean {
  const included = targeting.include.length === 0 || targeting.include.some((s) => slugs.has(s));
  return included && !targeting.exclude.some((s) => slugs.has(s));
}

const notStarted = (flowId: string): FlowProgress => ({
  flowId,
  version: null,
  status: 'not_started',
  step: null,
  completedSteps: [],
  updatedAt: null,
});

function toProgress({ userId: _user, ...progress }: FlowProgressRecord): FlowProgress {
  return { ...progress, completedSteps: [...progress.completedSteps] };
}

/**
 * `GET /v1/users/{userId}/flows/{flowId}[?version=]`: the version this user sees, and their
 * progress in it. A pinned version (development, tests) wins; else the version they started,
 * unless it was retired; else the current version, if the user is targeted. Targeting is
 * decided once, at the start: a user who is on the flow stays on it when their groups change.
 */
export function getUserFlow(
  state: EngineState,
  userId: string,
  flowId: string,
  pinned?: number,
): UserFlow {
  requireUser(state, userId);
  const flow = requireFlow(state, flowId);
  const record = state.flowProgress.get(flowProgressKey(userId, flowId));
  const started =
    record?.version != null
      ? flow.versions.find((v) => v.version === record.version && v.retiredAt === null)
      : undefined;
  let served: FlowVersion | undefined;
  if (pinned !== undefined) served = requireFlowVersion(flow, pinned);
  else if (started) served = started;
  else {
    const current = currentVersion(flow);
    const slugs = new Set(membershipsOf(state, userId).map((m) => m.slug));
    served = current && passesTargeting(slugs, current.targeting) ? current : undefined;
  }
  const progress =
    record && served && record.version === served.version ? toProgress(record) : notStarted(flowId);
  return { flow: served ? structuredClone(served) : null, progress };
}

/** `?version=` of the user's flow read: a positive integer, or left out. */
export function parseVersionQuery(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1) {
    throw new GroupsEngineError('validation_failed', 'version: must be a positive integer.', {
      field: 'version',
    });
  }
  return version;
}

function parseUpdate(body: unknown, version: FlowVersion): FlowProgressUpdate {
  const input = expectObject(body, 'body');
  rejectUnknown(input, ['version', 'status', 'step', 'completedSteps']);
  const ids = version.steps.map((s) => s.id);
  const stepOf = (value: unknown, field: string) => {
    const id = parseFlowId(value, field);
    if (!ids.includes(id)) {
      throw new GroupsEngineError(
        'validation_failed',
        `${field}: version ${version.version} has no step "${id}" (it has ${ids.join(', ')}).`,
        { field },
      );
    }
    return id;
  };
  if (!Array.isArray(input.completedSteps)) {
    throw new GroupsEngineError(
      'validation_failed',
      'completedSteps: must be an array of step ids.',
      {
        field: 'completedSteps',
      },
    );
  }
  const completed = input.completedSteps.map((id, i) => stepOf(id, `completedSteps[${i}]`));
  return {
    version: version.version,
    status: expectOneOf(input.status, 'status', ['in_progress', 'completed', 'dismissed'] as const),
    step: stepOf(input.step, 'step'),
    // In the flow's order, each once: what the funnel counts.
    completedSteps: ids.filter((id) => completed.includes(id)),
  };
}

/**
 * `PUT /v1/users/{userId}/flows/{flowId}`: the user's whole progress record (the SDK writes
 * it through its ordered change queue, so the last write is the latest state). Writing a
 * retired version is refused (409): that user is now served the current one.
 */
export function putUserFlowProgress(
  state: EngineState,
  userId: string,
  flowId: string,
  body: unknown,
): FlowProgress {
  requireUser(state, userId);
  const flow = requireFlow(state, flowId);
  const versionNumber = expectInteger(expectObject(body, 'body').version, 'version', { min: 1 });
  const version = requireFlowVersion(flow, versionNumber);
  if (version.retiredAt !== null) {
    throw new GroupsEngineError(
      'flow_version_retired',
      `Version ${versionNumber} of flow "${flowId}" was retired; read the flow again for the current one.`,
      { flowId, version: versionNumber },
    );
  }
  const update = parseUpdate(body, version);
  const record: FlowProgressRecord = {
    userId,
    flowId,
    ...update,
    updatedAt: state.now().toISOString(),
  };
  state.flowProgress.set(flowProgressKey(userId, flowId), record);
  return toProgress(record);
}

/**
 * `GET /v1/flows/{flowId}/funnel?version=`: how the progress records of one version add up:
 * started (any record), each step reached (on it, past it, or the flow completed) and
 * completed, and the flow completed or dismissed.
 */
export function flowFunnel(state: EngineState, flowId: string, versionNumber: number): FlowFunnel {
  const version = requireFlowVersion(requireFlow(state, flowId), versionNumber);
  const records = [...state.flowProgress.values()].filter(
    (r) => r.flowId === flowId && r.version === versionNumber,
  );
  const ids = version.steps.map((s) => s.id);
  return {
    flowId,
    version: versionNumber,
    started: records.length,
    steps: ids.map((id, i) => ({
      id,
      reached: records.filter(
        (r) =>
          r.status === 'completed' ||
          r.completedSteps.includes(id) ||
          ids.indexOf(r.step ?? '') >= i,
      ).length,
      completed: records.filter((r) => r.completedSteps.includes(id)).length,
    })),
    completed: records.filter((r) => r.status === 'completed').length,
    dismissed: records.filter((r) => r.status === 'dismissed').length,
  };
}

/**
 * Drops the progress records of a user or a flow that is going away. It walks the records:
 * the server loads exactly those matching (`LoadSpec.flowProgress` without both filters).
 */
export function forgetFlowProgress(
  state: EngineState,
  which: { userId: string } | { flowId: string },
): void {
  for (const [key, record] of state.flowProgress) {
    const matches =
      'userId' in which ? record.userId === which.userId : record.flowId === which.flowId;
    if (matches) state.flowProgress.delete(key);
  }
}
