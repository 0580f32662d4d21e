import type { MembershipRecord } from './types';

/**
 * Memberships indexed both ways, so "whose groups" and "which members" are both O(1) to
 * reach: member counts and the session stay cheap with 100,000 users.
 */
export function createMembershipStore() {
  const byUser = new Map<string, Map<string, MembershipRecord>>();
  const byGroup = new Map<string, Map<string, MembershipRecord>>();

  const bucket = (index: Map<string, Map<string, MembershipRecord>>, key: string) => {
    let map = index.get(key);
    if (!map) {
      map = new Map();
      index.set(key, map);
    }
    return map;
  };

  return {
    get(userId: string, groupId: string): MembershipRecord | undefined {
      return byUser.get(userId)?.get(groupId);
    },
    add(record: MembershipRecord): void {
      bucket(byUser, record.userId).set(record.groupId, record);
      bucket(byGroup, record.groupId).set(record.userId, record);
    },
    remove(userId: string, groupId: string): boolean {
      const removed = byUser.get(userId)?.delete(groupId) ?? false;
      byGroup.get(groupId)?.delete(userId);
      return removed;
    },
    ofUser(userId: string): MembershipRecord[] {
      return [...(byUser.get(userId)?.values() ?? [])];
    },
    ofGroup(groupId: string): MembershipRecord[] {
      return [...(byGroup.get(groupId)?.values() ?? [])];
    },
    count(groupId: string): number {
      return byGroup.get(groupId)?.size ?? 0;
    },
  };
}

export type MembershipStore = ReturnType<typeof createMembershipStore>;
