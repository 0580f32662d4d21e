import type { FlowProgress, FlowProgressUpdate, FlowVersion, UserFlow } from '@groupkit/client';
import { groupKitKeys } from './queryKeys';
import type { GroupKitStore, PendingChange } from './store';

// Server-defined flows without React: the query key, what is on screen (the server's answer
// with the queued writes on top), where a move leads, and the offline cache.

/**
 * The query key of one user's flow (`null`: the version the server picks). Starts with
 * `['groupkit', userId]`, so switching users drops it with the rest of the user's cache.
 * @example queryClient.invalidateQueries({ queryKey: flowQueryKey('u_ada', 'welcome') })
 */
export const flowQueryKey = (userId: string, flowId: string, version: number | null = null) =>
  [...groupKitKeys.user(userId), 'flow', flowId, version] as const;

/** Every version's key of one flow, to update or reload them together. */
export const anyFlowVersion = (userId: string, flowId: string) =>
  flowQueryKey(userId, flowId).slice(0, 4);

type FlowWrite = Extract<PendingChange, { kind: 'flow' }>;

/**
 * Whether a queued flow write holds a whole progress record: one restored from storage may
 * come from a corrupt or hand-edited entry (the store only checks what its own reader needs).
 * A malformed one is neither shown (`withPendingFlow`) nor sent (`flowChanges.ts` refuses it).
 */
export function isWholeFlowWrite({ flowId, progress: p }: FlowWrite): boolean {
  return (
    typeof flowId === 'string' &&
    typeof p === 'object' &&
    p !== null &&
    Number.isInteger(p.version) &&
    typeof p.step === 'string' &&
    ['in_progress', 'completed', 'dismissed'].includes(p.status) &&
    Array.isArray(p.completedSteps) &&
    p.completedSteps.every((id) => typeof id === 'string')
  );
}

/**
 * The flow as the user should see it: the server's answer with the last queued write of
 * this version on top. Derived afresh each time, so a refused write rolls back by leaving
 * the queue, and a server answer never erases a write still on its way.
 */
export function withPendingFlow(userFlow: UserFlow, pending: readonly PendingChange[]): UserFlow {
  const { flow } = userFlow;
  if (!flow) return userFlow;
  let progress = userFlow.progress;
  for (const change of pending) {
    if (
      change.kind === 'flow' &&
      change.flowId === flow.flowId &&
      isWholeFlowWrite(change) &&
      change.progress.version === flow.version
    )
      progress = { flowId: flow.flowId, ...change.progress, updatedAt: change.at };
  }
  return progress === userFlow.progress ? userFlow : { flow, progress };
}

/** Where a user can go in a flow: `{ to }` is a step id. */
export type FlowMove =
  'next' | 'skip' | 'back' | 'complete' | 'dismiss' | 'restart' | { to: string };

/**
 * The whole progress record a move leaves, from what is on screen; `null` when the move
 * leads nowhere (back from the first step, a step the version does not have). `next`
 * completes the step it leaves, `skip` does not; either on the last step ends the flow.
 * Completed steps are kept in the flow's order, as the server keeps them.
 */
export function moveFlow(
  flow: FlowVersion,
  progress: FlowProgress,
  move: FlowMove,
): FlowProgressUpdate | null {
  const ids = flow.steps.map((s) => s.id);
  const at = Math.max(0, ids.indexOf(progress.step ?? ''));
  const completed = new Set(move === 'restart' ? [] : progress.completedSteps);
  const last = at === ids.length - 1;
  const record = (status: FlowProgressUpdate['status'], index: number, done = false) => {
    if (done) completed.add(ids[at] as string);
    return {
      version: flow.version,
      status,
      step: ids[index] as string,
      completedSteps: ids.filter((id) => completed.has(id)),
    };
  };
  if (typeof move === 'object') {
    const index = ids.indexOf(move.to);
    return index < 0 ? null : record('in_progress', index);
  }
  switch (move) {
    case 'next':
      return last ? record('completed', at, true) : record('in_progress', at + 1, true);
    case 'skip':
      return last ? record('completed', at) : record('in_progress', at + 1);
    case 'back':
      return at === 0 ? null : record('in_progress', at - 1);
    case 'complete':
      return record('completed', at, true);
    case 'dismiss':
      return record('dismissed', at);
    case 'restart':
      return record('in_progress', 0);
  }
}

const offline = () => globalThis.navigator?.onLine === false;

/**
 * The copy the store kept of a flow, when the page loads offline and it is of the version
 * asked for: what the flow shows until the server can be asked.
 */
export function offlineCopy(
  store: GroupKitStore,
  flowId: string,
  version: number | undefined,
): UserFlow | undefined {
  if (!offline()) return undefined;
  const copy = store.getState().flows[flowId]?.server;
  // Kept in storage: shown only when it is whole enough to show (a progress record, and a
  // version with its steps or none).
  return typeof copy?.progress === 'object' &&
    (copy.flow === null || Array.isArray(copy.flow?.steps)) &&
    (version === undefined || copy.flow?.version === version)
    ? copy
    : undefined;
}

/** Keeps the server's latest word on a flow in the store (saved with it): the offline cache. */
export function keepOfflineCopy(
  store: GroupKitStore,
  flowId: string,
  update: (copy: UserFlow | undefined) => UserFlow | undefined,
) {
  store.setState((s) => {
    const record = s.flows[flowId];
    const server = update(record?.server);
    if (!server || server === record?.server) return s;
    return {
      flows: { ...s.flows, [flowId]: { step: 0, status: 'active', seen: [], ...record, server } },
    };
  });
}

/**
 * Resolves at once when the browser is online, else when it comes back (or rejects when the
 * read is cancelled): a flow is not asked for while offline, its offline copy shows instead.
 */
export function whenOnline(signal: AbortSignal): Promise<void> | void {
  if (!offline()) return;
  return new Promise((resolve, reject) => {
    const online = () => {
      signal.removeEventListener('abort', abort);
      resolve();
    };
    const abort = () => {
      removeEventListener('online', online);
      reject(signal.reason);
    };
    addEventListener('online', online, { once: true });
    signal.addEventListener('abort', abort, { once: true });
  });
}
