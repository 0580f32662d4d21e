'use client';
import { useCallback, useMemo } from 'react';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import type { FlowProgress } from './store';
import { useGroupKitStore } from './useGroupKitStore';

const START: FlowProgress = { step: 0, status: 'active', seen: [] };

export interface UseFlowProgressResult extends FlowProgress {
  /**
   * Go to a step by index (and id, to resume by id), recording the step being left as seen.
   * @example goTo(2, 'welcome', 'code')
   */
  goTo: (step: number, leaving?: string, stepId?: string) => void;
  /**
   * Record the group ids the user holds as the flow starts (once; later calls keep the first).
   * @example recordStart(memberships.map((m) => m.groupId))
   */
  recordStart: (groupIds: string[]) => void;
  /** Mark the flow finished (it stays finished across reloads). */
  complete: () => void;
  /** Mark the flow dismissed by the user (it stays dismissed across reloads). */
  dismiss: () => void;
  /** Start over at the first step. */
  reset: () => void;
}

/**
 * Where the signed-in user is in one onboarding flow. Kept in the provider's store, which
 * saves it per user and account group: a reload resumes at the same step, another user
 * starts fresh.
 * @example
 * const flow = useFlowProgress('welcome');
 * <button onClick={() => flow.goTo(flow.step + 1, 'intro')}>Next</button>
 */
export function useFlowProgress(
  flowId: string,
  options?: GroupKitHookOptions,
): UseFlowProgressResult {
  const { store } = useGroupKitContext('useFlowProgress', options);
  const progress = useGroupKitStore((s) => s.flows[flowId], options) ?? START;
  const update = useCallback(
    (change: (current: FlowProgress) => FlowProgress) =>
      store.setState((s) => ({
        flows: { ...s.flows, [flowId]: change(s.flows[flowId] ?? START) },
      })),
    [store, flowId],
  );
  const goTo = useCallback(
    (step: number, leaving?: string, stepId?: string) =>
      update((current) => ({
        ...current,
        step: Math.max(0, step),
        stepId,
        seen:
          leaving && !current.seen.includes(leaving) ? [...current.seen, leaving] : current.seen,
      })),
    [update],
  );
  const recordStart = useCallback(
    (groupIds: string[]) =>
      update((current) => (current.startedWith ? current : { ...current, startedWith: groupIds })),
    [update],
  );
  // Once the flow is over its starting point is of no use: a restarted flow records a new one.
  const complete = useCallback(
    () => update(({ startedWith: _, ...c }) => ({ ...c, status: 'completed' })),
    [update],
  );
  const dismiss = useCallback(
    () => update(({ startedWith: _, ...c }) => ({ ...c, status: 'dismissed' })),
    [update],
  );
  const reset = useCallback(() => update(() => START), [update]);
  return useMemo(
    () => ({ ...progress, goTo, recordStart, complete, dismiss, reset }),
    [progress, goTo, recordStart, complete, dismiss, reset],
  );
}
