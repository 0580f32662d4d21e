/**
 * The database schema: one schema for embedded PGlite and PostgreSQL 15.
 *
 * Every table is keyed by `project_id` first (tenancy; the tables can later be distributed
 * by project). `data` columns hold the mock engine's records exactly as JSON, so the engine
 * code runs unchanged on top of them. `seq` columns are identities: rows are loaded
 * `ORDER BY seq` to rebuild the engine's Maps in insertion order.
 *
 * Change it, then run `npm run db:generate -w @groupkit/server` to write a migration.
 */
import type { AccountGroup, AuditActor } from '@groupkit/client';
import type {
  AutomationRecord,
  AutomationRun,
  CodeRecord,
  ConditionsVersion,
  MembershipRecord,
  UserGroupRecord,
  UserRecord,
} from '@groupkit/mock-api';
import type { FlowProgressRecord, FlowRecord } from '@groupkit/mock-api/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A code as stored: its redemptions live in `code_redemptions`. */
export type StoredCodeRecord = Omit<CodeRecord, 'redemptions'>;

const projectId = () =>
  text('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' });

/** Insertion order: the engine relies on Map insertion order. */
const seq = () => bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity();

export const projects = pgTable('projects', {
  id: text('id').primaryKey(),
  identityVerification: boolean('identity_verification').notNull().default(false),
  /**
   * The key users' hashes are made with when identity verification is on
   * (hex(HMAC-SHA256(secret, userId)) in `X-GroupKit-User-Hash`). An HMAC key must be
   * readable to verify with, unlike API keys, which are stored as hashes only.
   */
  identitySecret: text('identity_secret'),
  /**
   * Top-level account-group properties a publishable key may write with identify (the
   * engine's `clientWritableProperties`); empty: browsers write none, only the secret key.
   */
  clientWritableProperties: text('client_writable_properties')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  nextLegacyId: integer('next_legacy_id').notNull().default(1001),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * Which state of the project's `user_groups` rows this is: a new random value whenever any
   * of them is inserted, updated or deleted (a trigger, migration 0012). A process keeps the
   * groups it last loaded under this value and reads them again only when it moved
   * (`state/groupCatalog.ts`). Random rather than counted, so a value never names two states,
   * even across a recreated project or a restored backup.
   */
  groupsVersion: uuid('groups_version').notNull().defaultRandom(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    projectId: projectId(),
    id: text('id').notNull(),
    kind: text('kind', { enum: ['publishable', 'secret'] }).notNull(),
    /** Hex SHA-256 of the key: keys themselves are never stored. */
    keyHash: text('key_hash').notNull(),
    /** The key's first characters, for display. */
    keyPrefix: text('key_prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'api_keys_pkey', columns: [t.projectId, t.id] }),
    uniqueIndex('api_keys_key_hash_idx').on(t.keyHash),
    check('api_keys_kind_check', sql`${t.kind} in ('publishable', 'secret')`),
  ],
);

export const accountGroups = pgTable(
  'account_groups',
  {
    projectId: projectId(),
    id: text('id').notNull(),
    data: jsonb('data').$type<AccountGroup>().notNull(),
    seq: seq(),
  },
  (t) => [primaryKey({ name: 'account_groups_pkey', columns: [t.projectId, t.id] })],
);

export const users = pgTable(
  'users',
  {
    projectId: projectId(),
    id: text('id').notNull(),
    data: jsonb('data').$type<UserRecord>().notNull(),
    seq: seq(),
  },
  (t) => [primaryKey({ name: 'users_pkey', columns: [t.projectId, t.id] })],
);

export const userGroups = pgTable(
  'user_groups',
  {
    projectId: projectId(),
    id: text('id').notNull(),
    slug: text('slug').notNull(),
    legacyId: integer('legacy_id').notNull(),
    data: jsonb('data').$type<UserGroupRecord>().notNull(),
    memberCount: integer('member_count').notNull().default(0),
    seq: seq(),
  },
  (t) => [
    primaryKey({ name: 'user_groups_pkey', columns: [t.projectId, t.id] }),
    unique('user_groups_project_slug_key').on(t.projectId, t.slug),
    unique('user_groups_project_legacy_id_key').on(t.projectId, t.legacyId),
  ],
);

/**
 * A group's member count is `user_groups.member_count` plus its shards' deltas. Writes add
 * their delta to one of `MEMBER_COUNT_SHARDS` rows (picked per request), not to the group's
 * row: with every change of a popular group updating that one row, each writer held its lock
 * until its COMMIT was on disk, and a group's changes went one at a time. A recalculation
 * (which holds its project alone) folds the shards back into `member_count`.
 */
export const memberCountShards = pgTable(
  'member_count_shards',
  {
    projectId: text('project_id').notNull(),
    groupId: text('group_id').notNull(),
    shard: integer('shard').notNull(),
    delta: integer('delta').notNull(),
  },
  (t) => [
    primaryKey({ name: 'member_count_shards_pkey', columns: [t.projectId, t.groupId, t.shard] }),
    foreignKey({
      name: 'member_count_shards_group_fkey',
      columns: [t.projectId, t.groupId],
      foreignColumns: [userGroups.projectId, userGroups.id],
    }).onDelete('cascade'),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    projectId: projectId(),
    userId: text('user_id').notNull(),
    groupId: text('group_id').notNull(),
    data: jsonb('data').$type<MembershipRecord>().notNull(),
    /**
     * The member's last and first names, copied from their user row by triggers (migration
     * 0010) and kept in step with it: the default member order (last name, first name, id)
     * reads one page of rows from an index instead of every member's user row.
     */
    lastname: text('lastname'),
    firstname: text('firstname'),
    /**
     * The member's email and username, copied the same way (migration 0011): every member
     * order and the member search read the memberships alone, never the group's user rows.
     */
    email: text('email'),
    username: text('username'),
    /** The member's user row exists: only then is the membership listed as a member. */
    hasUser: boolean('has_user').notNull().default(false),
    seq: seq(),
  },
  (t) => [
    primaryKey({ name: 'memberships_pkey', columns: [t.projectId, t.userId, t.groupId] }),
    index('memberships_group_seq_idx').on(t.projectId, t.groupId, t.seq),
    index('memberships_user_seq_idx').on(t.projectId, t.userId, t.seq),
    // The member order by last name, members only; it also counts a group's members without
    // reading a row. `desc` (the fields reversed, `seq` still ascending) scans it backward and
    // sorts only the rows tied on every field by `seq` (an incremental sort): a second index
    // the other way cost a 100,000-user recalculation about 0.2 s more.
    index('memberships_lastname_idx')
      .on(
        t.projectId,
        t.groupId,
        sql`${t.lastname} collate groupkit_text`,
        sql`${t.firstname} collate groupkit_text`,
        sql`${t.userId} collate groupkit_text`,
        t.seq,
      )
      .where(sql`${t.hasUser}`),
  ],
);

export const codes = pgTable(
  'codes',
  {
    projectId: projectId(),
    /** Trimmed, upper-cased code: what redemption looks up. */
    normalized: text('normalized').notNull(),
    id: text('id').notNull(),
    groupId: text('group_id').notNull(),
    data: jsonb('data').$type<StoredCodeRecord>().notNull(),
    /**
     * Rows of `code_redemptions` for this code, moved with each redemption written: a
     * redemption reads the count and the caller's own rows, not every row.
     */
    redemptionCount: integer('redemption_count').notNull().default(0),
    seq: seq(),
  },
  (t) => [
    primaryKey({ name: 'codes_pkey', columns: [t.projectId, t.normalized] }),
    unique('codes_project_id_key').on(t.projectId, t.id),
    index('codes_group_idx').on(t.projectId, t.groupId),
  ],
);

export const codeRedemptions = pgTable(
  'code_redemptions',
  {
    projectId: projectId(),
    codeId: text('code_id').notNull(),
    userId: text('user_id').notNull(),
    /** ISO string, as the engine gives it. */
    at: text('at').notNull(),
    seq: seq(),
  },
  (t) => [
    primaryKey({ name: 'code_redemptions_pkey', columns: [t.projectId, t.codeId, t.userId] }),
    index('code_redemptions_code_seq_idx').on(t.projectId, t.codeId, t.seq),
    // A redemption reads the caller's own redemptions (of any code).
    index('code_redemptions_user_idx').on(t.projectId, t.userId),
  ],
);

export const redeemFailures = pgTable(
  'redeem_failures',
  {
    projectId: projectId(),
    userId: text('user_id').notNull(),
    /** Times (epoch ms) of failed redemptions, for the brute-force lockout. */
    times: jsonb('times').$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ name: 'redeem_failures_pkey', columns: [t.projectId, t.userId] })],
);

