import { type Scenario, type ScenarioName, scenarios } from '../scenarios';
import { GroupsEngineError } from './errors';
import { createSequentialIds, type IdGenerator } from './ids';
import { matchesRuleSet } from './rules';
import { userGroupStatus } from './status';
import { createMembershipStore } from './store';
import type {
  AccountGroup,
  Membership,
  MembershipRecord,
  Session,
  UserGroup,
  UserGroupRecord,
  UserRecord,
} from './types';

export interface GroupsEngineOptions {
  /**
   * The seed: a scenario name or your own `Scenario` function.
   * @default 'default'
   * @example createGroupsEngine({ scenario: 'empty' })
   */
  scenario?: ScenarioName | Scenario;
  /**
   * The engine clock. Inject one to make windows ("ended yesterday") deterministic.
   * @default () => new Date()
   * @example createGroupsEngine({ now: () => new Date('2026-11-23T12:00:00Z') })
   */
  now?: () => Date;
  /**
   * Produces ids for new records.
   * @default createSequentialIds()
   */
  ids?: IdGenerator;
}

export interface ListUserGroupsOptions {
  /** Also list groups whose window has not opened yet. @default false */
  includeScheduled?: boolean;
}

/**
 * The in-memory groups platform: every rule of the groups API lives here, as functions over
 * data. It imports no MSW, so tests and benchmarks can drive it directly.
 */
export function createGroupsEngine(options: GroupsEngineOptions = {}) {
  const now = options.now ?? (() => new Date());
  const ids = options.ids ?? createSequentialIds();
  const scenario =
    typeof options.scenario === 'function'
      ? options.scenario
      : scenarios[options.scenario ?? 'default'];
  if (!scenario) {
    throw new TypeError(
      `Unknown scenario "${String(options.scenario)}". Use one of: ${Object.keys(scenarios).join(', ')}, or pass a Scenario function.`,
    );
  }
  const createdAt = now();
  const seed = scenario({ now: createdAt, ids });

  const accountGroups = new Map(seed.accountGroups.map((g) => [g.id, g]));
  const users = new Map(seed.users.map((u) => [u.id, u]));
  const userGroups = new Map(seed.userGroups.map((g) => [g.id, g]));
  const slugs = new Map(seed.userGroups.map((g) => [g.slug, g.id]));
  const memberships = createMembershipStore();
  for (const record of seed.memberships) memberships.add(record);

  /** Rebuilds an automatic group's population from scratch, as real platforms do on every rule change. */
  function repopulate(group: UserGroupRecord, at: Date): void {
    for (const record of memberships.ofGroup(group.id)) memberships.remove(record.userId, group.id);
    if (!group.ruleset) return;
    const joinedAt = at.toISOString();
    for (const user of users.values()) {
      if (matchesRuleSet(group.ruleset, user)) {
        memberships.add({
          userId: user.id,
          groupId: group.id,
          joinedAt,
          source: 'rule',
          attributes: {},
        });
      }
    }
  }
  // One instant for the whole seed, so a real clock cannot order the seeded groups by accident.
  for (const group of userGroups.values())
    if (group.type === 'automatic') repopulate(group, createdAt);

  function requireUser(userId: string): UserRecord {
    const user = users.get(userId);
    if (!user) throw new GroupsEngineError('user_not_found', `No user "${userId}".`, { userId });
    return user;
  }

  function toUserGroup(record: UserGroupRecord, at: Date): UserGroup {
    return {
      ...record,
      status: userGroupStatus(record, at),
      memberCount: memberships.count(record.id),
    };
  }

  function toMembership(record: MembershipRecord): Membership {
    const group = userGroups.get(record.groupId) as UserGroupRecord;
    return {
      groupId: group.id,
      slug: group.slug,
      name: group.name,
      joinedAt: record.joinedAt,
      source: record.source,
      attributes: record.attributes,
    };
  }

  const byOrderThenName = (a: UserGroupRecord, b: UserGroupRecord) =>
    a.order - b.order || a.name.localeCompare(b.name, 'en');

  const engine = {
    /** The engine clock. */
    now,
    /** Whether publishable requests must prove the user with `X-GroupKit-User-Hash`. */
    identityVerification: seed.identityVerification,

    getAccountGroup(groupId: string): AccountGroup {
      const group = accountGroups.get(groupId);
      if (!group)
        throw new GroupsEngineError('group_not_found', `No account group "${groupId}".`, {
          groupId,
        });
      return group;
    },

    /** A user group by uuid or slug. */
    getUserGroup(idOrSlug: string): UserGroup {
      const record = userGroups.get(idOrSlug) ?? userGroups.get(slugs.get(idOrSlug) ?? '');
      if (!record) {
        throw new GroupsEngineError('user_group_not_found', `No user group "${idOrSlug}".`, {
          group: idOrSlug,
        });
      }
      return toUserGroup(record, now());
    },

    /** The directory an end user sees: viewable, active (optionally scheduled) groups by `order`, then name. */
    listViewableUserGroups({ includeScheduled = false }: ListUserGroupsOptions = {}): UserGroup[] {
      const at = now();
      return [...userGroups.values()]
        .filter((g) => g.userViewable)
        .map((g) => toUserGroup(g, at))
        .filter((g) => g.status === 'active' || (includeScheduled && g.status === 'scheduled'))
        .sort(byOrderThenName);
    },

    /** The user's memberships, oldest first, then by group name. */
    listMemberships(userId: string): Membership[] {
      requireUser(userId);
      return memberships
        .ofUser(userId)
        .map(toMembership)
        .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.name.localeCompare(b.name, 'en'));
    },

    /** Everything the provider needs on mount. `groupId` is optional: a provider may have no account group. */
    getSession(userId: string, groupId?: string): Session {
      const user = requireUser(userId);
      return {
        user: {
          id: user.id,
          firstname: user.firstname,
          lastname: user.lastname,
          attributes: user.attributes,
        },
        group: groupId === undefined ? null : engine.getAccountGroup(groupId),
        memberships: engine.listMemberships(userId),
        userGroups: engine.listViewableUserGroups(),
      };
    },
  };
  return engine;
}

export type GroupsEngine = ReturnType<typeof createGroupsEngine>;
