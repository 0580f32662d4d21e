'use client';
/**
 * `@groupkit/react/flows`: onboarding flows defined on the server. An entry of its own, so
 * only apps that show such a flow ship it; pin versions with the provider's `flowVersions`.
 */
export { useFlow } from './useFlow';
export type { FlowAction, UseFlowResult, UseFlowStatus } from './useFlow';
export { flowQueryOptions } from './flowQuery';
export type { FlowQueryKey, FlowQueryParams } from './flowQuery';
export { flowQueryKey } from './flowState';
