import type { AccountGroup, Membership } from '@groupkit/client';
import { isMemberOf, refersTo } from './groupRef';
import type { PendingChange } from './store';

/**
 * The memberships the user should see: the server's, with every queued change applied in
 * order on top. Recomputed from scratch, so a failed change rolls back exactly its own ops
 * (drop it from the queue) and a server refresh never erases a change still in flight.
 */
export function withPendingMemberships(
  memberships: Membership[],
  pending: readonly PendingChange[],
): Membership[] {
  let result = memberships;
  for (const change of pending) {
    if (change.kind !== 'memberships') continue;
    for (const op of change.ops) {
      // `groupId` is the group's id, or (queued before the cache knew the group) the slug or id
      // the caller wrote: matched as a reference, it finds the membership either way.
      const held = isMemberOf(result, op.groupId);
      if (op.op === 'remove' && held)
        result = result.filter((m) => !refersTo(op.groupId, m.groupId, m.slug));
      if (op.op === 'add' && !held) {
        const { groupId, slug, name } = op;
        result = [
          ...result,
          { groupId, slug, name, joinedAt: change.at, source: 'self', attributes: {} },
        ];
      }
    }
  }
  return result;
}

/**
 * The account group with queued `identify` calls merged in order, as the server will merge
 * them: new keys added, existing overwritten, `null` deletes, a `name` property renames.
 */
export function withPendingProperties(
  group: AccountGroup | null,
  pending: readonly PendingChange[],
): AccountGroup | null {
  if (!group) return group;
  let result = group;
  for (const change of pending) {
    if (change.kind !== 'identify') continue;
    const properties = Object.fromEntries(
      Object.entries({ ...result.properties, ...change.properties }).filter(([, v]) => v !== null),
    );
    // `?.`: a change restored from storage may have lost its properties (sent as is, the
    // server refuses it, and it rolls back).
    const name = typeof change.properties?.name === 'string' ? change.properties.name : result.name;
    result = { ...result, name, properties };
  }
  return result;
}
