import { expect, it } from 'vitest';
import * as browser from '../browser';
import * as api from '../index';
import * as node from '../node';

// Pins the runtime API of each @groupkit/mock-api entry (types do not appear here).
it('@groupkit/mock-api exports exactly these names', () => {
  expect(Object.keys(api).sort()).toEqual([
    'GroupsEngineError',
    'PUBLISHABLE_KEY',
    'SECRET_KEY',
    'computeUserHash',
    'createGroupsEngine',
    'createHandlers',
    'createSequentialIds',
    'isGroupsEngineError',
    'matchesRuleSet',
    'scenarios',
    'userGroupStatus',
  ]);
});

it('/browser and /node export their one starter each', () => {
  expect(Object.keys(browser)).toEqual(['startMockWorker']);
  expect(Object.keys(node)).toEqual(['createMockServer']);
});
