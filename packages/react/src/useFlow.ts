'use client';
import {
  type FlowProgress,
  type FlowProgressUpdate,
  type FlowStatus,
  type FlowStepDefinition,
  type FlowVersion,
  GroupKitError,
  type GroupKitSdkErrorCode,
  type UserFlow,
} from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { type ChangeEnv, failed, type GroupKitOutcome, noUser } from './changeRunner';
import { resumeFlows, saveFlow } from './flowChanges';
import { loadFlow } from './flowQuery';
import { type FlowMove, flowQueryKey, moveFlow, offlineCopy, withPendingFlow } from './flowState';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import type { GroupKitWriteState } from './result';
import { GROUPKIT_STALE_TIME } from './queryDefaults';
import { usePendingChanges } from './usePendingChanges';
import { useWriteState } from './useWriteState';

/**
 * Where the user is in a flow. `loading`: nothing to show yet; `error`: the first load failed
 * (`error` says why); `unavailable`: the server serves this user no version (targeted out,
 * or nothing published); the others are the user's progress, on any device.
 */
export type UseFlowStatus = 'loading' | 'error' | 'unavailable' | FlowStatus;

/** A move through the flow. Never rejects: read `ok`/`error` from the outcome. */
export type FlowAction = () => Promise<GroupKitOutcome<FlowProgress>>;

export interface UseFlowResult {
  status: UseFlowStatus;
  /**
   * Why the flow could not be loaded, or why the last move was refused (its effect already
   * rolled back); `null` after the next move.
   */
  error: GroupKitError | null;
  /** The version shown (its steps, in order); `null` while loading or when unavailable. */
  flow: FlowVersion | null;
  /** `flow.version`, or `null`. */
  version: number | null;
  /** The steps of the version shown (empty without one). */
  steps: FlowStepDefinition[];
  /** The id of the step the user is on (the first step before they start); `null` without a flow. */
  step: string | null;
  /** Position of `step` in `steps` (from 0); -1 without a flow. */
  stepIndex: number;
  /** Steps the user completed (`next`, `complete`), in the flow's order. */
  completedSteps: string[];
  /** True while a move of this flow is queued or on the wire (it shows already). */
  isPending: boolean;
  /**
   * The write side: the moves' `GroupKitWriteState` (pending while any move of this flow is
   * on its way; `data` is the progress the server saved; `error` as the top-level `error`
   * once a move was refused). Apart from `status`, which is the user's progress, and `error`,
   * which also says why the flow could not be loaded. A move that goes nowhere (back on the
   * first step, a step the version does not have, no flow loaded) sends nothing and leaves it
   * as it was: only its outcome says why.
   */
  writeState: GroupKitWriteState<FlowProgress>;
  /**
   * Completes the current step and moves to the next; on the last step, completes the flow.
   * @example <button onClick={() => void flow.next()}>Next</button>
   */
  next: FlowAction;
  /** Moves to the next step without completing the current one (on the last, completes the flow). */
  skip: FlowAction;
  /** Moves to the previous step (fails, sending nothing, on the first). */
  back: FlowAction;
  /**
   * Moves to a step by id.
   * @example await flow.goTo('code')
   */
  goTo: (stepId: string) => Promise<GroupKitOutcome<FlowProgress>>;
  /** Completes the current step and the flow. */
  complete: FlowAction;
  /** Ends the flow for good, on every device (the step the user was on is kept). */
  dismiss: FlowAction;
  /** Starts over at the first step, nothing completed (e.g. "Show the tour again"). */
  restart: FlowAction;
}

const refused = (code: GroupKitSdkErrorCode, message: string): GroupKitOutcome<FlowProgress> =>
  failed(new GroupKitError(code, `${message}; nothing was sent.`));

/**
 * A server-defined onboarding flow for the signed-in user: the version they see and where
 * they are in it, with moves that show at once and are saved on the server (in order, and
 * across reloads and offline spells), so a second device resumes at the same step. Pin a
 * version with the provider's `flowVersions`. Load it from `@groupkit/react/flows`: apps
 * without flows never ship it.
 * @example
 * import { useFlow } from '@groupkit/react/flows';
 * const flow = useFlow('welcome');
 * if (flow.status !== 'not_started' && flow.status !== 'in_progress') return null;
 * return <Step id={flow.step} onNext={flow.next} onBack={flow.back} onClose={flow.dismiss} />;
 */