export const automations = pgTable(
  'automations',
  {
    projectId: projectId(),
    id: text('id').notNull(),
    data: jsonb('data').$type<AutomationRecord>().notNull(),
    seq: seq(),
  },
  (t) => [primaryKey({ name: 'automations_pkey', columns: [t.projectId, t.id] })],
);

export const automationRuns = pgTable(
  'automation_runs',
  {
    projectId: projectId(),
    id: text('id').notNull(),
    userId: text('user_id').notNull(),
    data: jsonb('data').$type<AutomationRun>().notNull(),
    seq: seq(),
  },
  (t) => [
    primaryKey({ name: 'automation_runs_pkey', columns: [t.projectId, t.id] }),
    index('automation_runs_seq_idx').on(t.projectId, t.seq),
    index('automation_runs_user_seq_idx').on(t.projectId, t.userId, t.seq),
  ],
);

export const conditionsHistory = pgTable(
  'conditions_history',
  {
    projectId: projectId(),
    groupId: text('group_id').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').$type<ConditionsVersion>().notNull(),
  },
  (t) => [
    primaryKey({
      name: 'conditions_history_pkey',
      columns: [t.projectId, t.groupId, t.version],
    }),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    projectId: projectId(),
    /** `${scope}:${userId}:${key}`. */
    slot: text('slot').notNull(),
    /** Fingerprint of the request body: the same key with another body is refused. */
    fingerprint: text('fingerprint').notNull(),
    /** Epoch ms. */
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    response: jsonb('response').$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ name: 'idempotency_keys_pkey', columns: [t.projectId, t.slot] })],
);

