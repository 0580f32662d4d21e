/**
 * The engine's records. The API shapes themselves are the client's contract types, so the
 * mock and the SDK can never disagree about what an endpoint returns.
 */
import type {
  AdminUser,
  Flow,
  FlowProgress,
  ApiKeyInfo,
  AuditEntry,
  Automation,
  MembershipSource,
  Operator,
  Properties,
  UserGroup,
} from '@groupkit/client';

export type * from '@groupkit/client';

/** A user group as stored: the API shape without derived fields. */
export type UserGroupRecord = Omit<UserGroup, 'status' | 'memberCount' | 'allowLeave'> & {
  /** Absent on groups stored before the setting existed: members may leave (`true`). */
  allowLeave?: boolean;
};

/** A user as stored: the admin API shape plus when they were created. */
export type UserRecord = AdminUser & { createdAt: string };

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
  /** `false`: revoked (410 `code_revoked`). Absent on codes made before codes could be revoked: active. */
  active?: boolean;
}

/**
 * An automation as stored: the API shape, but records stored before `enabled` and `updatedAt`
 * existed lack them (enabled; updated when created). `toAutomation` fills them in.
 */
export type AutomationRecord = Omit<Automation, 'enabled' | 'updatedAt'> & {
  enabled?: boolean;
  updatedAt?: string;
};

/** An operator as stored: the API shape plus the password's hash (`hashPassword`'s format). */
export type OperatorRecord = Operator & { passwordHash: string };

/**
 * A signed-in operator's session. The token itself lives only in the browser's httpOnly
 * cookie; what is kept is its SHA-256, so a leaked table signs no one in.
 */
export interface OperatorSessionRecord {
  /** Hex SHA-256 of the session token. */
  tokenHash: string;
  operatorId: string;
  createdAt: string;
  expiresAt: string;
}

/** An audit entry as stored (the API shape). */
export type AuditRecord = AuditEntry;

/** An API key as stored: its SHA-256 (hex), never the key. */
export type ApiKeyRecord = ApiKeyInfo & { keyHash: string };

/** A flow as stored: its draft and every version it published (the API shape). */
export type FlowRecord = Flow;

/** A user's progress through one flow (the API shape, with whose it is). */
export type FlowProgressRecord = FlowProgress & { userId: string };
