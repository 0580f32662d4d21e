import type { Flow, FlowContent, FlowVersion } from '@groupkit/client';
import { GroupsEngineError } from './errors';
import { parseDraftChanges, parseNewFlow } from './flowInput';
import { forgetFlowProgress } from './flowProgress';
import type { EngineState } from './state';
import type { FlowRecord } from './types';

/** A copy: what a caller gets never aliases what the engine keeps. */
const copy = <T>(value: T): T => structuredClone(value);

export function requireFlow(state: EngineState, flowId: string): FlowRecord {
  const flow = state.flows.get(flowId);
  if (!flow) throw new GroupsEngineError('flow_not_found', `No flow "${flowId}".`, { flowId });
  return flow;
}

export function requireFlowVersion(flow: FlowRecord, version: number): FlowVersion {
  const found = flow.versions.find((v) => v.version === version);
  if (!found) {
    throw new GroupsEngineError(
      'flow_version_not_found',
      `Flow "${flow.id}" has no version ${version}.`,
      { flowId: flow.id, version },
    );
  }
  return found;
}

/** The version new users get: the latest not retired. */
export function currentVersion(flow: FlowRecord): FlowVersion | undefined {
  return [...flow.versions].reverse().find((v) => v.retiredAt === null);
}

function save(state: EngineState, flow: FlowRecord): Flow {
  const stored = {
    ...flow,
    currentVersion: currentVersion(flow)?.version ?? null,
  };
  state.flows.set(flow.id, stored);
  return copy(stored);
}

/** `GET /v1/flows`: every flow, oldest first. */
export function listFlows(state: EngineState): Flow[] {
  return [...state.flows.values()].map(copy);
}

export function getFlow(state: EngineState, flowId: string): Flow {
  return copy(requireFlow(state, flowId));
}

/** `POST /v1/flows`: a flow with a draft and no version yet (409 `flow_id_taken`). */
export function createFlow(state: EngineState, body: unknown): Flow {
  const { id, ...draft } = parseNewFlow(state, body);
  if (state.flows.has(id)) {
    throw new GroupsEngineError('flow_id_taken', `A flow with id "${id}" exists.`, { field: 'id' });
  }
  const at = state.now().toISOString();
  return save(state, {
    id,
    draft,
    versions: [],
    currentVersion: null,
    createdAt: at,
    updatedAt: at,
  });
}

/** `PUT /v1/flows/{flowId}`: edits the draft; published versions never change. */
export function updateFlowDraft(state: EngineState, flowId: string, body: unknown): Flow {
  const flow = requireFlow(state, flowId);
  const changes = parseDraftChanges(state, body);
  const draft: FlowContent = { ...flow.draft, ...changes };
  return save(state, { ...flow, draft, updatedAt: state.now().toISOString() });
}

/**
 * `POST /v1/flows/{flowId}/versions`: the draft as the next numbered, immutable version.
 * Users who started an earlier version stay on it; new users get this one.
 */
export function publishFlow(state: EngineState, flowId: string): FlowVersion {
  const flow = requireFlow(state, flowId);
  const at = state.now().toISOString();
  const version: FlowVersion = {
    flowId,
    version: (flow.versions.at(-1)?.version ?? 0) + 1,
    ...copy(flow.draft),
    publishedAt: at,
    retiredAt: null,
  };
  save(state, { ...flow, versions: [...flow.versions, version], updatedAt: at });
  return copy(version);
}

/**
 * `POST /v1/flows/{flowId}/versions/{version}/retire`: nobody is served it any more; its
 * users move to the current version (their progress there starts afresh). Retiring twice
 * keeps the first time.
 */
export function retireFlowVersion(
  state: EngineState,
  flowId: string,
  version: number,
): FlowVersion {
  const flow = requireFlow(state, flowId);
  const found = requireFlowVersion(flow, version);
  if (found.retiredAt !== null) return copy(found);
  const at = state.now().toISOString();
  const retired = { ...found, retiredAt: at };
  save(state, {
    ...flow,
    versions: flow.versions.map((v) => (v.version === version ? retired : v)),
    updatedAt: at,
  });
  return copy(retired);
}

/** `DELETE /v1/flows/{flowId}`: the flow, every version and everyone's progress through it. */
export function deleteFlow(state: EngineState, flowId: string): void {
  requireFlow(state, flowId);
  state.flows.delete(flowId);
  forgetFlowProgress(state, { flowId });
}
