import { apiRoutes } from '../api/routes';
import { AUDIT_PAGE } from '../engine/auditLog';
import { PAGE_SIZE } from '../engine/validate';
import { componentSchemas } from './components';
import { operation } from './operation';
import { arrayOf, enumOf, object, ref, string } from './schema';

const userId = { userId: 'The user (a publishable key acts for this user only).' };
const userGroup = { idOrSlug: 'User group uuid or slug.' };
const dataOf = (name: string) => object({ data: arrayOf(ref(name)) });
const groupId = { id: 'User group uuid or slug.' };
const automationId = { automationId: 'The automation’s id.' };
const flowId = { flowId: 'The flow’s id.' };
const paging = {
  page: ['Page, from 1.', string()] as [string, ReturnType<typeof string>],
  page_size: [`Items per page (default ${PAGE_SIZE.default}, max ${PAGE_SIZE.max}).`, string()] as [
    string,
    ReturnType<typeof string>,
  ],
  sort_dir: ['asc or desc.', enumOf(['asc', 'desc'])] as [string, ReturnType<typeof enumOf>],
  search_text: ['Case-insensitive search.', string()] as [string, ReturnType<typeof string>],
};
const csvSwitch = (what: string): [string, ReturnType<typeof string>] => [
  `Include the ${what} column (true|false|1|0, default true).`,
  string(),
];

/** The groups API as OpenAPI 3.1. `openapi.json` is generated from this (see openapi.test.ts). */
export function buildOpenApiDocument() {
  const document = buildDocument();
  annotateRoles(document.paths);
  return document;
}

const templateOf = (path: string) => path.replace(/:[^/]+|\{[^}]+\}/g, '{}');

/**
 * `x-groupkit-role`: the least operator role each operation needs, read from the route
 * list itself (one rule in one place), on every operation an operator may call.
 */
function annotateRoles(paths: Record<string, unknown>) {
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(
      operations as Record<string, { security: unknown[] }>,
    )) {
      const route = apiRoutes.find(
        (r) => r.method === method.toUpperCase() && templateOf(`/v1${r.path}`) === templateOf(path),
      );
      if (!route) throw new Error(`openapi: no route answers ${method.toUpperCase()} ${path}`);
      if (route.access === 'public') continue;
      Object.assign(op, { 'x-groupkit-role': route.role ?? 'admin' });
    }
  }
}

function buildDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'GroupKit groups API',
      version: '1.0.0',
      description:
        'Account groups, user groups, memberships, codes and automations. Errors are `{"error":{"code","message","details"}}`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'https://api.groupkit.dev' }],
    components: {
      securitySchemes: {
        publishableKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'pk_...: browsers; acts for the user in the path.',
        },
        secretKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'sk_...: servers only; admin endpoints.',
        },
        operatorSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'groupkit_session',
          description:
            'A signed-in operator (the dashboard): the httpOnly cookie POST /v1/operator-session sets. Requests other than GET must also send the session’s csrfToken as X-CSRF-Token. `x-groupkit-role` on an operation names the least role it needs.',
        },
      },
      schemas: componentSchemas,
    },
    paths: {
      '/v1/session': {
        get: operation({
          operationId: 'getSession',
          errors: ['identity_unverified', 'group_not_found', 'user_not_found'],
          summary: 'Everything a provider needs on mount, in one round trip',
          tag: 'session',
          security: 'any',
          query: {
            userId: ['The signed-in user.', string(), true],
            groupId: ['The account group to include.', string()],
          },
          responses: { 200: ref('Session') },
        }),
      },
      '/v1/groups/identify': {
        post: operation({
          operationId: 'identifyGroup',
          errors: ['identity_unverified', 'property_not_writable', 'group_not_found'],
          summary:
            "Upsert an account group: create it, or merge its properties (a publishable key: an existing group's client-writable properties only)",
          tag: 'account groups',
          security: 'any',
          query: {
            userId: [
              'The signed-in user writing: with identity verification on, a publishable key needs it, and their X-GroupKit-User-Hash.',
              string(),
            ],
          },
          body: ref('IdentifyRequest'),
          responses: { 200: ref('IdentifyResult') },
        }),
      },
      '/v1/groups/{groupId}': {
        get: operation({
          operationId: 'getGroup',
          errors: ['group_not_found'],
          summary: 'An account group and its properties',
          tag: 'account groups',
          security: 'any',
          path: { groupId: 'Account group identifier.' },
          responses: { 200: ref('AccountGroup') },
        }),
      },
      '/v1/users': {
        get: operation({
          operationId: 'listUsers',
          summary: 'Every user, searched by name, email or id, sorted and paged (support desk)',
          tag: 'users',
          security: 'secret',
          query: {
            sort_attr: [
              'id, username, firstname, lastname (default) or email.',
              enumOf(['id', 'username', 'firstname', 'lastname', 'email']),
            ],
            ...paging,
          },
          responses: { 200: ref('AdminUserPage') },
        }),
      },
      '/v1/users/{userId}': {
        get: operation({
          operationId: 'getUser',
          errors: ['user_not_found'],
          summary: 'A user and their memberships, each with how it came to be (source)',
          tag: 'users',
          security: 'secret',
          path: userId,
          responses: { 200: ref('UserDetail') },
        }),
        put: operation({
          operationId: 'upsertUser',
          errors: ['user_group_not_found', 'user_not_found', 'group_is_automatic'],
          summary: 'Upsert or update a user, with memberships and optional prune',
          tag: 'users',
          security: 'secret',
          path: userId,
          query: {
            mode: [
              'upsert (default) or update (404 for a missing user).',
              enumOf(['upsert', 'update']),
            ],
          },
          body: ref('UserUpsertRequest'),
          responses: { 200: ref('UserUpsertResult'), 201: ref('UserUpsertResult') },
        }),
        delete: operation({
          operationId: 'deleteUser',
          errors: ['user_not_found'],
          summary:
            'Delete a user with their memberships (removed_from automations fire, origin admin)',
          tag: 'users',
          security: 'secret',
          path: userId,
          responses: { 204: null },
        }),
      },
      '/v1/users/{userId}/memberships': {
        get: operation({
          operationId: 'listMemberships',
          errors: ['identity_unverified', 'user_not_found'],
          summary: "The user's memberships",
          tag: 'memberships',
          security: 'any',
          path: userId,
          responses: { 200: dataOf('Membership') },
        }),
      },
      '/v1/users/{userId}/membership-changes': {
        post: operation({
          operationId: 'changeMemberships',
          errors: [
            'invalid_change',
            'identity_unverified',
            'group_not_joinable',
            'user_group_not_found',
            'user_not_found',
            'group_is_automatic',
            'group_not_active',
            'leave_not_allowed',
            'idempotency_key_reused',
          ],
          summary: 'Ordered, atomic membership changes (optionally a dry run)',
          tag: 'memberships',
          security: 'any',
          path: userId,
          body: ref('MembershipChangeRequest'),
          responses: { 200: ref('MembershipChangeResult') },
        }),
      },
      '/v1/users/{userId}/redeem-code': {
        post: operation({
          operationId: 'redeemCode',
          errors: [
            'code_malformed',
            'identity_unverified',
            'code_invalid',
            'user_not_found',
            'code_already_used',
            'code_not_yet_active',
            'group_not_active',
            'code_expired',
            'code_revoked',
            'too_many_attempts',
          ],
          summary:
            'Redeem a code (trimmed, case-insensitive); 429 with Retry-After after 5 failures in 10 minutes',
          tag: 'codes',
          security: 'any',
          path: userId,
          body: ref('RedeemCodeRequest'),
          responses: { 200: ref('RedeemCodeResult') },
        }),
      },
      '/v1/user-groups': {
        get: operation({
          operationId: 'listUserGroups',
          summary: 'The directory (publishable) or every group (secret)',
          tag: 'user groups',
          security: 'any',
          query: {
            include: [
              '`scheduled` to add groups whose window has not opened.',
              enumOf(['scheduled']),
            ],
            sort_attr: [
              'Secret key: name, description or slug.',
              enumOf(['name', 'description', 'slug']),
            ],
            ...paging,
          },
          responses: { 200: ref('UserGroupPage') },
        }),
        post: operation({
          operationId: 'createUserGroup',
          errors: ['ruleset_too_large', 'slug_taken'],
          summary: 'Create a user group (automatic ones are populated from their rule set)',
          tag: 'user groups',
          security: 'secret',
          body: ref('UserGroupWrite'),
          responses: { 201: ref('UserGroup') },
        }),
      },
      '/v1/legacy-user-groups/{legacyId}': {
        get: operation({
          operationId: 'getUserGroupByLegacyId',
          errors: ['user_group_not_found'],
          summary: 'A user group by its legacy integer id',
          tag: 'user groups',
          security: 'secret',
          path: { legacyId: 'Legacy integer id.' },
          responses: { 200: ref('UserGroup') },
        }),
      },
      '/v1/user-groups/{idOrSlug}': {
        get: operation({
          operationId: 'getUserGroup',
          errors: ['user_group_not_found'],
          summary: 'One user group (a publishable key sees viewable groups only)',
          tag: 'user groups',
          security: 'any',
          path: userGroup,
          responses: { 200: ref('UserGroup') },
        }),
        put: operation({
          operationId: 'updateUserGroup',
          errors: ['ruleset_too_large', 'user_group_not_found', 'slug_taken'],
          summary:
            'Update a user group; a new rule set repopulates it (members who still match keep joinedAt)',
          tag: 'user groups',
          security: 'secret',
          path: userGroup,
          body: ref('UserGroupWrite'),
          responses: { 200: ref('UserGroup') },
        }),
        delete: operation({
          operationId: 'deleteUserGroup',
          errors: ['user_group_not_found'],
          summary:
            'Delete a user group with its memberships (removed_from automations fire), codes and automations',
          tag: 'user groups',
          security: 'secret',
          path: userGroup,
          responses: { 204: null },
        }),
      },
      '/v1/user-groups/{idOrSlug}/codes': {
        get: operation({
          operationId: 'listCodes',
          errors: ['user_group_not_found'],
          summary: "A code group's codes (never shown to a publishable key)",
          tag: 'codes',
          security: 'secret',
          path: userGroup,
          responses: { 200: dataOf('CodeView') },
        }),
        post: operation({
          operationId: 'createCodes',
          errors: [
            'code_malformed',
            'group_not_viewable',
            'group_not_joinable',
            'user_group_not_found',
            'code_taken',
          ],
          summary: 'Create one shared code or many single-use codes, inside a window',
          tag: 'codes',
          security: 'secret',
          path: userGroup,
          body: ref('CodesCreate'),
          responses: { 201: ref('CodesCreated') },
        }),
      },
      '/v1/user-groups/{idOrSlug}/codes/{codeId}': {
        get: operation({
          operationId: 'getCode',
          errors: ['user_group_not_found', 'code_invalid'],
          summary: 'One code of the group, with its status and redemption count',
          tag: 'codes',
          security: 'secret',
          path: { ...userGroup, codeId: 'The code’s id (not its text).' },
          responses: { 200: ref('CodeView') },
        }),
        patch: operation({
          operationId: 'updateCode',
          errors: ['user_group_not_found', 'code_invalid'],
          summary:
            'Revoke (active: false) or restore a code, move its window, change a shared code’s cap',
          tag: 'codes',
          security: 'secret',
          path: { ...userGroup, codeId: 'The code’s id (not its text).' },
          body: ref('CodeUpdate'),
          responses: { 200: ref('CodeUpdated') },
        }),
        delete: operation({
          operationId: 'deleteCode',
          errors: ['user_group_not_found', 'code_invalid'],
          summary: 'Delete a code: it then answers like one that never existed; memberships stay',
          tag: 'codes',
          security: 'secret',
          path: { ...userGroup, codeId: 'The code’s id (not its text).' },
          responses: { 204: null },
        }),
      },
      '/v1/user-groups/{idOrSlug}/codes/{codeId}/redemptions': {
        get: operation({
          operationId: 'listCodeRedemptions',
          errors: ['user_group_not_found', 'code_invalid'],
          summary: 'Who used the code and when, oldest first',
          tag: 'codes',
          security: 'secret',
          path: { ...userGroup, codeId: 'The code’s id (not its text).' },
          query: { page: paging.page, page_size: paging.page_size },
          responses: { 200: ref('CodeRedemptionPage') },
        }),
      },
      '/v1/user-groups/{id}/legacy-id': {
        get: operation({
          operationId: 'getUserGroupLegacyId',
          errors: ['user_group_not_found'],
          summary: "A group's legacy integer id",
          tag: 'user groups',
          security: 'secret',
          path: groupId,
          responses: { 200: ref('LegacyId') },
        }),
      },
      '/v1/user-groups/{id}/conditions-history': {
        get: operation({
          operationId: 'listConditionsHistory',
          errors: ['user_group_not_found'],
          summary: 'Every rule-set version with its time and population before/after',
          tag: 'user groups',
          security: 'secret',
          path: groupId,
          responses: { 200: dataOf('ConditionsVersion') },
        }),
      },
      '/v1/user-groups/{id}/users': {
        get: operation({
          operationId: 'listGroupMembers',
          errors: ['user_group_not_found'],
          summary: 'Members, sorted, searched and paged',
          tag: 'members',
          security: 'secret',
          path: groupId,
          query: {
            sort_attr: [
              'id, userid, firstname, lastname or email.',
              enumOf(['id', 'userid', 'firstname', 'lastname', 'email']),
            ],
            ...paging,
          },
          responses: { 200: ref('GroupMemberPage') },
        }),
        post: operation({
          operationId: 'addGroupMembers',
          errors: ['user_group_not_found', 'user_not_found', 'group_is_automatic'],
          summary: 'Add members by users, branches or the members of other groups',
          tag: 'members',
          security: 'secret',
          path: groupId,
          body: ref('MembersAdd'),
          responses: { 200: ref('MembersAdded') },
        }),
        delete: operation({
          operationId: 'removeGroupMembers',
          errors: ['user_group_not_found', 'group_is_automatic'],
          summary: 'Remove members by ids, all, or a search filter',
          tag: 'members',
          security: 'secret',
          path: groupId,
          body: ref('MembersRemove'),
          responses: { 200: ref('MembersRemoved') },
        }),
      },
      '/v1/user-groups/{id}/export-users': {
        get: operation({
          operationId: 'exportGroupMembersCsv',
          errors: ['user_group_not_found'],
          summary: 'Members as CSV (RFC 4180, formula cells escaped)',
          tag: 'members',
          security: 'secret',
          path: groupId,
          query: {
            userid: csvSwitch('user id'),
            firstname: csvSwitch('first name'),
            lastname: csvSwitch('last name'),
            email: csvSwitch('email'),
            include_header: ['Write a header row (default true).', string()],
            delimiter: ['`,` (default), `;`, `|` or `tab`.', enumOf([',', ';', '|', 'tab'])],
          },
          responses: { 200: 'csv' },
        }),
      },
      '/v1/audiences/preview': {
        post: operation({
          operationId: 'previewAudience',
          errors: ['user_group_not_found'],
          summary:
            'How many users a campaign to some groups (and not others) reaches, and a page of them',
          tag: 'audiences',
          security: 'secret',
          body: ref('AudienceRequest'),
          responses: { 200: ref('AdminUserPage') },
        }),
      },
      '/v1/audiences/export': {
        get: operation({
          operationId: 'exportAudienceCsv',
          errors: ['user_group_not_found'],
          summary: 'An audience as CSV (the member export’s columns and quoting)',
          tag: 'audiences',
          security: 'secret',
          query: {
            include: ['Groups (slug or id), comma-separated; empty: everyone.', string()],
            exclude: ['Groups (slug or id), comma-separated.', string()],
          },
          responses: { 200: 'csv' },
        }),
      },
      '/v1/automations': {
        get: operation({
          operationId: 'listAutomations',
          summary: 'Automations',
          tag: 'automations',
          security: 'secret',
          responses: { 200: dataOf('Automation') },
        }),
        post: operation({
          operationId: 'createAutomation',
          errors: ['user_group_not_found'],
          summary: 'Create an automation fired by membership changes',
          tag: 'automations',
          security: 'secret',
          body: ref('AutomationCreate'),
          responses: { 201: ref('Automation') },
        }),
      },
      '/v1/automations/runs': {
        get: operation({
          operationId: 'listAutomationRuns',
          errors: ['user_not_found'],
          summary:
            'The automation run log: what fired each run (origin, and the op for ordered changes)',
          tag: 'automations',
          security: 'secret',
          query: { userId: ['Only this user.', string()] },
          responses: { 200: dataOf('AutomationRun') },
        }),
      },
      '/v1/automations/{automationId}': {
        get: operation({
          operationId: 'getAutomation',
          errors: ['automation_not_found'],
          summary: 'One automation',
          tag: 'automations',
          security: 'secret',
          path: automationId,
          responses: { 200: ref('Automation') },
        }),
        patch: operation({
          operationId: 'updateAutomation',
          errors: ['automation_not_found', 'user_group_not_found'],
          summary: 'Edit an automation: the fields given change; enabled: false stops it firing',
          tag: 'automations',
          security: 'secret',
          path: automationId,
          body: ref('AutomationPatch'),
          responses: { 200: ref('Automation') },
        }),
        delete: operation({
          operationId: 'deleteAutomation',
          errors: ['automation_not_found'],
          summary: 'Delete an automation (its runs stay in the log)',
          tag: 'automations',
          security: 'secret',
          path: automationId,
          responses: { 204: null },
        }),
      },
      '/v1/project': {
        get: operation({
          operationId: 'getProject',
          summary: "The project's settings: client-writable properties, identity verification",
          tag: 'project',
          security: 'secret',
          responses: { 200: ref('Project') },
        }),
        patch: operation({
          operationId: 'updateProject',
          summary: "Change the project's settings (those given; the next request sees them)",
          tag: 'project',
          security: 'secret',
          body: ref('ProjectUpdate'),
          responses: { 200: ref('Project') },
        }),
      },
      '/v1/operator-session': {
        post: operation({
          operationId: 'signIn',
          errors: ['invalid_credentials', 'too_many_attempts'],
          summary:
            'Sign an operator in: sets the httpOnly session cookie, answers the CSRF token (5 failures for an email in 15 minutes lock it: 429)',
          tag: 'operators',
          security: 'public',
          body: ref('SignIn'),
          responses: { 201: ref('OperatorSession') },
        }),
        get: operation({
          operationId: 'getOperatorSession',
          summary: 'Who is signed in, with the session’s CSRF token (after a reload)',
          tag: 'operators',
          security: 'operator',
          responses: { 200: ref('OperatorSession') },
        }),
        delete: operation({
          operationId: 'signOut',
          summary: 'Sign out: the session ends and its cookie is cleared',
          tag: 'operators',
          security: 'operator',
          responses: { 204: null },
        }),
      },
      '/v1/operators': {
        get: operation({
          operationId: 'listOperators',
          summary: 'Everyone who can sign in to the dashboard',
          tag: 'operators',
          security: 'secret',
          responses: { 200: ref('OperatorList') },
        }),
        post: operation({
          operationId: 'createOperator',
          errors: ['email_taken'],
          summary: 'Add an operator (a password is generated and shown once unless given)',
          tag: 'operators',
          security: 'secret',
          body: ref('OperatorCreate'),
          responses: { 201: ref('OperatorCreated') },
        }),
      },
      '/v1/operators/{operatorId}': {
        patch: operation({
          operationId: 'updateOperator',
          errors: ['operator_not_found', 'last_owner'],
          summary: 'Change an operator’s role or password (the last owner stays owner)',
          tag: 'operators',
          security: 'secret',
          path: { operatorId: 'The operator’s id.' },
          body: ref('OperatorPatch'),
          responses: { 200: ref('Operator') },
        }),
        delete: operation({
          operationId: 'deleteOperator',
          errors: ['operator_not_found', 'last_owner'],
          summary: 'Remove an operator; their sessions end with them',
          tag: 'operators',
          security: 'secret',
          path: { operatorId: 'The operator’s id.' },
          responses: { 204: null },
        }),
      },
      '/v1/flows': {
        get: operation({
          operationId: 'listFlows',
          summary: 'Onboarding flows: drafts and published versions',
          tag: 'flows',
          security: 'secret',
          responses: { 200: ref('FlowList') },
        }),
        post: operation({
          operationId: 'createFlow',
          errors: ['flow_id_taken'],
          summary: 'Create a flow (a draft; publish it to serve it)',
          tag: 'flows',
          security: 'secret',
          body: ref('FlowCreate'),
          responses: { 201: ref('Flow') },
        }),
      },
      '/v1/flows/{flowId}': {
        get: operation({
          operationId: 'getFlow',
          errors: ['flow_not_found'],
          summary: 'One flow with its draft and versions',
          tag: 'flows',
          security: 'secret',
          path: flowId,
          responses: { 200: ref('Flow') },
        }),
        put: operation({
          operationId: 'updateFlowDraft',
          errors: ['flow_not_found'],
          summary: 'Edit the draft (published versions never change)',
          tag: 'flows',
          security: 'secret',
          path: flowId,
          body: ref('FlowDraftPatch'),
          responses: { 200: ref('Flow') },
        }),
        delete: operation({
          operationId: 'deleteFlow',
          errors: ['flow_not_found'],
          summary: 'Delete a flow and its versions',
          tag: 'flows',
          security: 'secret',
          path: flowId,
          responses: { 204: null },
        }),
      },
      '/v1/flows/{flowId}/versions': {
        post: operation({
          operationId: 'publishFlow',
          errors: ['flow_not_found'],
          summary:
            'Publish the draft as the next immutable version (users who started one stay on it)',
          tag: 'flows',
          security: 'secret',
          path: flowId,
          responses: { 201: ref('FlowVersion') },
        }),
      },
      '/v1/flows/{flowId}/versions/{version}/retire': {
        post: operation({
          operationId: 'retireFlowVersion',
          errors: ['flow_not_found', 'flow_version_not_found'],
          summary: 'Retire a version: its users move to the current one',
          tag: 'flows',
          security: 'secret',
          path: { ...flowId, version: 'The version number.' },
          responses: { 200: ref('FlowVersion') },
        }),
      },
      '/v1/flows/{flowId}/funnel': {
        get: operation({
          operationId: 'getFlowFunnel',
          errors: ['flow_not_found', 'flow_version_not_found'],
          summary: 'How users went through one version: started, each step, completed, dismissed',
          tag: 'flows',
          security: 'secret',
          path: flowId,
          query: { version: ['The version number.', string(), true] },
          responses: { 200: ref('FlowFunnel') },
        }),
      },
      '/v1/users/{userId}/flows/{flowId}': {
        get: operation({
          operationId: 'getUserFlow',
          errors: [
            'identity_unverified',
            'user_not_found',
            'flow_not_found',
            'flow_version_not_found',
          ],
          summary:
            'The flow version this user sees (pinned, started, or current if targeted) and their progress',
          tag: 'flows',
          security: 'any',
          path: { ...userId, ...flowId },
          query: { version: ['Pin a version (development and tests).', string()] },
          responses: { 200: ref('UserFlow') },
        }),
        put: operation({
          operationId: 'putUserFlowProgress',
          errors: [
            'identity_unverified',
            'user_not_found',
            'flow_not_found',
            'flow_version_not_found',
            'flow_version_retired',
          ],
          summary:
            'Keep the user’s progress through a flow (the whole record; any device resumes it)',
          tag: 'flows',
          security: 'any',
          path: { ...userId, ...flowId },
          body: ref('FlowProgressUpdate'),
          responses: { 200: ref('FlowProgress') },
        }),
      },
      '/v1/api-keys': {
        get: operation({
          operationId: 'listApiKeys',
          summary: 'The project’s API keys (ids, kinds and prefixes; never the keys)',
          tag: 'operators',
          security: 'secret',
          responses: { 200: ref('ApiKeyList') },
        }),
        post: operation({
          operationId: 'createApiKey',
          summary: 'Make a key (shown once); rotate by making one, then deleting the old',
          tag: 'operators',
          security: 'secret',
          body: ref('ApiKeyCreate'),
          responses: { 201: ref('ApiKeyCreated') },
        }),
      },
      '/v1/api-keys/{keyId}': {
        delete: operation({
          operationId: 'deleteApiKey',
          errors: ['api_key_not_found'],
          summary: 'Revoke a key: the next request with it is 401',
          tag: 'operators',
          security: 'secret',
          path: { keyId: 'The key’s id (not the key).' },
          responses: { 204: null },
        }),
      },
      '/v1/audit-log': {
        get: operation({
          operationId: 'listAuditLog',
          summary: 'Every admin write: who, what, when, before and after (newest first; CSV too)',
          tag: 'operators',
          security: 'secret',
          query: {
            actor: [
              'An operator id or email, an API key id, or `cli` (the command line).',
              string(),
            ],
            targetType: ['user_group, code, user, automation, project, operator, …', string()],
            targetId: ['The target’s id.', string()],
            from: ['Entries at or after this time (ISO).', string({ format: 'date-time' })],
            to: ['Entries before this time (ISO).', string({ format: 'date-time' })],
            before: ['Entries with seq below this: the previous page’s nextBefore.', string()],
            limit: [
              `Entries per page (default ${AUDIT_PAGE.default}, max ${AUDIT_PAGE.max}).`,
              string(),
            ],
            format: ['csv for a CSV download.', enumOf(['csv'])],
          },
          responses: { 200: { jsonOrCsv: ref('AuditLogPage') } },
        }),
      },
    } as Record<string, unknown>,
  };
}
