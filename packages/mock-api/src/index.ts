export type {
  GroupsEngine,
  GroupsEngineOptions,
  ListUserGroupsOptions,
} from './engine/createGroupsEngine';
export { createGroupsEngine } from './engine/createGroupsEngine';
export type { EngineErrorCode } from './engine/errors';
export { GroupsEngineError, isGroupsEngineError } from './engine/errors';
export type { IdGenerator } from './engine/ids';
export { createSequentialIds } from './engine/ids';
export type { EngineSnapshot } from './engine/snapshot';
export { matchesRuleSet } from './engine/rules';
export { userGroupStatus } from './engine/status';
export type {
  AutomationRecord,
  AutomationRun,
  CodeRecord,
  ConditionsVersion,
  MembershipRecord,
  UserGroupRecord,
  UserRecord,
} from './engine/types';
export type {
  Actor,
  AppliedOp,
  ChangeMembershipsInput,
  MembershipChangeResult,
} from './engine/memberships';
export type { FiredAutomation } from './engine/automations';
export type { IdentifyGroupOptions, IdentifyGroupResult } from './engine/accountGroups';
export type { ProjectSettings } from './engine/project';
export type { CodeView, RedeemCodeInput, RedeemCodeResult } from './engine/codes';
export type { GroupMember } from './engine/members';
export type { AdminUser } from './engine/types';
export type { UpsertMode, UpsertUserResult } from './engine/users';
export { computeUserHash, DEMO_IDENTITY_SECRET, PUBLISHABLE_KEY, SECRET_KEY } from './api/auth';
export type { FaultOptions, HandlersOptions } from './http/createHandlers';
export { createHandlers } from './http/createHandlers';
export type { Scenario, ScenarioContext, ScenarioName, SeedData } from './scenarios';
export { scenarios } from './scenarios';
