/**
 * The engine's records. The API shapes themselves are the client's contract types, so the
 * mock and the SDK can never disagree about what an endpoint returns.
 */
import type { MembershipSource, Properties, UserGroup, UserStatus } from '@groupkit/client';

// AutomationRun and ConditionsVersion are API shapes too: they come from the client.
export type * from '@groupkit/client';

/** A user group as stored: the API shape without derived fields. */
export type UserGroupRecord = Omit<UserGroup, 'status' | 'memberCount'>;

export interface UserRecord {
  id: string;
  firstname: string;
  lastname: string;
  email: string;
  username: string;
  branchId: string | null;
  status: UserStatus;
  attributes: Properties;
  createdAt: string;
}

export interface MembershipRecord {
  userId: string;
  groupId: string;
  joinedAt: string;
  source: MembershipSource;
  attributes: Properties;
}

/** A code campaign: one shared code (optionally capped), or one of many single-use codes. */
export interface CodeRecord {
  id: string;
  groupId: string;
  /** As created (display form). */
  code: string;
  /** Trimmed, upper-cased: what redemption compares against. */
  normalized: string;
  mode: 'shared' | 'unique';
  /** Shared codes: cap on redemptions (`null`: unlimited). Unique codes: always 1. */
  maxRedemptions: number | null;
  redemptions: { userId: string; at: string }[];
  startsAt: string | null;
  stopsAt: string | null;
  createdAt: string;
}

export type AutomationEvent = 'added_to' | 'removed_from';

export interface AutomationRecord {
  id: string;
  name: string;
  trigger: {
    event: AutomationEvent;
    /** User group id. */
    groupId: string;
    /** User group ids the user must be in (after the op) for the automation to fire. */
    requireIn: string[];
    /** User group ids the user must not be in (after the op). */
    requireNotIn: string[];
  };
  action: { type: 'email' | 'workflow'; template: string };
  createdAt: string;
}
