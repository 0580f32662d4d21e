import {
  type FlowProgress,
  type FlowProgressUpdate,
  GroupKitChangeError,
  isGroupKitApiError,
  newIdempotencyKey,
  saveFlowProgress,
  type UserFlow,
} from '@groupkit/client';
import { type ChangeEnv, changeQueueOf, type GroupKitOutcome, type Plan } from './changeQueue';
import { anyFlowVersion, isWholeFlowWrite, keepOfflineCopy } from './flowState';
import type { PendingChange } from './store';

type FlowChange = Extract<PendingChange, { kind: 'flow' }>;

/**
 * How a progress write is sent and committed, from its queued form alone (so a write
 * restored from storage goes out the same way). Flow writes have their own lane: they keep
 * their order among themselves, and never wait behind a membership change.
 */
function planFlow(env: ChangeEnv, change: FlowChange): Plan<FlowProgress> {
  const { flowId } = change;
  const commit = (copy: UserFlow | undefined, progress: FlowProgress) =>
    copy?.flow?.version === progress.version ? { ...copy, progress } : copy;
  return {
    lane: 'flows',
    context: { action: 'flow' },
    send: async () => {
      // Restored from a corrupt or hand-edited entry: refused (through `onError`, and the
      // write leaves the queue) rather than sent.
      if (!isWholeFlowWrite(change))
        throw new GroupKitChangeError(
          'A flow write restored from storage is malformed: dropped, nothing was sent.',
          0,
          change,
        );
      return saveFlowProgress(env.core, env.userId, flowId, change.progress);
    },
    commit: (progress) => {
      env.queryClient.setQueriesData<UserFlow>(
        { queryKey: anyFlowVersion(env.userId, flowId) },
        (copy) => commit(copy, progress),
      );
      keepOfflineCopy(env.store, flowId, (copy) => commit(copy, progress));
    },
  };
}

/**
 * A refused write (its optimistic effect already gone) reloads the flow: a retired version
 * (409 `flow_version_retired`) is then replaced by the one the user is served now.
 */
async function settled(
  env: ChangeEnv,
  change: FlowChange,
  run: Promise<GroupKitOutcome<FlowProgress>>,
) {
  const outcome = await run;
  if (isGroupKitApiError(outcome.error))
    void env.queryClient.invalidateQueries({ queryKey: anyFlowVersion(env.userId, change.flowId) });
  return outcome;
}

/**
 * Queues the user's whole progress record in a flow: shown at once, sent after the flow
 * writes before it settled (waiting while offline or while the server answers 503, kept in
 * storage across reloads), rolled back if refused.
 */
export function saveFlow(
  env: ChangeEnv,
  flowId: string,
  progress: FlowProgressUpdate,
): Promise<GroupKitOutcome<FlowProgress>> {
  const change: FlowChange = {
    id: newIdempotencyKey(),
    at: new Date().toISOString(),
    kind: 'flow',
    flowId,
    progress,
  };
  // Restored writes are older: they go first (`resumeRestored` may not have run yet).
  resumeFlows(env);
  return settled(env, change, changeQueueOf(env.store).add(env, change, planFlow(env, change)));
}

/**
 * Schedules the flow writes a store restored from storage (made offline, or cut off by a
 * reload), in their order; those already scheduled are left alone.
 */
export function resumeFlows(env: ChangeEnv) {
  const queue = changeQueueOf(env.store);
  for (const change of env.store.getState().pending) {
    if (change.kind !== 'flow') continue;
    const run = queue.resume(env, change, planFlow(env, change));
    if (run) void settled(env, change, run);
  }
}
