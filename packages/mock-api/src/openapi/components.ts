import { ERROR_STATUS } from '../engine/errors';
import {
  anyObject,
  arrayOf,
  boolean,
  dateTime,
  enumOf,
  integer,
  nullable,
  object,
  page,
  ref,
  type Schema,
  string,
} from './schema';

/** What `POST /v1/automations` takes, and `PATCH` (every field optional there). */
const automationWrite = {
  name: string(),
  trigger: object(
    {
      event: enumOf(['added_to', 'removed_from']),
      group: string(),
      requireIn: { oneOf: [string(), arrayOf(string())] },
      requireNotIn: { oneOf: [string(), arrayOf(string())] },
    },
    ['requireIn', 'requireNotIn'],
  ),
  action: object({ type: enumOf(['email', 'workflow']), template: string() }),
  enabled: boolean,
};

const ruleOps = ['eq', 'neq', 'contains', 'starts_with', 'gt', 'lt', 'in', 'exists'] as const;

/** The contract's shapes, named once and referenced from every operation. */
export const componentSchemas: Record<string, Schema> = {
  Error: object({
    error: object({
      code: enumOf(Object.keys(ERROR_STATUS)),
      message: string(),
      details: anyObject,
    }),
  }),
  AccountGroup: object({
    id: string(),
    name: string(),
    properties: anyObject,
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  Rule: {
    oneOf: [
      object({
        id: string(),
        type: enumOf(['attribute']),
        payload: object({ field: string(), op: enumOf(ruleOps), value: {} }, ['value']),
      }),
      object({
        id: string(),
        type: enumOf(['branch']),
        payload: object({ branchIds: arrayOf(string()) }),
      }),
      object({
        id: string(),
        type: enumOf(['status']),
        payload: object({ status: enumOf(['active', 'inactive', 'pending']) }),
      }),
    ],
  },
  RuleSet: object({
    operator: enumOf(['AND', 'OR']),
    sets: arrayOf(object({ id: string(), rules: arrayOf(ref('Rule')) }), { maxItems: 10 }),
  }),
  UserGroup: object({
    id: string({ format: 'uuid' }),
    legacyId: integer(),
    slug: string(),
    name: string(),
    description: string(),
    type: enumOf(['manual', 'automatic']),
    joinType: enumOf(['open', 'code', null]),
    userViewable: boolean,
    allowLeave: boolean,
    startsAt: nullable(dateTime),
    stopsAt: nullable(dateTime),
    order: integer(),
    ruleset: nullable(ref('RuleSet')),
    createdAt: dateTime,
    updatedAt: dateTime,
    status: enumOf(['scheduled', 'active', 'ended']),
    memberCount: integer({ minimum: 0 }),
  }),
  UserGroupPage: page(ref('UserGroup')),
  UserGroupWrite: {
    type: 'object',
    description:
      'Create: slug and name are required; type is manual unless given. Update: any subset (type cannot change).',
    properties: {
      slug: string({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
      name: string({ minLength: 1, maxLength: 200 }),
      description: string({ maxLength: 2000 }),
      type: enumOf(['manual', 'automatic']),
      joinType: enumOf(['open', 'code', null]),
      userViewable: boolean,
      allowLeave: boolean,
      startsAt: nullable(dateTime),
      stopsAt: nullable(dateTime),
      order: integer(),
      ruleset: nullable(ref('RuleSetInput')),
    },
    additionalProperties: false,
  },
  RuleSetInput: {
    type: 'object',
    description:
      'At most 10 sets and 10 rules in total; set and rule ids are assigned when missing.',
    properties: {
      operator: enumOf(['AND', 'OR']),
      sets: arrayOf(
        {
          type: 'object',
          properties: {
            id: string(),
            // A rule as `Rule`, its id optional: checked as input (typed errors), not here.
            rules: arrayOf({
              type: 'object',
              properties: { id: string(), type: string(), payload: anyObject },
              required: ['type', 'payload'],
            }),
          },
          required: ['rules'],
        },
        { maxItems: 10 },
      ),
    },
    required: ['operator', 'sets'],
  },
  ConditionsVersion: object(
    {
      version: integer({ minimum: 1 }),
      ruleset: ref('RuleSet'),
      changedAt: dateTime,
      populationBefore: integer({ minimum: 0 }),
      populationAfter: integer({ minimum: 0 }),
      changedBy: ref('AuditActor'),
    },
    ['changedBy'],
  ),
  LegacyId: object({ id: string({ format: 'uuid' }), legacyId: integer() }),
  GroupMember: object({
    id: string(),
    userid: string(),
    firstname: string(),
    lastname: string(),
    email: string(),
    branchId: nullable(string()),
    status: enumOf(['active', 'inactive', 'pending']),
    joinedAt: dateTime,
    source: enumOf(['self', 'code', 'admin', 'rule']),
  }),
  GroupMemberPage: page(ref('GroupMember')),
  MembersAdd: object(
    { user_ids: arrayOf(string()), branch_ids: arrayOf(string()), group_ids: arrayOf(string()) },
    ['user_ids', 'branch_ids', 'group_ids'],
  ),
  MembersAdded: object({
    added: integer({ minimum: 0 }),
    unchanged: integer({ minimum: 0 }),
    memberCount: integer({ minimum: 0 }),
  }),
  MembersRemove: {
    oneOf: [
      object({ user_ids: arrayOf(string()) }),
      object({ user_all: { const: true } }),
      object({ user_filters: object({ search: string({ minLength: 1 }) }) }),
    ],
  },
  MembersRemoved: object({
    removed: integer({ minimum: 0 }),
    memberCount: integer({ minimum: 0 }),
  }),
  CodeView: object({
    id: string(),
    groupId: string(),
    code: string(),
    mode: enumOf(['shared', 'unique']),
    maxRedemptions: nullable(integer({ minimum: 1 })),
    redemptionCount: integer({ minimum: 0 }),
    startsAt: nullable(dateTime),
    stopsAt: nullable(dateTime),
    status: enumOf(['scheduled', 'active', 'expired', 'used_up', 'revoked']),
    active: boolean,
    createdAt: dateTime,
  }),
  Warning: object({ code: string(), message: string(), details: anyObject }),
  CodesCreated: object({ data: arrayOf(ref('CodeView')), warnings: arrayOf(ref('Warning')) }),
  CodeUpdate: {
    type: 'object',
    description:
      'Any of these. active: false revokes the code (410 code_revoked), true turns it back on. maxRedemptions: shared codes only.',
    properties: {
      active: boolean,
      startsAt: nullable(dateTime),
      stopsAt: nullable(dateTime),
      maxRedemptions: nullable(integer({ minimum: 1 })),
    },
    additionalProperties: false,
  },
  CodeUpdated: object({ code: ref('CodeView'), warnings: arrayOf(ref('Warning')) }),
  CodeRedemptionPage: page(object({ userId: string(), at: dateTime })),
  CodesCreate: {
    oneOf: [
      object(
        {
          mode: enumOf(['shared']),
          code: string(),
          maxRedemptions: nullable(integer({ minimum: 1 })),
          startsAt: nullable(dateTime),
          stopsAt: nullable(dateTime),
        },
        ['code', 'maxRedemptions', 'startsAt', 'stopsAt'],
      ),
      object(
        {
          mode: enumOf(['unique']),
          count: integer({ minimum: 1, maximum: 1000 }),
          prefix: string({ maxLength: 20 }),
          startsAt: nullable(dateTime),
          stopsAt: nullable(dateTime),
        },
        ['prefix', 'startsAt', 'stopsAt'],
      ),
    ],
  },
  RedeemCodeRequest: object({ code: string(), group: string() }, ['group']),
  RedeemCodeResult: object({
    result: enumOf(['added', 'unchanged']),
    group: ref('UserGroup'),
    membership: ref('Membership'),
    automations: arrayOf(ref('FiredAutomation')),
  }),
  Membership: object({
    groupId: string(),
    slug: string(),
    name: string(),
    joinedAt: dateTime,
    source: enumOf(['self', 'code', 'admin', 'rule']),
    attributes: anyObject,
  }),
  Session: object({
    user: object({ id: string(), firstname: string(), lastname: string(), attributes: anyObject }),
    group: nullable(ref('AccountGroup')),
    memberships: arrayOf(ref('Membership')),
    userGroups: arrayOf(ref('UserGroup')),
  }),
  ChangeOp: object({ op: enumOf(['add', 'remove']), group: string() }),
  MembershipChangeRequest: object(
    {
      changes: {
        oneOf: [string({ examples: ['-pro,+plus'] }), arrayOf(ref('ChangeOp'), { minItems: 1 })],
      },
      dryRun: boolean,
    },
    ['dryRun'],
  ),
  FiredAutomation: object({
    automationId: string(),
    name: string(),
    opIndex: integer({ minimum: 0 }),
  }),
  MembershipChangeResult: object({
    applied: arrayOf(
      object({
        op: enumOf(['add', 'remove']),
        group: string(),
        result: enumOf(['added', 'removed', 'unchanged']),
      }),
    ),
    memberships: arrayOf(ref('Membership')),
    automations: arrayOf(ref('FiredAutomation')),
  }),
  Automation: object({
    id: string(),
    name: string(),
    trigger: object({
      event: enumOf(['added_to', 'removed_from']),
      groupId: string(),
      requireIn: arrayOf(string()),
      requireNotIn: arrayOf(string()),
    }),
    action: object({ type: enumOf(['email', 'workflow']), template: string() }),
    enabled: boolean,
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  AutomationCreate: object(automationWrite, ['enabled']),
  AutomationPatch: object(automationWrite, ['name', 'trigger', 'action', 'enabled']),
  AdminUser: object({
    id: string(),
    firstname: string(),
    lastname: string(),
    email: string(),
    username: string(),
    branchId: nullable(string()),
    status: enumOf(['active', 'inactive', 'pending']),
    attributes: anyObject,
  }),
  AdminUserPage: page(ref('AdminUser')),
  UserDetail: object({ user: ref('AdminUser'), memberships: arrayOf(ref('Membership')) }),
  AudienceRequest: {
    type: 'object',
    description:
      'Members of some include group (everyone when include is empty) and of no exclude group; groups by slug (any case) or id, at most 50 a side.',
    properties: {
      include: arrayOf(string({ minLength: 1 }), { maxItems: 50 }),
      exclude: arrayOf(string({ minLength: 1 }), { maxItems: 50 }),
      page: integer({ minimum: 1 }),
      page_size: integer({ minimum: 1, maximum: 200 }),
    },
    additionalProperties: false,
  },
  UserUpsertRequest: object(
    {
      attributes: anyObject,
      firstname: string(),
      lastname: string(),
      email: string(),
      branchId: nullable(string()),
      status: enumOf(['active', 'inactive', 'pending']),
      groups: arrayOf(string()),
      memberships: arrayOf(object({ group: string(), attributes: anyObject }, ['attributes'])),
      prune_memberships: boolean,
    },
    [
      'attributes',
      'firstname',
      'lastname',
      'email',
      'branchId',
      'status',
      'groups',
      'memberships',
      'prune_memberships',
    ],
  ),
  UserUpsertResult: object({
    user: ref('AdminUser'),
    memberships: arrayOf(ref('Membership')),
    created: boolean,
    pruned: arrayOf(string()),
  }),
  IdentifyRequest: object({ identifier: string(), properties: anyObject }, ['properties']),
  Project: object({
    clientWritableProperties: arrayOf(string({ minLength: 1, maxLength: 100 }), {
      maxItems: 100,
      uniqueItems: true,
    }),
    identityVerification: boolean,
  }),
  ProjectUpdate: {
    type: 'object',
    description:
      'Any of these; the others are kept. clientWritableProperties: the top-level account-group properties a publishable key may write with identify (at most 100 unique names of 1..100 characters; [] for none).',
    properties: {
      clientWritableProperties: arrayOf(string({ minLength: 1, maxLength: 100 }), {
        maxItems: 100,
        uniqueItems: true,
      }),
      identityVerification: boolean,
    },
    additionalProperties: false,
  },
  IdentifyResult: object({ group: ref('AccountGroup'), created: boolean }),
  AutomationRun: object(
    {
      id: string(),
      automationId: string(),
      name: string(),
      userId: string(),
      groupId: string(),
      event: enumOf(['added_to', 'removed_from']),
      opIndex: integer({ minimum: 0 }),
      origin: enumOf(['user', 'code', 'admin', 'sync', 'rule']),
      at: dateTime,
    },
    ['opIndex'],
  ),
  Operator: object({
    id: string(),
    email: string({ format: 'email' }),
    role: enumOf(['support', 'admin', 'owner']),
    createdAt: dateTime,
    lastSignInAt: nullable(dateTime),
  }),
  OperatorList: object({ data: arrayOf(ref('Operator')) }),
  SignIn: object(
    {
      email: string({ format: 'email' }),
      password: string(),
      project: string({
        description: 'The project id; only needed when the server holds several.',
      }),
    },
    ['project'],
  ),
  OperatorSession: object({
    operator: ref('Operator'),
    csrfToken: string({ description: 'Send it back as X-CSRF-Token on every request but GET.' }),
    expiresAt: dateTime,
  }),
  OperatorCreate: object(
    {
      email: string({ format: 'email' }),
      role: enumOf(['support', 'admin', 'owner']),
      password: string({ minLength: 12, maxLength: 200 }),
    },
    ['password'],
  ),
  OperatorCreated: object(
    {
      operator: ref('Operator'),
      password: string({
        description: 'Generated, shown once (absent when the request chose one).',
      }),
    },
    ['password'],
  ),
  OperatorPatch: object(
    {
      role: enumOf(['support', 'admin', 'owner']),
      password: string({ minLength: 12, maxLength: 200 }),
    },
    ['role', 'password'],
  ),
  FlowTargeting: object({
    include: arrayOf(string(), { maxItems: 50 }),
    exclude: arrayOf(string(), { maxItems: 50 }),
  }),
  FlowStep: {
    oneOf: [
      object({ id: string(), type: enumOf(['welcome']), title: string(), body: string() }, [
        'title',
        'body',
      ]),
      object(
        {
          id: string(),
          type: enumOf(['choose_groups']),
          title: string(),
          groups: arrayOf(string()),
        },
        ['title'],
      ),
      object({ id: string(), type: enumOf(['enter_code']), title: string(), group: string() }, [
        'title',
      ]),
      object(
        {
          id: string(),
          type: enumOf(['content']),
          title: string(),
          body: string(),
          cta: object({ label: string(), href: string() }),
        },
        ['cta'],
      ),
      object({ id: string(), type: enumOf(['done']), title: string() }, ['title']),
    ],
  },
  FlowContent: object({
    name: string(),
    steps: arrayOf(ref('FlowStep'), { minItems: 1, maxItems: 20 }),
    targeting: ref('FlowTargeting'),
  }),
  FlowVersion: object({
    flowId: string(),
    version: integer({ minimum: 1 }),
    name: string(),
    steps: arrayOf(ref('FlowStep')),
    targeting: ref('FlowTargeting'),
    publishedAt: dateTime,
    retiredAt: nullable(dateTime),
  }),
  Flow: object({
    id: string(),
    draft: ref('FlowContent'),
    versions: arrayOf(ref('FlowVersion')),
    currentVersion: nullable(integer({ minimum: 1 })),
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  FlowList: object({ data: arrayOf(ref('Flow')) }),
  FlowCreate: object(
    {
      id: string({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' }),
      name: string(),
      steps: arrayOf(ref('FlowStep'), { minItems: 1, maxItems: 20 }),
      targeting: object({ include: arrayOf(string()), exclude: arrayOf(string()) }, [
        'include',
        'exclude',
      ]),
    },
    ['targeting'],
  ),
  FlowDraftPatch: object(
    {
      name: string(),
      steps: arrayOf(ref('FlowStep'), { minItems: 1, maxItems: 20 }),
      targeting: object({ include: arrayOf(string()), exclude: arrayOf(string()) }, [
        'include',
        'exclude',
      ]),
    },
    ['name', 'steps', 'targeting'],
  ),
  FlowProgress: object({
    flowId: string(),
    version: nullable(integer({ minimum: 1 })),
    status: enumOf(['not_started', 'in_progress', 'completed', 'dismissed']),
    step: nullable(string()),
    completedSteps: arrayOf(string()),
    updatedAt: nullable(dateTime),
  }),
  UserFlow: object({ flow: nullable(ref('FlowVersion')), progress: ref('FlowProgress') }),
  FlowProgressUpdate: object({
    version: integer({ minimum: 1 }),
    status: enumOf(['in_progress', 'completed', 'dismissed']),
    step: string(),
    completedSteps: arrayOf(string()),
  }),
  FlowFunnel: object({
    flowId: string(),
    version: integer({ minimum: 1 }),
    started: integer({ minimum: 0 }),
    steps: arrayOf(
      object({
        id: string(),
        reached: integer({ minimum: 0 }),
        completed: integer({ minimum: 0 }),
      }),
    ),
    completed: integer({ minimum: 0 }),
    dismissed: integer({ minimum: 0 }),
  }),
  ApiKey: object({
    id: string(),
    kind: enumOf(['publishable', 'secret']),
    prefix: string({ description: 'The first 12 characters, to tell keys apart.' }),
    createdAt: dateTime,
  }),
  ApiKeyList: object({ data: arrayOf(ref('ApiKey')) }),
  ApiKeyCreate: object({ kind: enumOf(['publishable', 'secret']) }),
  ApiKeyCreated: object({
    key: ref('ApiKey'),
    value: string({ description: 'The key, shown this once: only its hash is kept.' }),
  }),
  AuditActor: {
    oneOf: [
      object({ type: enumOf(['key']), keyId: string() }),
      object({ type: enumOf(['operator']), operatorId: string(), email: string() }),
      {
        ...object({ type: enumOf(['cli']) }),
        description:
          'The command line (`groupkit-server admins create`, `keys create`): whoever can reach the database.',
      },
    ],
  },
  AuditEntry: object({
    id: string(),
    seq: integer({ minimum: 1 }),
    at: dateTime,
    actor: ref('AuditActor'),
    action: string({
      description:
        'The route (`POST /user-groups/:id/users`), or the command (`groupkit-server admins create`).',
    }),
    target: object({ type: string(), id: nullable(string()) }),
    request: {},
    before: {},
    after: {},
  }),
  AuditLogPage: object({
    data: arrayOf(ref('AuditEntry')),
    nextBefore: nullable(integer({ minimum: 1 })),
  }),
};
