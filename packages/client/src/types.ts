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
  /**
   * Whether members may leave it themselves (`-slug`) when they could join it themselves
   * (open and code groups). Automatic and admin-only groups are never left by the user.
   */
  allowLeave: boolean;
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

/** `GET /v1/user-groups/{id}/legacy-id` and the legacy lookups: the uuid beside the old integer id. */
export interface LegacyId {
  id: string;
  legacyId: number;
}

/** A rule as written: ids are assigned by the server when missing. */
export type RuleInput = Omit<Rule, 'id'> & { id?: string };

/** A rule set as written: at most 10 sets and 10 rules in total. */
export interface RuleSetInput {
  operator: 'AND' | 'OR';
  sets: { id?: string; rules: RuleInput[] }[];
}

/**
 * The body of `POST /v1/user-groups` (create: `slug` and `name` are required, `type` is
 * `manual` unless given) and `PUT /v1/user-groups/{idOrSlug}` (update: any subset; `type`
 * cannot change).
 */
export interface UserGroupWrite {
  /** Lower-case letters, digits and `-`, up to 63, starting with a letter or digit. */
  slug?: string;
  name?: string;
  description?: string;
  type?: UserGroupType;
  joinType?: JoinType;
  userViewable?: boolean;
  /** @default true */
  allowLeave?: boolean;
  startsAt?: string | null;
  stopsAt?: string | null;
  order?: number;
  ruleset?: RuleSetInput | null;
}

/** A user group to create: the fields the server cannot default. */
export type UserGroupCreate = UserGroupWrite & Required<Pick<UserGroupWrite, 'slug' | 'name'>>;

/** One version of an automatic group's rule set, with the population it produced. */
export interface ConditionsVersion {
  version: number;
  ruleset: RuleSet;
  changedAt: string;
  populationBefore: number;
  populationAfter: number;
  /** Who saved this version (absent on versions made before the audit log, and on seeds). */
  changedBy?: AuditActor;
}

/** A member of a user group, as the admin list shows them. */
export interface GroupMember {
  id: string;
  userid: string;
  firstname: string;
  lastname: string;
  email: string;
  branchId: string | null;
  status: UserStatus;
  joinedAt: string;
  source: MembershipSource;
}

/** `POST /v1/user-groups/{id}/users`: users by id, whole branches, or the members of other groups. */
export interface MembersAdd {
  user_ids?: string[];
  branch_ids?: string[];
  group_ids?: string[];
}

export interface MembersAdded {
  added: number;
  unchanged: number;
  memberCount: number;
}

/** `DELETE /v1/user-groups/{id}/users`: exactly one of these forms. */
export type MembersRemove =
  { user_ids: string[] } | { user_all: true } | { user_filters: { search: string } };

export interface MembersRemoved {
  removed: number;
  memberCount: number;
}

export type CodeMode = 'shared' | 'unique';
export type CodeStatus = 'scheduled' | 'active' | 'expired' | 'used_up' | 'revoked';

/** A campaign code as the admin API shows it. */
export interface CodeView {
  id: string;
  groupId: string;
  code: string;
  mode: CodeMode;
  /** `null`: unlimited. Unique codes: 1. */
  maxRedemptions: number | null;
  redemptionCount: number;
  startsAt: string | null;
  stopsAt: string | null;
  status: CodeStatus;
  /** `false` once revoked: redeeming it answers 410 `code_revoked`. */
  active: boolean;
  createdAt: string;
}

