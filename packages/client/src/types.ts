/** The groups API contract (base path `/v1`), as the SDK sees it. */

/** How end users may join a manual group: `open` by a toggle, `code` with a campaign code, `null` only by an admin. */
export type JoinType = 'open' | 'code' | null;
/** `manual` groups are joined and left; `automatic` groups are populated by their rule set. */
export type UserGroupType = 'manual' | 'automatic';
/** Derived from `startsAt`/`stopsAt`: before the window, inside it, after it. */
export type UserGroupStatus = 'scheduled' | 'active' | 'ended';
/** How a membership came to be: the user joined, redeemed a code, an admin added it, or a rule matched. */
export type MembershipSource = 'self' | 'code' | 'admin' | 'rule';
export type UserStatus = 'active' | 'inactive' | 'pending';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Properties = Record<string, JsonValue>;

/** The account group a provider is scoped to (a company, a team). */
export interface AccountGroup {
  id: string;
  name: string;
  properties: Properties;
  createdAt: string;
  updatedAt: string;
}

export type AttributeOperator =
  'eq' | 'neq' | 'contains' | 'starts_with' | 'gt' | 'lt' | 'in' | 'exists';

export type Rule =
  | {
      id: string;
      type: 'attribute';
      payload: { field: string; op: AttributeOperator; value?: JsonValue };
    }
  | { id: string; type: 'branch'; payload: { branchIds: string[] } }
  | { id: string; type: 'status'; payload: { status: UserStatus } };

/** `AND`: every set must hold; `OR`: at least one. Inside a set every rule must hold. */
export interface RuleSet {
  operator: 'AND' | 'OR';
  sets: { id: string; rules: Rule[] }[];
}

/** A user group (a segment users join, or are put in by rules). */
export interface UserGroup {
  id: string;
  legacyId: number;
  slug: string;
  name: string;
  description: string;
  type: UserGroupType;
  joinType: JoinType;
  userViewable: boolean;
  startsAt: string | null;
  stopsAt: string | null;
  order: number;
  ruleset: RuleSet | null;
  createdAt: string;
  updatedAt: string;
  status: UserGroupStatus;
  memberCount: number;
}

/** One of the user's memberships. */
export interface Membership {
  groupId: string;
  slug: string;
  name: string;
  joinedAt: string;
  source: MembershipSource;
  attributes: Properties;
}

/** The user as the session shows them to themselves. */
export interface SessionUser {
  id: string;
  firstname: string;
  lastname: string;
  attributes: Properties;
}

/** Everything a provider needs on mount, in one round trip (`GET /v1/session`). */
export interface Session {
  user: SessionUser;
  group: AccountGroup | null;
  memberships: Membership[];
  userGroups: UserGroup[];
}

/** A page of a list endpoint. */
export interface Page<T> {
  data: T[];
  page: number;
  pageSize: number;
  total: number;
}
