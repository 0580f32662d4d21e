import type { MembershipRecord, MembershipStore } from '@groupkit/mock-api/core';

const keyOf = (userId: string, groupId: string) => `${userId}\n${groupId}`;

/**
 * The engine's membership index over what one request loaded: the memberships of some
 * users (or of everyone), with each group's member count from its counter column. Same
 * interface as the in-memory store, so the engine cannot tell them apart; reading a user
 * or a group that was not loaded throws (see `LoadedMap`).
 */
export function createLoadedMemberships(
  /** A group's member count as loaded (its counter and its shards' deltas). */
  baseCount: (groupId: string) => number,
  track = true,
) {
  /** What `changes()` compares against: the record's JSON, or nothing for a read. */
  const snapshotOf = (record: MembershipRecord) => (track ? JSON.stringify(record) : '');
  const byUser = new Map<string, Map<string, MembershipRecord>>();
  const byGroup = new Map<string, Map<string, MembershipRecord>>();
  const loadedUsers = new Set<string>();
  // Made on first use, as `LoadedMap`'s: most requests read one user's memberships and change
  // none, and every map made costs an allocation and copies while the request waits.
  /** Groups whose every membership was read (member lists). */
  let loadedGroups: Set<string> | undefined;
  let complete = false;
  /** key → JSON as read, to find what the request changed. */
  const original = new Map<string, string>();
  /** Groups rebuilt from their rule set in SQL by this request: their new member count. */
  let replaced: Map<string, number> | undefined;
  /** Live change of each group's count, so answers show counts after this request's changes. */
  let delta: Map<string, number> | undefined;
  const moveCount = (groupId: string, by: number) => {
    delta ??= new Map();
    delta.set(groupId, (delta.get(groupId) ?? 0) + by);
  };

  const bucket = (index: Map<string, Map<string, MembershipRecord>>, key: string) => {
    let map = index.get(key);
    if (!map) {
      map = new Map();
      index.set(key, map);
    }
    return map;
  };
  const needUser = (userId: string) => {
    if (!complete && !loadedUsers.has(userId)) {
      throw new Error(
        `state not loaded: memberships of user "${userId}" (a route's LoadSpec misses it)`,
      );
    }
  };
  const notReplaced = (groupId: string) => {
    if (replaced?.has(groupId)) {
      throw new Error(`state not loaded: members of group "${groupId}" after its recalculation`);
    }
  };
  const put = (record: MembershipRecord) => {
    bucket(byUser, record.userId).set(record.groupId, record);
    bucket(byGroup, record.groupId).set(record.userId, record);
  };

  const store: MembershipStore = {
    get(userId, groupId) {
      notReplaced(groupId);
      if (!loadedGroups?.has(groupId)) needUser(userId);
      return byUser.get(userId)?.get(groupId);
    },
    add(record) {
      notReplaced(record.groupId);
      if (!loadedGroups?.has(record.groupId)) needUser(record.userId);
      const had = byUser.get(record.userId)?.has(record.groupId) ?? false;
      // Re-adding moves the record to the end, as the in-memory store does.
      byUser.get(record.userId)?.delete(record.groupId);
      byGroup.get(record.groupId)?.delete(record.userId);
      put(record);
      if (!had) moveCount(record.groupId, 1);
    },
    remove(userId, groupId) {
      notReplaced(groupId);
      if (!loadedGroups?.has(groupId)) needUser(userId);
      const removed = byUser.get(userId)?.delete(groupId) ?? false;
      byGroup.get(groupId)?.delete(userId);
      if (removed) moveCount(groupId, -1);
      return removed;
    },
    ofUser(userId) {
      needUser(userId);
      return [...(byUser.get(userId)?.values() ?? [])];
    },
    ofGroup(groupId) {
      notReplaced(groupId);
      if (!complete && !loadedGroups?.has(groupId)) {
        throw new Error(
          `state not loaded: members of group "${groupId}" (a route's LoadSpec misses it)`,
        );
      }
      return [...(byGroup.get(groupId)?.values() ?? [])];
    },
    count(groupId) {
      const rebuilt = replaced?.get(groupId);
      if (rebuilt !== undefined) return rebuilt;
      if (complete) return byGroup.get(groupId)?.size ?? 0;
      return baseCount(groupId) + (delta?.get(groupId) ?? 0);
    },
  };

  return {
    store,
    /** These users' memberships were read (`records` holds all of them, oldest first). */
    fillUsers(userIds: Iterable<string>, records: MembershipRecord[]) {
      for (const id of userIds) loadedUsers.add(id);
      for (const record of records) {
        if (original.has(keyOf(record.userId, record.groupId))) continue;
        original.set(keyOf(record.userId, record.groupId), snapshotOf(record));
        put(record);
      }
    },
    /** Every membership of these groups was read (`records`, oldest first). */
    fillGroups(groupIds: Iterable<string>, records: MembershipRecord[]) {
      loadedGroups ??= new Set();
      for (const id of groupIds) loadedGroups.add(id);
      for (const record of records) {
        const key = keyOf(record.userId, record.groupId);
        if (original.has(key)) continue;
        original.set(key, snapshotOf(record));
        put(record);
      }
    },
    /**
     * The group's members are rebuilt in SQL (see `persistState`): what was loaded of them is
     * dropped here, and the group counts `count` members from now on.
     */
    replaceGroup(groupId: string, count: number) {
      for (const [userId, records] of byUser) {
        if (!records.delete(groupId)) continue;
        original.delete(keyOf(userId, groupId));
      }
      byGroup.delete(groupId);
      delta?.delete(groupId);
      (replaced ??= new Map()).set(groupId, count);
    },
    /** Every membership of the project was read. */
    markComplete() {
      complete = true;
    },
    isUserLoaded: (userId: string) => complete || loadedUsers.has(userId),
    /** Added, changed and removed memberships, and each group's net change in members. */
    changes() {
      const upserted: MembershipRecord[] = [];
      const current = new Set<string>();
      for (const records of byUser.values()) {
        for (const record of records.values()) {
          const key = keyOf(record.userId, record.groupId);
          current.add(key);
          if (original.get(key) !== JSON.stringify(record)) upserted.push(record);
        }
      }
      const deleted: { userId: string; groupId: string }[] = [];
      const counts = new Map<string, number>();
      for (const key of original.keys()) {
        if (current.has(key)) continue;
        const [userId, groupId] = key.split('\n') as [string, string];
        deleted.push({ userId, groupId });
        counts.set(groupId, (counts.get(groupId) ?? 0) - 1);
      }
      for (const record of upserted) {
        if (original.has(keyOf(record.userId, record.groupId))) continue;
        counts.set(record.groupId, (counts.get(record.groupId) ?? 0) + 1);
      }
      return { upserted, deleted, counts };
    },
  };
}

export type LoadedMemberships = ReturnType<typeof createLoadedMemberships>;
