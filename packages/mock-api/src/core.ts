/**
 * `@groupkit/mock-api/core`: the groups API without MSW, for servers. The engine (every
 * rule), the framework-free route list, auth helpers, error table and scenarios.
 * `@groupkit/server` serves these same routes from PostgreSQL.
 */
export type { ApiContext, ApiMethod, ApiRoute, KeyScope, RouteRequest } from './api/routeTypes';
export type { LoadSpec } from './api/loadSpec';
export type { RouteCall } from './api/runRoute';
export { apiRoutes } from './api/routes';
export { runRoute } from './api/runRoute';
export {
  bearerKey,
  computeUserHash,
  DEMO_IDENTITY_SECRET,
  PUBLISHABLE_KEY,
  SECRET_KEY,
  unknownKey,
} from './api/auth';
export { errorFromThrown, errorResponse, jsonResponse } from './api/respond';
export { MAX_BODY_BYTES, payloadTooLarge } from './api/readJson';
export { malformedPathResponse, noEndpointResponse } from './api/paths';
export type { GroupsEngine, GroupsEngineOptions } from './engine/createGroupsEngine';
export { createGroupsEngine, engineOverState, seedState } from './engine/createGroupsEngine';
export type { EngineState, IdempotencyEntry } from './engine/state';
export type { MembershipStore } from './engine/store';
export type { IdGenerator } from './engine/ids';
export { createSequentialIds } from './engine/ids';
export {
  type ApiErrorCode,
  ERROR_STATUS,
  GroupsEngineError,
  isGroupsEngineError,
} from './engine/errors';
export { automationsOnGroup } from './engine/automations';
export { matchesRuleSet } from './engine/rules';
export {
  DEFAULT_MEMBER_SORT,
  MEMBER_SEARCH_TEXTS,
  MEMBER_SORT_KEYS,
  type MemberField,
  type MemberListQuery,
  type MemberPage,
  type MemberSort,
  parseMemberListQuery,
} from './engine/memberList';
export type { MemberExportRow } from './engine/memberExport';
export { parseRuleSet, ruleSetContent } from './engine/rulesets';
export type {
  AccountGroup,
  AutomationRecord,
  AutomationRun,
  CodeRecord,
  ConditionsVersion,
  MembershipRecord,
  RuleSet,
  UserGroupRecord,
  UserRecord,
} from './engine/types';
export type { Scenario, ScenarioName } from './scenarios';
export { scenarios } from './scenarios';
export { buildOpenApiDocument } from './openapi/document';
export type { Actor } from './api/routeTypes';
export type { PasswordHasher } from './api/passwords';
export { DUMMY_PASSWORD_HASH, verifyPbkdf2 } from './api/passwords';
export { csrfTokenFor, sessionTokenOf } from './api/operatorCookie';
export { parseNewOperator } from './engine/operators';
export type { ParsedAuditQuery } from './engine/auditLog';
export type {
  ApiKeyRecord,
  AuditRecord,
  FlowProgressRecord,
  FlowRecord,
  OperatorRecord,
  OperatorSessionRecord,
} from './engine/types';
export { flowProgressKey } from './engine/flowProgress';
