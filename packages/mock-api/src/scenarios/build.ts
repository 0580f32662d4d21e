import { NEW_USER_GROUP_DEFAULTS } from '../engine/userGroupInput';
import type {
  AutomationRecord,
  CodeRecord,
  MembershipRecord,
  UserGroupRecord,
  UserRecord,
} from '../engine/types';
import type { ScenarioContext } from './types';

const DAY = 24 * 60 * 60 * 1000;

/** `days` from the scenario clock as an ISO string (negative for the past). */
export function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY).toISOString();
}

type UserGroupSeed = Pick<UserGroupRecord, 'slug' | 'name'> & Partial<UserGroupRecord>;

/** A seed builder that fills the boring fields so scenarios read like the spec. */
export function createSeedBuilder({ now, ids }: ScenarioContext) {
  const created = daysFrom(now, -90);
  let legacyId = 1000;
  return {
    userGroup(seed: UserGroupSeed): UserGroupRecord {
      return {
        id: ids(),
        legacyId: ++legacyId,
        ...NEW_USER_GROUP_DEFAULTS,
        type: 'manual',
        createdAt: created,
        updatedAt: created,
        ...seed,
      };
    },
    user(
      seed: Pick<UserRecord, 'id' | 'firstname' | 'lastname'> & Partial<UserRecord>,
    ): UserRecord {
      const username = `${seed.firstname}.${seed.lastname}`
        .toLowerCase()
        .replace(/[^a-z0-9.]/g, '');
      return {
        email: `${username}@example.com`,
        username,
        branchId: null,
        status: 'active',
        attributes: {},
        createdAt: created,
        ...seed,
      };
    },
    code(
      group: UserGroupRecord,
      code: string,
      seed: Partial<Pick<CodeRecord, 'mode' | 'maxRedemptions' | 'startsAt' | 'stopsAt'>> = {},
    ): CodeRecord {
      const mode = seed.mode ?? 'shared';
      return {
        id: ids(),
        groupId: group.id,
        code,
        normalized: code.trim().toUpperCase(),
        mode,
        maxRedemptions: mode === 'unique' ? 1 : (seed.maxRedemptions ?? null),
        redemptions: [],
        startsAt: seed.startsAt ?? null,
        stopsAt: seed.stopsAt ?? null,
        createdAt: created,
      };
    },
    automation(
      id: string,
      name: string,
      trigger: AutomationRecord['trigger'],
      template: string,
    ): AutomationRecord {
      return { id, name, trigger, action: { type: 'email', template }, createdAt: created };
    },
    membership(
      userId: string,
      group: UserGroupRecord,
      source: MembershipRecord['source'] = 'admin',
    ): MembershipRecord {
      return { userId, groupId: group.id, joinedAt: created, source, attributes: {} };
    },
  };
}
