'use client';
import { useCallback, useMemo } from 'react';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import type { FlowProgress } from './store';
import { useGroupKitStore } from './useGroupKitStore';

const START: FlowProgress = { step: 0, status: 'active', seen: [] };

export interface UseFlowProgressResult extends FlowProgress {
  /**
   * Go to a step by index, recording the step being left as seen.
   * @example goTo(2)
   */
  goTo: (step: number, leaving?: string) => void;
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
    (step: number, leaving?: string) =>
      update((current) => ({
        ...current,
        step: Math.max(0, step),
        seen:
          leaving && !current.seen.includes(leaving) ? [...current.seen, leaving] : current.seen,
      })),
    [update],
  );
  const complete = useCallback(() => update((c) => ({ ...c, status: 'completed' })), [update]);
  const dismiss = useCallback(() => update((c) => ({ ...c, status: 'dismissed' })), [update]);
  const reset = useCallback(() => update(() => START), [update]);
  return useMemo(
    () => ({ ...progress, goTo, complete, dismiss, reset }),
    [progress, goTo, complete, dismiss, reset],
  );
}
