'use client';
import { useMemo } from 'react';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import type { FlowProgress } from './store';
import { useGroupKitStore } from './useGroupKitStore';

const START: FlowProgress = { step: 0, status: 'active', seen: [] };

/**
 * A flow's record, or the start when there is none, or when the one restored from storage
 * has no list of seen steps (a corrupt or hand-edited entry): the flow then starts over
 * rather than break on its first move. (A step that is not a number shows as it is, and the
 * next move records a number again.)
 */
const recordOf = (flows: Record<string, FlowProgress>, flowId: string) =>
  Array.isArray(flows[flowId]?.seen) ? flows[flowId] : START;

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
  const progress = useGroupKitStore((s) => recordOf(s.flows, flowId), options);
  const actions = useMemo(() => {
    const update = (change: (current: FlowProgress) => FlowProgress) => {
      store.setState((s) => ({
        flows: { ...s.flows, [flowId]: change(recordOf(s.flows, flowId)) },
      }));
    };
    // Once the flow is over its starting point is of no use: a restarted flow records a new one.
    const end = (status: FlowProgress['status']) =>
      update(({ startedWith: _, ...current }) => ({ ...current, status }));
    return {
      goTo: (step: number, leaving?: string, stepId?: string) =>
        update((current) => ({
          ...current,
          step: Math.max(0, step),
          stepId,
          seen:
            leaving && !current.seen.includes(leaving) ? [...current.seen, leaving] : current.seen,
        })),
      recordStart: (groupIds: string[]) =>
        update((current) =>
          current.startedWith ? current : { ...current, startedWith: groupIds },
        ),
      complete: () => end('completed'),
      dismiss: () => end('dismissed'),
      reset: () => update(() => START),
    };
  }, [store, flowId]);
  return useMemo(() => ({ ...progress, ...actions }), [progress, actions]);
}
