/**
 * The engine's records. The API shapes themselves are the client's contract types, so the
 * mock and the SDK can never disagree about what an endpoint returns.
 */
import type { MembershipSource, Properties, UserGroup, UserStatus } from '@groupkit/client';

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
