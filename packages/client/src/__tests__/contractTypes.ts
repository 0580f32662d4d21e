/**
 * Compile-time check (run by `tsc -p tsconfig.json`) that the client's contract types and
 * the mock engine's answers have the same shape, so neither can drift from the other unseen.
 */
import type * as Mock from '@groupkit/mock-api';
import type * as Client from '../types';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type ContractMatchesMock = [
  Expect<Equal<Client.CodeView, Mock.CodeView>>,
  Expect<Equal<Client.RedeemCodeResult, Mock.RedeemCodeResult>>,
  Expect<Equal<Client.AppliedOp, Mock.AppliedOp>>,
  Expect<Equal<Client.MembershipChangeResult, Mock.MembershipChangeResult>>,
  Expect<Equal<Client.FiredAutomation, Mock.FiredAutomation>>,
  Expect<Equal<Client.GroupMember, Mock.GroupMember>>,
  Expect<Equal<Client.AdminUser, Mock.AdminUser>>,
  Expect<Equal<Client.UserUpsertResult, Mock.UpsertUserResult>>,
  Expect<Equal<Client.IdentifyResult, Mock.IdentifyGroupResult>>,
  Expect<Equal<Client.ProjectSettings, Mock.ProjectSettings>>,
  Expect<Equal<Client.AutomationRun, Mock.AutomationRun>>,
  Expect<Equal<Client.ConditionsVersion, Mock.ConditionsVersion>>,
  Expect<Equal<Client.Automation, ReturnType<Mock.GroupsEngine['getAutomation']>>>,
  Expect<Equal<Client.Automation[], ReturnType<Mock.GroupsEngine['listAutomations']>>>,
  // What the engine stores may lack the fields added later, nothing more.
  Expect<
    Equal<
      Omit<Client.Automation, 'enabled' | 'updatedAt'>,
      Omit<Mock.AutomationRecord, 'enabled' | 'updatedAt'>
    >
  >,
];
