import type { GroupKitError } from '@groupkit/client';

/**
 * What every GroupKit data hook returns. Never `ready` before the first answer, so a
 * component cannot flash an empty state while loading.
 */
export type GroupKitResult<T> =
  | { status: 'loading'; data: undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: GroupKitError };

export function toResult<T>(query: {
  data: T | undefined;
  error: GroupKitError | null;
}): GroupKitResult<T> {
  const { data, error } = query;
  // One object literal for the three cases (fewer bytes on the provider's path): loading has
  // no data and a null error, ready a null error.
  return {
    status: error ? 'error' : data === undefined ? 'loading' : 'ready',
    data,
    error,
  } as GroupKitResult<T>;
}

/**
 * What every GroupKit write hook returns beside its action (`useJoinGroup`, `useLeaveGroup`,
 * `useChangeMemberships`, `useRedeemCode`; `useGroup().writeState` for `identify`,
 * `useFlow(id).writeState` for a flow's moves). Documented here once:
 *
 * - `status`: `idle` before the first write and after `reset()`; `pending` while a change is
 *   queued or on the wire (it already shows); `success` once the last write was applied
 *   (`data` is the server's answer); `error` once it was refused or failed (`error` says why,
 *   with its stable `code`; its effect is already rolled back).
 * - `isPending`: `status === 'pending'`, as a boolean.
 * - `queued`: pending while the browser is offline: the change waits (membership, account
 *   group and flow changes are kept in storage across reloads) and goes out, in order, once
 *   the browser is back online; `queued` clears as it is sent. The action's promise still
 *   resolves only when the server answered.
 * - `reset()`: back to `idle` (e.g. when the user dismisses the message or edits the input).
 *
 * A hook's state follows its own writes, except where the state belongs to something shared:
 * `useJoinGroup` and `useLeaveGroup` are pending while any change of their group is on its way
 * (from anywhere in the app), and show the group's last failure until the group's next change
 * or a `reset()` from any of its hooks; `useChangeMemberships` is pending while any of the
 * user's membership changes is (its changes go out after them); a flow's `writeState` while any
 * move of that flow is. While pending, `error` may still hold such a shared failure.
 * @example
 * const { join, status, error, queued, reset } = useJoinGroup('beta');
 * if (queued) return <p>Saved: joins once you are back online.</p>;
 * if (status === 'error') return <p role="alert">{error.code} <button onClick={reset}>OK</button></p>;
 */
export type GroupKitWriteState<T> = { reset: () => void } & (
  | { status: 'idle'; isPending: false; queued: false; data: null; error: null }
  | {
      status: 'pending';
      isPending: true;
      queued: boolean;
      data: null;
      error: GroupKitError | null;
    }
  | { status: 'success'; isPending: false; queued: false; data: T; error: null }
  | { status: 'error'; isPending: false; queued: false; data: null; error: GroupKitError }
);
