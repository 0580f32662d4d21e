import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHABLE_KEY, SECRET_KEY } from './support/api';
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

// Bad input for onboarding flows and progress. See support/badInputCases.ts.
const api = badInputApi();

const steps = [
  { id: 'hello', type: 'welcome' },
  { id: 'done', type: 'done' },
];

// One published flow (version 1, retired after 2 is published) for the cases to refuse around.
beforeAll(async () => {
  const created = await api.call('POST', '/flows', {
    key: SECRET_KEY,
    body: { id: 'tour', name: 'Tour', steps },
  });
  expect(created.status).toBe(201);
  await api.call('POST', '/flows/tour/versions', { key: SECRET_KEY });
  await api.call('POST', '/flows/tour/versions', { key: SECRET_KEY });
  await api.call('POST', '/flows/tour/versions/1/retire', { key: SECRET_KEY });
});

const create = endpoint('POST', '/flows');
const creation: RejectedCase[] = [
  ...badBodies(create),
  create.invalid('no id', { name: 'X', steps }, 'id'),
  create.invalid('an id with spaces', { id: 'my flow', name: 'X', steps }, 'id'),
  create.invalid('an id of 64 characters', { id: long(64, 'a'), name: 'X', steps }, 'id'),
  create.invalid('no name', { id: 'x', steps }, 'name'),
  create.invalid('no steps', { id: 'x', name: 'X' }, 'steps'),
  create.invalid(
    '21 steps',
    {
      id: 'x',
      name: 'X',
      steps: Array.from({ length: 21 }, (_, i) => ({ id: `s${i}`, type: 'welcome' })),
    },
    'steps',
  ),
  create.invalid(
    'a step of an unknown type',
    { id: 'x', name: 'X', steps: [{ id: 'a', type: 'quiz' }] },
    'steps[0].type',
  ),
  create.invalid(
    'a content step without a body',
    { id: 'x', name: 'X', steps: [{ id: 'a', type: 'content', title: 'T' }] },
    'steps[0].body',
  ),
  create.invalid(
    'a call to action to a javascript: URL',
    {
      id: 'x',
      name: 'X',
      steps: [
        {
          id: 'a',
          type: 'content',
          title: 'T',
          body: 'B',
          cta: { label: 'Go', href: 'javascript:alert(1)' },
        },
      ],
    },
    'steps[0].cta.href',
  ),
  create.invalid(
    'a protocol-relative call to action',
    {
      id: 'x',
      name: 'X',
      steps: [
        {
          id: 'a',
          type: 'content',
          title: 'T',
          body: 'B',
          cta: { label: 'Go', href: '//evil.test' },
        },
      ],
    },
    'steps[0].cta.href',
  ),
  create.invalid(
    'a code step for a group that does not exist',
    { id: 'x', name: 'X', steps: [{ id: 'a', type: 'enter_code', group: 'nope' }] },
    'steps[0].group[0]',
  ),
  create.invalid(
    'targeting an unknown group',
    { id: 'x', name: 'X', steps, targeting: { exclude: ['nope'] } },
    'targeting.exclude[0]',
  ),
  create.invalid(
    'targeting with an unknown field',
    { id: 'x', name: 'X', steps, targeting: { only: ['beta'] } },
    '"only"',
  ),
  create('an id already taken', { id: 'tour', name: 'Again', steps }, 409, 'flow_id_taken', 'tour'),
  endpoint('POST', '/flows', 'publishable')(
    'a publishable key',
    { id: 'x', name: 'X', steps },
    403,
    'forbidden',
    'secret key',
  ),
];

const edit = endpoint('PUT', '/flows/tour');
const editing: RejectedCase[] = [
  ...badBodies(edit),
  edit.invalid('an unknown field', { id: 'renamed' }, 'id'),
  edit.invalid('empty steps', { steps: [] }, 'steps'),
  edit.invalid('a done step that is not last', { steps: [...steps].reverse() }, 'done step'),
  endpoint('PUT', '/flows/nope')('an unknown flow', { name: 'X' }, 404, 'flow_not_found', 'nope'),
];

