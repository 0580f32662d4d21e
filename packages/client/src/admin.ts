import { createClientCore, type GroupKitClientOptions } from './clientCore';
import { endUserMethods } from './createGroupKitClient';
import { flowsAdminMethods } from './flowsAdmin';
import { operatorsAdminMethods } from './operatorsAdmin';
import { projectAdminMethods } from './projectAdmin';
import { serverAdminMethods } from './serverAdmin';
import { userGroupsAdminMethods } from './userGroupsAdmin';

export type { GroupKitClientOptions } from './clientCore';
export type { ListParams } from './listQuery';
export type { ExportMembersParams, GroupMemberSort } from './userGroupsAdmin';
export type { UserSort } from './serverAdmin';
export type { CreateOperatorParams, UpdateOperatorParams } from './operatorsAdmin';
export type { CreateFlowParams, FlowFunnelParams, UpdateFlowDraftParams } from './flowsAdmin';

/**
 * The server client: every end-user method plus the secret-key administration of user
 * groups, members, codes, users, automations, the project's settings, operators, onboarding flows and the audit log. Its own entry (`@groupkit/client/admin`)
 * so browser bundles, which import `@groupkit/client`, never contain these methods.
 * @throws TypeError when `apiKey` is not a secret key (`sk_...`).
 * @example
 * import { createGroupKitAdminClient } from '@groupkit/client/admin';
 * const admin = createGroupKitAdminClient({ apiKey: process.env.GROUPKIT_SECRET_KEY! });
 * await admin.createUserGroup({ slug: 'gold', name: 'Gold', type: 'manual', joinType: 'open' });
 */
export function createGroupKitAdminClient(options: GroupKitClientOptions) {
  if (typeof options?.apiKey !== 'string' || !/^sk_\S+$/.test(options.apiKey)) {
    throw new TypeError(
      'createGroupKitAdminClient needs a secret key (sk_...); never use it in a browser. In the browser, use createGroupKitClient from "@groupkit/client" with a publishable key (pk_...).',
    );
  }
  const core = createClientCore(options, 'createGroupKitAdminClient');
  return {
    ...endUserMethods(core),
    ...userGroupsAdminMethods(core.call),
    ...serverAdminMethods(core.call),
    ...projectAdminMethods(core.call),
    ...operatorsAdminMethods(core.call),
    ...flowsAdminMethods(core.call),
  };
}

export type GroupKitAdminClient = ReturnType<typeof createGroupKitAdminClient>;
