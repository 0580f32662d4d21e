import { enc } from './call';
import type { ClientCore } from './clientCore';
import type { RequestOptions } from './request';
import type { FlowProgress, FlowProgressUpdate, UserFlow } from './types';

export interface GetUserFlowParams {
  /**
   * Serve this published version whatever the user started (development and tests); the
   * user's progress comes back only when it is progress in this version.
   * @default undefined (the version the user started unless it was retired, else the current
   * version if the user is targeted)
   * @example await client.getUserFlow('u_ada', 'welcome', { version: 3 })
   */
  version?: number;
}

const flowPath = (userId: string, flowId: string) => `/users/${enc(userId)}/flows/${enc(flowId)}`;

/**
 * `GET /v1/users/{userId}/flows/{flowId}[?version=N]`: the version of a server-defined
 * onboarding flow this user sees (`flow: null` when they are targeted out or nothing is
 * published), and their progress in it, on any device.
 */
export function getUserFlow(
  { call }: ClientCore,
  userId: string,
  flowId: string,
  { version }: GetUserFlowParams = {},
  options: RequestOptions = {},
) {
  return call<UserFlow>('GET', flowPath(userId, flowId), { query: { version }, ...options });
}

/**
 * `PUT /v1/users/{userId}/flows/{flowId}`: the user's whole progress record in one version
 * (the last write wins, so send them in order). A retired version is refused (409
 * `flow_version_retired`): read the flow again for the current one. Not retried on its own:
 * the React SDK sends it through its ordered change queue, which waits out offline and 503.
 */
export function saveFlowProgress(
  { call }: ClientCore,
  userId: string,
  flowId: string,
  update: FlowProgressUpdate,
  options: RequestOptions = {},
) {
  return call<FlowProgress>('PUT', flowPath(userId, flowId), { body: update, ...options });
}

/** The end-user flow methods over one client core (spread into the end-user client). */
export function flowMethods(core: ClientCore) {
  return {
    /**
     * `GET /v1/users/{userId}/flows/{flowId}[?version=N]`: the flow version this user sees
     * (`null` when targeted out or nothing is published) and their progress in it.
     * @example const { flow, progress } = await client.getUserFlow('u_ada', 'welcome')
     * @example await client.getUserFlow('u_ada', 'welcome', { version: 3 }) // pinned
     */
    getUserFlow: getUserFlow.bind(null, core),
    /**
     * `PUT /v1/users/{userId}/flows/{flowId}`: the user's whole progress record (409
     * `flow_version_retired` for a retired version).
     * @example await client.saveFlowProgress('u_ada', 'welcome', { version: 1, status: 'in_progress', step: 'pick', completedSteps: ['hello'] })
     */
    saveFlowProgress: saveFlowProgress.bind(null, core),
  };
}
