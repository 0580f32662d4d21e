import { type Call, enc } from './call';
import type { RequestOptions } from './request';
import type { Flow, FlowContent, FlowFunnel, FlowTargeting, FlowVersion } from './types';

/** `POST /v1/flows`: a new flow's id and its first draft. */
export interface CreateFlowParams {
  /** 1 to 63 lower-case letters, digits, `_` or `-` (409 `flow_id_taken` when in use). */
  id: string;
  /** What the console calls it (up to 100 characters). */
  name: string;
  /** 1 to 20 steps, ids unique, a `done` step only last. */
  steps: FlowContent['steps'];
  /**
   * Whom it is for, by group slug.
   * @default { include: [], exclude: [] } (every user)
   */
  targeting?: Partial<FlowTargeting>;
}

/** `PUT /v1/flows/{flowId}`: the draft fields to change; published versions never change. */
export interface UpdateFlowDraftParams {
  /**
   * A new name.
   * @default undefined (unchanged)
   */
  name?: string;
  /**
   * The whole list of steps, replacing the draft's (ids stay stable across versions, so
   * progress in a step carries over).
   * @default undefined (unchanged)
   */
  steps?: FlowContent['steps'];
  /**
   * New targeting by group slug.
   * @default undefined (unchanged)
   */
  targeting?: FlowTargeting;
}

export interface FlowFunnelParams {
  /**
   * The published version to count.
   * @default undefined (the current version)
   */
  version?: number;
}

const flowPath = (flowId: string) => `/flows/${enc(flowId)}`;

/**
 * Server-defined onboarding flows (admin role, or the secret key): drafts, numbered immutable
 * versions, retirement, and each version's funnel.
 */
export function flowsAdminMethods(call: Call) {
  return {
    /**
     * `GET /v1/flows`: every flow with its draft and versions, oldest first.
     * @example const flows = await admin.listFlows()
     */
    async listFlows({ signal }: RequestOptions = {}) {
      const { data } = await call<{ data: Flow[] }>('GET', '/flows', { signal });
      return data;
    },

    /**
     * `GET /v1/flows/{flowId}`: one flow (404 `flow_not_found`).
     * @example const flow = await admin.getFlow('welcome')
     */
    getFlow(flowId: string, { signal }: RequestOptions = {}) {
      return call<Flow>('GET', flowPath(flowId), { signal });
    },

    /**
     * `POST /v1/flows`: a flow with a draft and nothing published yet.
     * @example await admin.createFlow({ id: 'welcome', name: 'Welcome', steps: [{ id: 'hello', type: 'welcome' }, { id: 'done', type: 'done' }] })
     */
    createFlow(flow: CreateFlowParams, { signal }: RequestOptions = {}) {
      return call<Flow>('POST', '/flows', { body: flow, signal });
    },

    /**
     * `PUT /v1/flows/{flowId}`: edits the draft (name, steps, targeting); users see it once
     * it is published.
     * @example await admin.updateFlowDraft('welcome', { targeting: { include: ['beta'], exclude: [] } })
     */
    updateFlowDraft(flowId: string, changes: UpdateFlowDraftParams, options: RequestOptions = {}) {
      return call<Flow>('PUT', flowPath(flowId), { body: changes, signal: options.signal });
    },

    /**
     * `DELETE /v1/flows/{flowId}`: the flow, every version and everyone's progress in it.
     * @example await admin.deleteFlow('welcome')
     */
    async deleteFlow(flowId: string, { signal }: RequestOptions = {}) {
      await call<null>('DELETE', flowPath(flowId), { signal });
    },

    /**
     * `POST /v1/flows/{flowId}/versions`: publishes the draft as the next numbered version.
     * Users who started an earlier one stay on it; new users get this one.
     * @example const { version } = await admin.publishFlow('welcome')
     */
    publishFlow(flowId: string, { signal }: RequestOptions = {}) {
      return call<FlowVersion>('POST', `${flowPath(flowId)}/versions`, { signal });
    },

    /**
     * `POST /v1/flows/{flowId}/versions/{version}/retire`: nobody is served that version any
     * more; its users move to the current one and start it afresh.
     * @example await admin.retireFlowVersion('welcome', 1)
     */
    retireFlowVersion(flowId: string, version: number, { signal }: RequestOptions = {}) {
      return call<FlowVersion>('POST', `${flowPath(flowId)}/versions/${version}/retire`, {
        signal,
      });
    },

    /**
     * `GET /v1/flows/{flowId}/funnel[?version=N]`: how many users started a version, reached
     * and completed each step, completed it and dismissed it.
     * @example const funnel = await admin.getFlowFunnel('welcome', { version: 2 })
     */
    getFlowFunnel(
      flowId: string,
      { version }: FlowFunnelParams = {},
      options: RequestOptions = {},
    ) {
      return call<FlowFunnel>('GET', `${flowPath(flowId)}/funnel`, {
        query: { version },
        signal: options.signal,
      });
    },
  };
}
