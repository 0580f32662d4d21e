import { describe, expect, it } from 'vitest';
import { SECRET_KEY } from './support/api';
import {
  badBodies,
  badInputApi,
  endpoint,
  expectCovers,
  expectServesGoodRequests,
  itRejects,
  read,
  type RejectedCase,
} from './support/badInputCases';

// Bad input for API key management. See support/badInputCases.ts.
const api = badInputApi();

const create = endpoint('POST', '/api-keys');
const cases: RejectedCase[] = [
  ...badBodies(create),
  create.invalid('no kind', {}, 'kind'),
  create.invalid('an unknown kind', { kind: 'root' }, 'kind'),
  create.invalid('a kind in capitals', { kind: 'Secret' }, 'kind'),
  create.invalid('an unknown field', { kind: 'secret', name: 'ci' }, 'name'),
  endpoint('POST', '/api-keys', 'publishable')(
    'a publishable key',
    { kind: 'secret' },
    403,
    'forbidden',
    'secret key',
  ),
  read('/api-keys', 'publishable')('a publishable key listing', 403, 'forbidden', 'secret key'),
  read('/api-keys/sk_nobody', 'secret', 'DELETE')(
    'an unknown key id',
    404,
    'api_key_not_found',
    'sk_nobody',
  ),
  read('/api-keys/sk_test', 'publishable', 'DELETE')(
    'a publishable key revoking',
    403,
    'forbidden',
    'secret key',
  ),
];

describe('bad input is refused, named, documented, and changes nothing', () => {
  describe('/v1/api-keys', () => itRejects(api, cases));
});

describe('after every bad request', () => {
  it('the cases reach every operation of this suite', () => {
    expectCovers('apiKeys', cases);
  });

  it('still serves good requests, with the keys as seeded', async () => {
    await expectServesGoodRequests(api);
    const { body } = await api.call('GET', '/api-keys', { key: SECRET_KEY });
    expect(body.data.map((k: { id: string }) => k.id)).toEqual(['pk_test', 'sk_test']);
  });
});
