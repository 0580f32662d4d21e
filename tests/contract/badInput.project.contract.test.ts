import { describe, expect, it } from 'vitest';
import { SECRET_KEY } from './support/api';
import {
  badBodies,
  badInputApi,
  endpoint,
  expectCovers,
  expectServesGoodRequests,
  itRejects,
  long,
  read,
  type RejectedCase,
} from './support/badInputCases';

// Bad input for the project's settings (secret key only). See support/badInputCases.ts.
const api = badInputApi();

const patch = endpoint('PATCH', '/project');
const names = (list: unknown) => ({ clientWritableProperties: list });
const settings: RejectedCase[] = [
  read('/project', 'publishable')('a publishable key', 403, 'forbidden', 'secret key'),
  endpoint('PATCH', '/project', 'publishable')(
    'a publishable key',
    names(['plan']),
    403,
    'forbidden',
    'secret key',
  ),
  ...badBodies(patch),
  patch.invalid('an unknown field', { clientWritable: ['plan'] }, 'clientWritable'),
  patch.invalid('the list as a string', names('onboarding'), 'clientWritableProperties'),
  patch.invalid('the list as null', names(null), 'clientWritableProperties'),
  patch.invalid('an empty name', names(['']), 'clientWritableProperties[0]'),
  patch.invalid('a name that is a number', names(['onboarding', 7]), 'clientWritableProperties[1]'),
  patch.invalid('a name of 101 characters', names([long(101)]), [
    'clientWritableProperties[0]',
    '100',
  ]),
  patch.invalid('a name holding U+0000', names(['a\u0000b']), 'U+0000'),
  patch.invalid('101 names', names(Array.from({ length: 101 }, (_, i) => `k${i}`)), [
    'clientWritableProperties',
    '100',
  ]),
  patch.invalid('a name twice', names(['theme', 'onboarding', 'theme']), [
    'clientWritableProperties',
    '"theme"',
  ]),
  // The good half of a bad patch is not applied either: the whole patch is refused.
  patch.invalid(
    'verification as a string',
    { clientWritableProperties: [], identityVerification: 'true' },
    'identityVerification',
  ),
];

describe('bad input is refused, named, documented, and changes nothing', () => {
  itRejects(api, settings);
});

describe('after every bad request', () => {
  it('the cases reach every operation of this suite', () => {
    expectCovers('project', settings);
  });

  it('still serves good requests, with the settings as seeded', async () => {
    await expectServesGoodRequests(api);
    const { status, body } = await api.call('GET', '/project', { key: SECRET_KEY });
    expect(status).toBe(200);
    expect(body).toEqual({ clientWritableProperties: ['onboarding'], identityVerification: false });
  });
});