/**
 * Dashboard operators: people who sign in with an email and password. The email is stored
 * lower-cased (what sign-in compares); the password only as a hash (scrypt, or the PBKDF2
 * of seeded demo operators).
 */
export const operators = pgTable(
  'operators',
  {
    projectId: projectId(),
    id: text('id').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: ['support', 'admin', 'owner'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    seq: seq(),
  },
  (t) => [
    primaryKey({ name: 'operators_pkey', columns: [t.projectId, t.id] }),
    unique('operators_project_email_key').on(t.projectId, t.email),
    check('operators_role_check', sql`${t.role} in ('support', 'admin', 'owner')`),
    check('operators_email_lower_check', sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * Signed-in sessions, by the SHA-256 of their token (the token itself lives only in the
 * browser's httpOnly cookie). A cookie names no project: the token hash finds it. An
 * operator's sessions go with the operator.
 */
export const operatorSessions = pgTable(
  'operator_sessions',
  {
    projectId: projectId(),
    /** Hex SHA-256 of the session token. */
    tokenHash: text('token_hash').primaryKey(),
    operatorId: text('operator_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({
      name: 'operator_sessions_operator_fkey',
      columns: [t.projectId, t.operatorId],
      foreignColumns: [operators.projectId, operators.id],
    }).onDelete('cascade'),
    index('operator_sessions_operator_idx').on(t.projectId, t.operatorId, t.expiresAt),
  ],
);

export const signInFailures = pgTable(
  'sign_in_failures',
  {
    projectId: projectId(),
    /** Lower-cased, as sign-in compares it. */
    email: text('email').notNull(),
    /** Times (epoch ms) of failed sign-ins, for the lockout. */
    times: jsonb('times').$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ name: 'sign_in_failures_pkey', columns: [t.projectId, t.email] })],
);

/**
 * Every admin write (by the secret key or an operator), appended in the write's own
 * transaction. Append-only: a trigger refuses UPDATE, and DELETE but of a deleted
 * project's rows (migration 0005). `seq` orders and pages the log.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    projectId: projectId(),
    seq: seq(),
    id: text('id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: jsonb('actor').$type<AuditActor>().notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    request: jsonb('request').$type<unknown>(),
    before: jsonb('before').$type<unknown>(),
    after: jsonb('after').$type<unknown>(),
  },
  (t) => [
    // Scanned backwards too: the newest page first is this index read from its end.
    primaryKey({ name: 'audit_log_pkey', columns: [t.projectId, t.seq] }),
    index('audit_log_target_idx').on(t.projectId, t.targetType, t.targetId, t.seq),
    index('audit_log_actor_id_idx').on(
      t.projectId,
      sql`coalesce(${t.actor}->>'keyId', ${t.actor}->>'operatorId')`,
      t.seq,
    ),
    index('audit_log_actor_email_idx').on(t.projectId, sql`(${t.actor}->>'email')`, t.seq),
  ],
);

/**
 * Onboarding flows: the engine's record (draft and every published version) as JSON. A
 * version is immutable once published; the record only grows.
 */
export const flows = pgTable(
  'flows',
  {
    projectId: projectId(),
    id: text('id').notNull(),
    data: jsonb('data').$type<FlowRecord>().notNull(),
    seq: seq(),
  },
  (t) => [primaryKey({ name: 'flows_pkey', columns: [t.projectId, t.id] })],
);

/**
 * Each user's progress through each flow. It goes with its flow (the foreign key), and the
 * engine drops a deleted user's records itself, as it does in memory.
 */
export const flowProgress = pgTable(
  'flow_progress',
  {
    projectId: projectId(),
    userId: text('user_id').notNull(),
    flowId: text('flow_id').notNull(),
    data: jsonb('data').$type<FlowProgressRecord>().notNull(),
    seq: seq(),
  },
  (t) => [
    primaryKey({ name: 'flow_progress_pkey', columns: [t.projectId, t.userId, t.flowId] }),
    foreignKey({
      name: 'flow_progress_flow_fkey',
      columns: [t.projectId, t.flowId],
      foreignColumns: [flows.projectId, flows.id],
    }).onDelete('cascade'),
    // A funnel reads one flow's records.
    index('flow_progress_flow_idx').on(t.projectId, t.flowId, t.seq),
  ],
);

/** Every table, by SQL name. */
export const tablesByName = {
  flow_progress: flowProgress,
  flows: flows,
  audit_log: auditLog,
  operator_sessions: operatorSessions,
  operators: operators,
  sign_in_failures: signInFailures,
  idempotency_keys: idempotencyKeys,
  conditions_history: conditionsHistory,
  automation_runs: automationRuns,
  automations: automations,
  redeem_failures: redeemFailures,
  code_redemptions: codeRedemptions,
  codes: codes,
  memberships: memberships,
  member_count_shards: memberCountShards,
  user_groups: userGroups,
  users: users,
  account_groups: accountGroups,
  api_keys: apiKeys,
  projects: projects,
} as const;

export type TableName = keyof typeof tablesByName;

/** Every table's SQL name, in an order safe for deleting (children first, `projects` last). */
export const tableNames = Object.keys(tablesByName) as TableName[];