/** Something an admin write did that is allowed but probably not meant (the write went through). */
export interface ApiWarning {
  /** e.g. `code_window_outside_group`: the code does not work for all the time its group is open. */
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** `POST /v1/user-groups/{idOrSlug}/codes`: the codes made, and what to check about them. */
export interface CodesCreated {
  data: CodeView[];
  warnings: ApiWarning[];
}

/** `PATCH /v1/user-groups/{idOrSlug}/codes/{codeId}`: any of these; `active: false` revokes. */
export interface CodeUpdate {
  active?: boolean;
  startsAt?: string | null;
  stopsAt?: string | null;
  /** Shared codes only (a single-use code works once). `null`: unlimited. */
  maxRedemptions?: number | null;
}

/** `PATCH …/codes/{codeId}`: the code as it is now, and what to check about it. */
export interface CodeUpdated {
  code: CodeView;
  warnings: ApiWarning[];
}

/** One use of a code: who, and when. */
export interface CodeRedemption {
  userId: string;
  at: string;
}

/** `POST /v1/user-groups/{idOrSlug}/codes`: one shared code, or `count` single-use codes. */
export type CodesCreate =
  | {
      mode: 'shared';
      /** Generated when missing. */
      code?: string;
      maxRedemptions?: number | null;
      startsAt?: string | null;
      stopsAt?: string | null;
    }
  | {
      mode: 'unique';
      /** 1 to 1000. */
      count: number;
      prefix?: string;
      startsAt?: string | null;
      stopsAt?: string | null;
    };

/** An automation a change fired, with the index of the op that fired it. */
export interface FiredAutomation {
  automationId: string;
  name: string;
  opIndex: number;
}

/** What redeeming a code did: `unchanged` when the user was already a member. */
export interface RedeemCodeResult {
  result: 'added' | 'unchanged';
  group: UserGroup;
  membership: Membership;
  automations: FiredAutomation[];
}

/** One op of a membership change and what it did. */
export interface AppliedOp {
  op: 'add' | 'remove';
  group: string;
  result: 'added' | 'removed' | 'unchanged';
}

/** `POST /v1/users/{userId}/membership-changes`: the ops in order, the memberships after, what fired. */
export interface MembershipChangeResult {
  applied: AppliedOp[];
  memberships: Membership[];
  automations: FiredAutomation[];
}

export type AutomationEvent = 'added_to' | 'removed_from';

export interface AutomationAction {
  type: 'email' | 'workflow';
  template: string;
}

/** Fires its action when a user is added to or removed from a group, given the other conditions. */
export interface Automation {
  id: string;
  name: string;
  trigger: {
    event: AutomationEvent;
    /** User group id. */
    groupId: string;
    /** User group ids the user must be in (after the op). */
    requireIn: string[];
    /** User group ids the user must not be in (after the op). */
    requireNotIn: string[];
  };
  action: AutomationAction;
  /** A disabled automation never fires; its earlier runs stay in the log. */
  enabled: boolean;
  createdAt: string;
  /** When it was last edited (`PATCH`); equal to `createdAt` until then. */
  updatedAt: string;
}

/** `POST /v1/automations`: groups by slug or id. */
export interface AutomationCreate {
  name: string;
  trigger: {
    event: AutomationEvent;
    group: string;
    requireIn?: string | string[];
    requireNotIn?: string | string[];
  };
  action: AutomationAction;
  /** @default true */
  enabled?: boolean;
}

/**
 * `PATCH /v1/automations/{id}`: the fields given change; `trigger` and `action`, when given,
 * are replaced whole (as on create).
 */
export type AutomationPatch = Partial<AutomationCreate>;

/**
 * What changed a membership and so fired a run:
 * - `user`: the user's own ordered changes (publishable key);
 * - `code`: a code redemption;
 * - `admin`: an admin write (ordered changes with the secret key, adding or removing members,
 *   deleting a group or a user);
 * - `sync`: a user upsert with `groups`/`memberships` (and `prune_memberships`);
 * - `rule`: an automatic group's rule set (a rule-set change, or a user's attributes, branch
 *   or status changing).
 */
export type AutomationOrigin = 'user' | 'code' | 'admin' | 'sync' | 'rule';

/** One firing of an automation. */
export interface AutomationRun {
  id: string;
  automationId: string;
  name: string;
  userId: string;
  groupId: string;
  event: AutomationEvent;
  /** The op's index, for a run fired by ordered changes (`user`, and `admin` ops); absent otherwise. */
  opIndex?: number;
  origin: AutomationOrigin;
  at: string;
}

/** A user as the admin API shows them. */
export interface AdminUser {
  id: string;
  firstname: string;
  lastname: string;
  email: string;
  username: string;
  branchId: string | null;
  status: UserStatus;
  attributes: Properties;
}

/** `GET /v1/users/{userId}`: a user and how each of their memberships came to be. */
export interface UserDetail {
  user: AdminUser;
  /** Oldest first; `source` says how each came to be (self, code, admin, rule). */
  memberships: Membership[];
}

/** `PUT /v1/users/{userId}`: the fields to set; `groups`/`memberships` add memberships. */
export interface UserUpsert {
  attributes?: Properties;
  firstname?: string;
  lastname?: string;
  email?: string;
  branchId?: string | null;
  status?: UserStatus;
  /** Groups (slug or id) to add the user to. */
  groups?: string[];
  /** As `groups`, with membership attributes. */
  memberships?: { group: string; attributes?: Properties }[];
  /** Remove the user from manual groups not listed in `groups`/`memberships`. */
  prune_memberships?: boolean;
}

export interface UserUpsertResult {
  user: AdminUser;
  memberships: Membership[];
  /** True when the user did not exist before (the server answered 201). */
  created: boolean;
  /** Slugs of the memberships `prune_memberships` removed. */
  pruned: string[];
}

/** `POST /v1/groups/identify`: creates or merges an account group. */
export interface IdentifyRequest {
  /** The account group's identifier (`acme`): letters, digits and `. _ : -`. */
  identifier: string;
  /**
   * Merged into the group's properties: new keys added, existing ones overwritten, a
   * top-level `null` removes its key. A publishable key may write only the project's
   * `clientWritableProperties`.
   * @default undefined (the group is created or touched, its properties unchanged)
   */
  properties?: Properties;
}

/** `GET /v1/project`: the project's settings. */
export interface ProjectSettings {
  /**
   * Top-level account-group properties a publishable key may write with identify (any
   * other refuses the write: 403 `property_not_writable`); `[]`: browsers write none. The
   * secret key writes any property.
   */
  clientWritableProperties: string[];
  /** Publishable requests must prove their user with `X-GroupKit-User-Hash`. */
  identityVerification: boolean;
}

/** `PATCH /v1/project`: the settings to change; those left out are kept. */
export type ProjectUpdate = Partial<ProjectSettings>;

export interface IdentifyResult {
  group: AccountGroup;
  created: boolean;
}

/**
 * What an operator (a person signed in to the dashboard) may do. Each role includes the
 * one before it: `support` finds users and adds or removes their manual memberships;
 * `admin` also manages groups, rule sets, codes, automations, audiences and the project;
 * `owner` also manages operators and API keys.
 */
export type OperatorRole = 'support' | 'admin' | 'owner';

/** A dashboard operator, as the admin API shows one (never with a password or its hash). */
export interface Operator {
  id: string;
  /** Lower-cased; unique in the project. */
  email: string;
  role: OperatorRole;
  createdAt: string;
  /** `null` until the operator first signs in. */
  lastSignInAt: string | null;
}

/**
 * `POST`/`GET /v1/operator-session`: who is signed in. The session itself travels in an
 * httpOnly cookie scripts cannot read; `csrfToken` goes back in `X-CSRF-Token` on every
 * request that changes something.
 */
export interface OperatorSession {
  operator: Operator;
  csrfToken: string;
  expiresAt: string;
}

/** `POST /v1/operators`: the new operator, and the one-time password when the server made one. */
export interface CreatedOperator {
  operator: Operator;
  /** Shown once: only its hash is kept. Absent when the request chose the password. */
  password?: string;
}

/**
 * Who made an audited change: an API key (server to server), a signed-in operator, or the
 * command line (`groupkit-server admins create`, `keys create`: whoever can reach the
 * database, so no one more precise).
 */
export type AuditActor =
  | { type: 'key'; keyId: string }
  | { type: 'operator'; operatorId: string; email: string }
  | { type: 'cli' };

/** One admin write, as the audit log keeps it (append-only). */
export interface AuditEntry {
  id: string;
  /** Orders the log: higher is later. `GET /v1/audit-log?before=<seq>` pages back. */
  seq: number;
  at: string;
  actor: AuditActor;
  /** The route (`POST /user-groups/:id/users`), or the command (`groupkit-server admins create`). */
  action: string;
  /** What the change was made to: `{ type: 'user_group', id: '<uuid>' }`. */
  target: { type: string; id: string | null };
  /** The request's JSON body (passwords redacted), or `null`. */
  request: unknown;
  /** The resource before the change (`null` when it did not exist). */
  before: unknown;
  /** The answer's JSON body, or `null` (a deletion). */
  after: unknown;
}

/** `GET /v1/audit-log`: newest first. */
export interface AuditLogPage {
  data: AuditEntry[];
  /** Pass as `?before=` for the next (older) page; `null` on the last page. */
  nextBefore: number | null;
}

/** `GET /v1/audit-log` filters. */
export interface AuditLogQuery {
  /** An operator id or email, an API key id, or `cli` (the command line). */
  actor?: string;
  /** `user_group`, `code`, `user`, `automation`, `project`, `operator`, `api_key`. */
  targetType?: string;
  targetId?: string;
  /** ISO date-times: entries at or after `from`, before `to`. */
  from?: string;
  to?: string;
  /** Entries with `seq` below this (the previous page's `nextBefore`). */
  before?: number;
  /** @default 50 (max 500) */
  limit?: number;
}

/** An API key as the admin API shows it: never the key itself, which exists in clear only once. */
export interface ApiKeyInfo {
  id: string;
  kind: 'publishable' | 'secret';
  /** The key's first 12 characters, to tell keys apart (`sk_live_abcd`). */
  prefix: string;
  createdAt: string;
}

/** `POST /v1/api-keys`: the new key, in clear this once (only its hash is kept). */
export interface CreatedApiKey {
  key: ApiKeyInfo;
  value: string;
}

/** Who a flow is for, as `<GroupGate>` decides: a member of some `include` group (or any user when empty) and of no `exclude` group. Groups by slug. */
export interface FlowTargeting {
  include: string[];
  exclude: string[];
}

/** A call to action on a content step. */
export interface FlowCallToAction {
  label: string;
  /** An absolute `https:` URL or a path on the app (`/settings`). */
  href: string;
}

/**
 * One step of a server-defined onboarding flow. `id` is stable across versions: progress
 * refers to it. The built-in kinds map to the SDK's step components.
 */
export type FlowStepDefinition =
  | { id: string; type: 'welcome'; title?: string; body?: string }
  | { id: string; type: 'choose_groups'; title?: string; groups: string[] }
  | { id: string; type: 'enter_code'; title?: string; group: string }
  | { id: string; type: 'content'; title: string; body: string; cta?: FlowCallToAction }
  | { id: string; type: 'done'; title?: string };

/** What a flow shows: its steps in order and whom it targets. */
export interface FlowContent {
  name: string;
  steps: FlowStepDefinition[];
  targeting: FlowTargeting;
}

/** A published, immutable version of a flow. */
export interface FlowVersion extends FlowContent {
  flowId: string;
  /** 1, 2, 3…: numbered as published. */
  version: number;
  publishedAt: string;
  /** Retired versions are served to nobody: their users move to the latest version. */
  retiredAt: string | null;
}

/** A flow as the admin API shows it: its editable draft and its published versions. */
export interface Flow {
  id: string;
  draft: FlowContent;
  /** Oldest first. */
  versions: FlowVersion[];
  /** The version new users get: the latest one not retired; `null` before the first publish. */
  currentVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export type FlowStatus = 'not_started' | 'in_progress' | 'completed' | 'dismissed';

/** Where a user is in a flow, on any device. */
export interface FlowProgress {
  flowId: string;
  /** The version the user started (they stay on it unless it is retired); `null` before they start. */
  version: number | null;
  status: FlowStatus;
  /** The step they are on; `null` before they start. */
  step: string | null;
  completedSteps: string[];
  updatedAt: string | null;
}

/** `GET /v1/users/{userId}/flows/{flowId}`: the version this user sees, and their progress. */
export interface UserFlow {
  /** `null`: the user is targeted out, or nothing is published. */
  flow: FlowVersion | null;
  progress: FlowProgress;
}

/** `PUT /v1/users/{userId}/flows/{flowId}`: the progress to keep (the whole record). */
export interface FlowProgressUpdate {
  version: number;
  status: Exclude<FlowStatus, 'not_started'>;
  step: string;
  completedSteps: string[];
}

/** `GET /v1/flows/{flowId}/funnel?version=`: how users went through one version. */
export interface FlowFunnel {
  flowId: string;
  version: number;
  started: number;
  /** Per step, in order: users who reached it, and who completed it. */
  steps: { id: string; reached: number; completed: number }[];
  completed: number;
  dismissed: number;
}
