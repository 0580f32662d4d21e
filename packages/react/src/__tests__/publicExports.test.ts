import { expect, it } from 'vitest';
import * as api from '../index';

// Pins the runtime API of @groupkit/react: adding, renaming or dropping an export must be a
// deliberate change to this list (types are not runtime exports and do not appear here).
it('@groupkit/react exports exactly these names', () => {
  expect(Object.keys(api).sort()).toEqual([
    'GroupGate',
    'GroupKitContext',
    'GroupKitProvider',
    'createGroupKitStore',
    'groupKitKeys',
    'groupQueryOptions',
    'membershipLockReason',
    'membershipsQueryOptions',
    'passesGate',
    'sessionQueryOptions',
    'useChangeMemberships',
    'useFlowProgress',
    'useGroup',
    'useGroupGate',
    'useGroupKit',
    'useGroupKitContext',
    'useGroupKitStore',
    'useIsMember',
    'useJoinGroup',
    'useLeaveGroup',
    'useMembership',
    'useMembershipToggle',
    'useMemberships',
    'usePendingChanges',
    'useRedeemCode',
    'useUserGroup',
    'useUserGroups',
    'userGroupsQueryOptions',
  ]);
});

it('@groupkit/react/flows exports exactly these names', async () => {
  const flows = await import('../flows');
  expect(Object.keys(flows).sort()).toEqual(['flowQueryKey', 'flowQueryOptions', 'useFlow']);
});
