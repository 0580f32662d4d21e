import { expect, it } from 'vitest';
import * as browser from '../browser';
import * as api from '../index';
import * as node from '../node';

// Pins the runtime API of each @groupkit/mock-api entry (types do not appear here).
it('@groupkit/mock-api exports exactly these names', () => {
  expect(Object.keys(api).sort()).toEqual([
    'DEMO_IDENTITY_SECRET',
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

it('/core exports the engine, the route list and the contract pieces a server needs, without MSW', async () => {
  const core = await import('../core');
  expect(Object.keys(core).sort()).toEqual([
    'DEFAULT_MEMBER_SORT',
    'DEMO_IDENTITY_SECRET',
    'DUMMY_PASSWORD_HASH',
    'ERROR_STATUS',
    'GroupsEngineError',
    'MAX_BODY_BYTES',
    'MEMBER_SEARCH_TEXTS',
    'MEMBER_SORT_KEYS',
    'PUBLISHABLE_KEY',
    'SECRET_KEY',
    'apiRoutes',
    'automationsOnGroup',
    'bearerKey',
    'buildOpenApiDocument',
    'computeUserHash',
    'createGroupsEngine',
    'createSequentialIds',
    'csrfTokenFor',
    'engineOverState',
    'errorFromThrown',
    'errorResponse',
    'flowProgressKey',
    'isGroupsEngineError',
    'jsonResponse',
    'malformedPathResponse',
    'matchesRuleSet',
    'noEndpointResponse',
    'parseMemberListQuery',
    'parseNewOperator',
    'parseRuleSet',
    'payloadTooLarge',
    'ruleSetContent',
    'runRoute',
    'scenarios',
    'seedState',
    'sessionTokenOf',
    'unknownKey',
    'verifyPbkdf2',
  ]);
  // Every route is served by both hosts: a method and a /v1-relative path each, no duplicates.
  const keys = core.apiRoutes.map((r) => `${r.method} ${r.path}`);
  expect(new Set(keys).size).toBe(keys.length);
});