const admin: RejectedCase[] = [
  read('/flows', 'publishable')('a publishable key listing', 403, 'forbidden', 'secret key'),
  read('/flows/nope')('an unknown flow', 404, 'flow_not_found', 'nope'),
  read('/flows/nope', 'secret', 'DELETE')(
    'deleting an unknown flow',
    404,
    'flow_not_found',
    'nope',
  ),
  endpoint('POST', '/flows/nope/versions')(
    'publishing an unknown flow',
    undefined,
    404,
    'flow_not_found',
    'nope',
  ),
  endpoint('POST', '/flows/tour/versions/9/retire')(
    'retiring a version that does not exist',
    undefined,
    404,
    'flow_version_not_found',
    '9',
  ),
  endpoint('POST', '/flows/tour/versions/one/retire').invalid(
    'a version that is not a number',
    undefined,
    'version',
  ),
  read('/flows/tour/funnel')('a funnel without ?version=', 400, 'validation_failed', 'version'),
  read('/flows/tour/funnel?version=0')(
    'a funnel of version 0',
    400,
    'validation_failed',
    'version',
  ),
  read('/flows/tour/funnel?version=9')(
    'a funnel of a version that does not exist',
    404,
    'flow_version_not_found',
    '9',
  ),
];

const progressAt = endpoint('PUT', '/users/u_ada/flows/tour', 'publishable');
const good = { version: 2, status: 'in_progress', step: 'hello', completedSteps: [] };
const progress: RejectedCase[] = [
  ...badBodies(progressAt),
  progressAt.invalid('no version', { ...good, version: undefined }, 'version'),
  progressAt.invalid('a version that is a string', { ...good, version: '2' }, 'version'),
  progressAt.invalid('a step the version does not have', { ...good, step: 'nowhere' }, 'step'),
  progressAt.invalid(
    'a completed step the version does not have',
    { ...good, completedSteps: ['nowhere'] },
    'completedSteps[0]',
  ),
  progressAt.invalid(
    'completed steps that are not a list',
    { ...good, completedSteps: 'hello' },
    'completedSteps',
  ),
  progressAt.invalid('the not_started status', { ...good, status: 'not_started' }, 'status'),
  progressAt.invalid('an unknown field', { ...good, seen: [] }, 'seen'),
  progressAt('a retired version', { ...good, version: 1 }, 409, 'flow_version_retired', 'retired'),
  progressAt(
    'a version that does not exist',
    { ...good, version: 7 },
    404,
    'flow_version_not_found',
    '7',
  ),
  endpoint('PUT', '/users/u_nobody/flows/tour', 'publishable')(
    'an unknown user',
    good,
    404,
    'user_not_found',
    'u_nobody',
  ),
  endpoint('PUT', '/users/u_ada/flows/nope', 'publishable')(
    'an unknown flow',
    good,
    404,
    'flow_not_found',
    'nope',
  ),
  read('/users/u_ada/flows/tour?version=x', 'publishable')(
    'a pinned version that is not a number',
    400,
    'validation_failed',
    'version',
  ),
  read('/users/u_ada/flows/tour?version=9', 'publishable')(
    'a pinned version that does not exist',
    404,
    'flow_version_not_found',
    '9',
  ),
  read('/users/u_ada/flows/nope', 'publishable')('an unknown flow', 404, 'flow_not_found', 'nope'),
];

describe('bad input is refused, named, documented, and changes nothing', () => {
  describe('POST /v1/flows', () => itRejects(api, creation));
  describe('PUT /v1/flows/{flowId}', () => itRejects(api, editing));
  describe('flow administration', () => itRejects(api, admin));
  describe('a user’s progress', () => itRejects(api, progress));
});

describe('after every bad request', () => {
  it('the cases reach every operation of this suite', () => {
    expectCovers('flows', [...creation, ...editing, ...admin, ...progress]);
  });

  it('still serves good requests, and the flow as it was', async () => {
    await expectServesGoodRequests(api);
    const { body } = await api.call('GET', '/users/u_ada/flows/tour', { key: PUBLISHABLE_KEY });
    expect(body.flow.version).toBe(2);
    expect(body.progress.status).toBe('not_started');
  });
});
