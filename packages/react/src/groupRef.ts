import type { GroupKitError, Membership, UserGroup } from '@groupkit/client';
import type { QueryClient } from '@tanstack/react-query';
import { groupKitKeys } from './queryKeys';
import type { GroupKitStoreState, PendingChange } from './store';

// The one place that decides what a group reference means. Callers name a group by slug or
// by id; a queued change holds the group's id (and slug) as the cache knew them when it was
// queued, and failures are keyed by that id, so every hook naming the group either way sees,
// and clears, the same state.

/** Whether `ref` (a slug or an id, as a caller wrote it) names the group with this id and slug. */
export const refersTo = (ref: string, id: string, slug: string) => ref === id || ref === slug;

/** The group `ref` names in a directory, if it lists it. */
export const findGroup = (groups: readonly UserGroup[] | undefined, ref: string) =>
  groups?.find((g) => refersTo(ref, g.id, g.slug));

/** The user's membership of the group `ref` names, if they hold one. */
export const findMembership = (memberships: readonly Membership[] | undefined, ref: string) =>
  memberships?.find((m) => refersTo(ref, m.groupId, m.slug));

/** Whether `memberships` include the group `ref` names. */
export const isMemberOf = (memberships: readonly Membership[], ref: string) =>
  !!findMembership(memberships, ref);

/** A group as a change queues it. */
export interface ResolvedGroup {
  /**
   * The group's uuid, or the reference as written when the cache does not know the group
   * (a queued op then still matches the group by either name: see `refersTo`).
   */
  groupId: string;
  /** The group's slug, or the reference as written when the cache does not know the group. */
  slug: string;
  /** Display name for the optimistic membership. */
  name: string;
}

/** The part of a provider's context a reference is resolved with. */
export interface GroupCache {
  queryClient: QueryClient;
  userId: string | null;
}

/**
 * The group `ref` names: from the cached directory, else from the user's memberships (a hidden
 * group they are in); a group neither lists keeps the reference as written.
 */
export function resolveGroup({ queryClient, userId }: GroupCache, ref: string): ResolvedGroup {
  const listed = findGroup(queryClient.getQueryData(groupKitKeys.userGroups(userId ?? '')), ref);
  const {
    groupId = ref,
    slug = ref,
    name = ref,
  }: Partial<ResolvedGroup> = listed
    ? { ...listed, groupId: listed.id }
    : (findMembership(queryClient.getQueryData(groupKitKeys.memberships(userId ?? '')), ref) ?? {});
  return { groupId, slug, name };
}

/** The last queued op on the group `ref` names that shows on screen, or `null`. */
export function lastPendingOp(pending: readonly PendingChange[], ref: string) {
  let last: 'add' | 'remove' | null = null;
  for (const change of pending) {
    if (change.kind !== 'memberships') continue;
    for (const op of change.ops) if (refersTo(ref, op.groupId, op.slug)) last = op.op;
  }
  return last;
}

/** Whether any queued change (shown or not) touches the group `ref` names. */
export const isGroupPending = (pending: readonly PendingChange[], ref: string) =>
  pending.some((c) => 'ops' in c && c.ops.some((op) => refersTo(ref, op.groupId, op.slug)));

/** Why the last change of the group `ref` names failed, or `null`. */
export function failureOf(
  cache: GroupCache,
  { failures }: GroupKitStoreState,
  ref: string,
): GroupKitError | null {
  // Resolves only when there is a failure: a thousand toggles read this on every store update.
  for (const id in failures)
    if (id === resolveGroup(cache, ref).groupId) return failures[id] ?? null;
  return null;
}
