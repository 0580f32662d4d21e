'use client';
import type { GroupKitError, MembershipChangeResult, UserGroup } from '@groupkit/client';
import { useShallow } from 'zustand/react/shallow';
import { type GroupKitOutcome, resumePending } from './changeRunner';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import { failureOf, isGroupPending, lastPendingOp } from './groupRef';
import { type MembershipLockReason, membershipLockReason } from './membershipLockReason';
import { useGroupWrites } from './useGroupChange';
import { useWrite } from './useWriteState';
import { useGroupKitStore } from './useGroupKitStore';
import { useMembership } from './useMembership';
import { useUserGroup } from './useUserGroup';

const HOOK = 'useMembershipToggle';

export interface UseMembershipToggleOptions extends GroupKitHookOptions {
  /**
   * Controlled: the state to show, and to lock by, instead of the user's membership (e.g. a
   * form that saves several choices at once). `toggle` still joins or leaves: call it when
   * your code decides to.
   * @default undefined (the user's membership, pending changes included)
   * @example const { lockReason } = useMembershipToggle('newsletter', { checked: chosen });
   */
  checked?: boolean;
}

/** A join/leave switch's state for one group, without the markup (`JoinGroupToggle`'s). */
export interface UseMembershipToggleResult {
  /**
   * The group: the `UserGroup` given, or the directory's (by slug or id); `undefined` while
   * the directory loads, or when it does not list the group.
   */
  group: UserGroup | undefined;
  /** What to call the group: its name, from the directory or the user's membership, else the reference as written. */
  name: string;
  /** Whether the user is in the group, pending changes included (or the controlled `checked`); `false` while loading. */
  checked: boolean;
  /** A change touching this group (from anywhere in the app) is queued or on the wire. */
  pending: boolean;
  /** The memberships (or, by slug or id, the directory) are still loading. */
  loading: boolean;
  /**
   * Why the user cannot change this membership themselves (`membershipLockReason`), `null`
   * when they can, and while a group given by slug or id is loading.
   */
  lockReason: MembershipLockReason | null;
  /** Why the last change of this group failed (already rolled back); `null` after the next one. */
  error: GroupKitError | null;
  /**
   * Joins (`true`) or leaves (`false`) the group; without a boolean (e.g. as an `onClick`),
   * flips `checked`. Optimistic and in line after the user's earlier changes, like
   * `useJoinGroup`; never rejects. It sends even when `lockReason` is set (the server then
   * refuses, and the change rolls back): check `lockReason` first. A new function on every
   * render (what it flips changes with `checked`).
   * @example const { ok, error } = await toggle();
   */
  toggle: (next?: boolean) => Promise<GroupKitOutcome<MembershipChangeResult>>;
  /** Forget `error` (e.g. when the user dismisses it). */
  reset: () => void;
}

/**
 * Everything a join/leave switch for one group shows and does: whether the user is in it,
 * whether a change is on its way, why it is locked, the last failure, and `toggle`. Takes the
 * group by slug or id (looked up in the directory, scheduled groups included) or as the
 * `UserGroup` itself. One store subscription and one selector per resource, so a directory
 * of a thousand rows re-renders only the row whose state changed.
 * @example
 * const { checked, pending, lockReason, toggle } = useMembershipToggle('newsletter');
 * <button role="switch" aria-checked={checked} aria-busy={pending}
 *   aria-disabled={!!lockReason} onClick={() => lockReason || toggle()}>Newsletter</button>
 */
export function useMembershipToggle(
  group: string | UserGroup,
  options: UseMembershipToggleOptions = {},
): UseMembershipToggleResult {
  const byRef = typeof group === 'string';
  const ref = byRef ? group : group.slug;
  const context = useGroupKitContext(HOOK, options);
  // Joins and leaves as useJoinGroup and useLeaveGroup do (the same runner, the same queue).
  const { write, reset } = useGroupWrites(ref, context);
  const run = useWrite(HOOK, context.changeEnv, write, resumePending);
  // One selector per resource: a row re-renders only when its own group or membership changes.
  const listed = useUserGroup(ref, options);
  const membership = useMembership(ref, options).data;
  // The shown op of this group's last queued change ('add' | 'remove'), else whether any
  // change touches it (a preview, a code), and its last failure: one subscription.
  const [queued, error] = useGroupKitStore(
    useShallow(
      (s) =>
        [
          lastPendingOp(s.pending, ref) ?? isGroupPending(s.pending, ref),
          failureOf(context, s, ref),
        ] as const,
    ),
    options,
  );
  const value =
    options.checked ??
    (membership === undefined
      ? undefined
      : typeof queued === 'string'
        ? queued === 'add'
        : !!membership);
  const found = byRef ? (listed.data ?? undefined) : group;
  const loading =
    listed.status !== 'error' && (value === undefined || (!found && listed.status === 'loading'));
  const checked = !!value;

  return {
    group: found,
    name: found?.name ?? membership?.name ?? ref,
    checked,
    pending: queued !== false,
    loading,
    lockReason: loading && !found ? null : membershipLockReason(found, membership, checked),
    error,
    toggle: (next) => run((typeof next === 'boolean' ? next : !checked) ? 'add' : 'remove'),
    reset,
  };
}
