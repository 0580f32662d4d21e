'use client';
import type { GroupKitError } from '@groupkit/client';
import { useCallback, useEffect, useState } from 'react';
import { type ChangeEnv, type GroupKitOutcome, noUser } from './changeRunner';
import type { GroupKitContextValue } from './GroupKitContext';
import { useGroupKitStore } from './useGroupKitStore';
import type { GroupKitWriteState } from './result';
import type { GroupKitStoreState } from './store';

/** What sends a write: the provider's env first, then the hook's arguments. */
export type Write<A extends unknown[], T> = (
  env: ChangeEnv,
  ...args: A
) => Promise<GroupKitOutcome<T>>;

/**
 * A write hook's action: `write` with the provider's env, or, without a signed-in user, a
 * `no_user` outcome naming `hookName` (nothing sent). Where a write hook is loaded, `resume`
 * sends the changes of its kind restored from storage at once, with the page: the provider's
 * own resume (for pages without one) loads a chunk first, which an offline page may not get
 * until it is back online. (`resume` is the hook's to give, so a flow's hook never loads the
 * membership senders, nor the reverse.)
 */
export function useWrite<A extends unknown[], T>(
  hookName: string,
  changeEnv: ChangeEnv | undefined,
  write: Write<A, T>,
  resume: (env: ChangeEnv) => void,
) {
  useEffect(() => {
    if (changeEnv) resume(changeEnv);
  }, [changeEnv, resume]);
  return useCallback(
    (...args: A) => (changeEnv ? write(changeEnv, ...args) : noUser(hookName)),
    [hookName, changeEnv, write],
  );
}

// This hook's last write: on its way, or its outcome.
type Last<T> = { pending?: true; ok?: boolean; data?: T | null; error?: GroupKitError | null };

/**
 * The one base of every write hook: its action (`useWrite`) and its `GroupKitWriteState`.
 * Where the state belongs to something shared (see `GroupKitWriteState`), the hook passes
 * what the store says: `follow` (whether a change it follows is queued or on the wire), and for
 * join/leave the group's `failure` and `forget` (clears it in the store): failures are then
 * the store's to show (a join refused up front, e.g. without a user, says so in its outcome
 * only, as before).
 */
export function useWriteState<A extends unknown[], T>(
  hookName: string,
  context: GroupKitContextValue,
  write: Write<A, T>,
  resume: (env: ChangeEnv) => void,
  follow?: (state: GroupKitStoreState) => boolean,
  failure?: GroupKitError | null,
  forget?: () => void,
): [(...args: A) => Promise<GroupKitOutcome<T>>, GroupKitWriteState<T>] {
  const [last, setLast] = useState<Last<T>>({});
  // One store subscription, one number: 1 while a change the hook follows is queued or on
  // the wire, plus 2 while the browser is offline.
  const shared = useGroupKitStore((s) => +!!follow?.(s) | (s.online ? 0 : 2), { context });
  const run = useWrite(hookName, context.changeEnv, write, resume);
  const send = useCallback(
    (...args: A) => {
      const mine: Last<T> = { pending: true };
      setLast(mine);
      return run(...args).then((outcome) => {
        // Only the latest write speaks, and none after a reset.
        setLast((current) => (current !== mine ? current : forget && !outcome.ok ? {} : outcome));
        return outcome;
      });
    },
    [run, forget],
  );
  const reset = useCallback(() => {
    setLast({});
    forget?.();
  }, [forget]);
  const isPending = !!(shared & 1 || last.pending);
  const error = failure ?? last.error ?? null;
  const status = isPending ? 'pending' : error ? 'error' : last.ok ? 'success' : 'idle';
  return [
    send,
    {
      status,
      isPending,
      queued: isPending && shared > 1,
      data: status === 'success' ? last.data : null,
      error,
      reset,
    } as GroupKitWriteState<T>,
  ];
}
