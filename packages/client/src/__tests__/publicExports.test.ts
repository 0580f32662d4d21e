import { expect, it } from 'vitest';
import * as admin from '../admin';
import * as consoleEntry from '../console';
import * as index from '../index';

// Pins the runtime API of each entry: adding, renaming or dropping an export must be a
// deliberate change to this list. Types are not runtime exports and do not appear here.
it('@groupkit/client exports exactly these names', () => {
  expect(Object.keys(index).sort()).toEqual([
    'DEFAULT_BASE_URL',
    'GroupKitApiError',
    'GroupKitChangeError',
    'GroupKitError',
    'GroupKitErrorCode',
    'GroupKitNetworkError',
    'MAX_CHANGE_OPS',
    'changeMemberships',
    'clientFromCore',
    'createClientCore',
    'createGroupKitClient',
    'getGroup',
    'getSession',
    'getUserFlow',
    'getUserGroup',
    'identifyGroup',
    'isGroupKitApiError',
    'isGroupKitChangeError',
    'isGroupKitError',
    'isGroupKitNetworkError',
    'listMemberships',
    'listUserGroups',
    'newIdempotencyKey',
    'parseChanges',
    'parseChangesSafe',
    'passesAudience',
    'redeemCode',
    'saveFlowProgress',
  ]);
});

it('@groupkit/client/admin exports exactly these names', () => {
  expect(Object.keys(admin).sort()).toEqual(['createGroupKitAdminClient']);
});

it('@groupkit/client/console exports exactly these names', () => {
  expect(Object.keys(consoleEntry).sort()).toEqual(['createGroupKitConsoleClient']);
});