export function useFlow(flowId: string, options?: GroupKitHookOptions): UseFlowResult {
  const context = useGroupKitContext('useFlow', options);
  const { changeEnv, queryClient, store, userId, enabled } = context;
  const pinned = context.flowVersions?.[flowId];

  const query = useQuery<UserFlow, GroupKitError>(
    {
      queryKey: flowQueryKey(userId ?? '', flowId, pinned ?? null),
      queryFn: ({ signal }) => loadFlow(context, flowId, pinned, signal),
      staleTime: GROUPKIT_STALE_TIME,
      enabled,
      // Offline, the copy from the last visit shows; stale at once, so the server's answer
      // replaces it as soon as there is a connection.
      initialData: () => offlineCopy(store, flowId, pinned),
      initialDataUpdatedAt: 0,
    },
    queryClient,
  );
  const pending = usePendingChanges(options);
  // The flow's result keeps its data shape (`status` is the user's progress, pinned by the
  // flow's own API), so the moves' state is `writeState`, as `useGroup().writeState` is
  // identify's: one write shape, beside the data it changes.
  const [save, writeState] = useWriteState(
    `useFlow('${flowId}')`,
    context,
    useCallback(
      (env: ChangeEnv, record: FlowProgressUpdate) => saveFlow(env, flowId, record),
      [flowId],
    ),
    // Flow writes restored from storage go out once a flow is on the page, in their order.
    resumeFlows,
    (s) => s.pending.some((c) => c.kind === 'flow' && c.flowId === flowId),
  );

  const move = useCallback(
    async (to: FlowMove, name: string): Promise<GroupKitOutcome<FlowProgress>> => {
      if (!changeEnv) return noUser(`useFlow('${flowId}').${name}()`);
      // From what is on screen at the time of the call (not of the last render): moves made
      // faster than React renders still follow one another.
      const cached = queryClient.getQueryData<UserFlow>(
        flowQueryKey(userId ?? '', flowId, pinned ?? null),
      );
      const shown = cached && withPendingFlow(cached, store.getState().pending);
      if (!shown?.flow) {
        return shown
          ? refused(
              'flow_not_served',
              `useFlow('${flowId}').${name}(): no version of this flow is served to this user`,
            )
          : refused(
              'flow_not_loaded',
              `useFlow('${flowId}').${name}(): the flow has not loaded yet`,
            );
      }
      const record = moveFlow(shown.flow, shown.progress, to);
      if (!record)
        return refused('step_not_found', `useFlow('${flowId}').${name}(): there is no such step`);
      return save(record);
    },
    [changeEnv, queryClient, store, flowId, userId, pinned, save],
  );
  const actions = useMemo(
    () => ({
      next: () => move('next', 'next'),
      skip: () => move('skip', 'skip'),
      back: () => move('back', 'back'),
      goTo: (stepId: string) => move({ to: stepId }, 'goTo'),
      complete: () => move('complete', 'complete'),
      dismiss: () => move('dismiss', 'dismiss'),
      restart: () => move('restart', 'restart'),
    }),
    [move],
  );

  const { data, error } = query;
  return useMemo(() => {
    const shown = data && withPendingFlow(data, pending);
    const flow = shown?.flow ?? null;
    const steps = flow?.steps ?? [];
    const step = flow ? (shown?.progress.step ?? steps[0]?.id ?? null) : null;
    let status: UseFlowStatus = shown ? 'unavailable' : error ? 'error' : 'loading';
    if (flow && shown) status = shown.progress.status;
    return {
      status,
      error: writeState.error ?? error,
      flow,
      version: flow?.version ?? null,
      steps,
      step,
      stepIndex: step === null ? -1 : steps.findIndex((s) => s.id === step),
      completedSteps: flow ? (shown?.progress.completedSteps ?? []) : [],
      isPending: writeState.isPending,
      writeState,
      ...actions,
    };
  }, [data, error, pending, writeState, actions]);
}
