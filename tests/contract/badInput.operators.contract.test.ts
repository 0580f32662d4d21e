import type { OperatorRole } from '@groupkit/client';
import { describe, expect, it } from 'vitest';
import { SECRET_KEY } from './support/api';
import {
  badBodies,
  badInputApi,
  endpoint,
  expectCovers,
  expectServesGoodRequests,
  itRejects,
  itTolerates,
  long,
  read,
  type RejectedCase,
  type ToleratedCase,
} from './support/badInputCases';
import { OPERATOR_PASSWORD, SESSION_COOKIE } from './support/operators';

// Bad input for sign-in, sessions, operators and the audit log. See support/badInputCases.ts.
const api = badInputApi();

/** `c` sent by a signed-in seeded operator (and no key), their CSRF token as `csrf` says. */
const by = (as: OperatorRole, c: RejectedCase, csrf?: 'missing' | 'wrong'): RejectedCase => ({
  ...c,
  key: 'none',
  as,
  ...(csrf ? { csrf } : {}),
});
const forgedCookie = (c: RejectedCase): RejectedCase => ({
  ...c,
  key: 'none',
  headers: { cookie: `${SESSION_COOKIE}=never-issued` },
});

const email = 'new.operator@groupkit.test';
const password = 'a long enough password';

const signInAt = endpoint('POST', '/operator-session', 'none');
const signIn: RejectedCase[] = [
  ...badBodies(signInAt),
  signInAt.invalid('the body as a JSON string', 'owner@groupkit.test', 'body'),
  signInAt.invalid(
    'an unknown field',
    { email: 'owner@groupkit.test', password: OPERATOR_PASSWORD, remember: true },
    'remember',
  ),
  signInAt.invalid('no email', { password: OPERATOR_PASSWORD }, 'email'),
  signInAt.invalid('an email without @', { email: 'owner', password: OPERATOR_PASSWORD }, 'email'),
  signInAt.invalid(
    'an email that is a number',
    { email: 42, password: OPERATOR_PASSWORD },
    'email',
  ),
  signInAt.invalid(
    'an email of 255 characters',
    { email: `${long(241)}@groupkit.test`, password: OPERATOR_PASSWORD },
    'email',
  ),
  signInAt.invalid('no password', { email: 'owner@groupkit.test' }, 'password'),
  signInAt.invalid(
    'a password that is a number',
    { email: 'owner@groupkit.test', password: 123456789012345 },
    'password',
  ),
];

const session: RejectedCase[] = (['GET', 'DELETE'] as const).flatMap((method) => [
  read('/operator-session', 'none', method)('no credentials', 401, 'unauthorized', 'Authorization'),
  forgedCookie(
    read('/operator-session', 'none', method)(
      'a session cookie never issued',
      401,
      'unauthorized',
      'sign in',
    ),
  ),
  read('/operator-session', 'secret', method)('the secret key', 403, 'forbidden', 'operator'),
  read('/operator-session', 'publishable', method)(
    'a publishable key',
    403,
    'forbidden',
    'operator',
  ),
]);
const signOut: RejectedCase[] = [
  by(
    'support',
    read('/operator-session', 'none', 'DELETE')(
      'no X-CSRF-Token',
      403,
      'csrf_failed',
      'X-CSRF-Token',
    ),
    'missing',
  ),
  by(
    'support',
    read('/operator-session', 'none', 'DELETE')(
      'a wrong X-CSRF-Token',
      403,
      'csrf_failed',
      'X-CSRF-Token',
    ),
    'wrong',
  ),
];

const list: RejectedCase[] = [
  read('/operators', 'publishable')('a publishable key', 403, 'forbidden', 'secret key'),
  by('support', read('/operators', 'none')('a support operator', 403, 'role_forbidden', 'owner')),
  by('admin', read('/operators', 'none')('an admin', 403, 'role_forbidden', 'owner')),
];

const create = endpoint('POST', '/operators');
const creation: RejectedCase[] = [
  ...badBodies(create),
  create.invalid('an unknown field', { email, role: 'support', name: 'New' }, 'name'),
  create.invalid('no email', { role: 'support' }, 'email'),
  create.invalid('an email without @', { email: 'new.operator', role: 'support' }, 'email'),
  create.invalid(
    'an email with a space',
    { email: 'new operator@x.test', role: 'support' },
    'email',
  ),
  create.invalid('no role', { email }, 'role'),
  create.invalid('an unknown role', { email, role: 'superuser' }, 'role'),
  create.invalid('a role in capitals', { email, role: 'Admin' }, 'role'),
  create.invalid('a password of 11 characters', { email, role: 'support', password: long(11) }, [
    'password',
    '12',
  ]),
  create.invalid('a password of 201 characters', { email, role: 'support', password: long(201) }, [
    'password',
    '200',
  ]),
  create.invalid('a password that is a number', { email, role: 'support', password: 1e12 }, [
    'password',
  ]),
  create(
    'an email taken (in capitals)',
    { email: 'ADMIN@groupkit.test', role: 'support', password },
    409,
    'email_taken',
    'admin@groupkit.test',
  ),
  endpoint('POST', '/operators', 'publishable')(
    'a publishable key',
    { email, role: 'support' },
    403,
    'forbidden',
    'secret key',
  ),
  by(
    'admin',
    endpoint('POST', '/operators', 'none')(
      'an admin',
      { email, role: 'support' },
      403,
      'role_forbidden',
      'owner',
    ),
  ),
  by(
    'owner',
    endpoint('POST', '/operators', 'none')(
      'an owner without X-CSRF-Token',
      { email, role: 'support' },
      403,
      'csrf_failed',
      'X-CSRF-Token',
    ),
    'missing',
  ),
];

const patch = endpoint('PATCH', '/operators/op_support');
const update: RejectedCase[] = [
  ...badBodies(patch),
  patch.invalid('an unknown field', { email }, 'email'),
  patch.invalid('an unknown role', { role: 'boss' }, 'role'),
  patch.invalid('a role of null', { role: null }, 'role'),
  patch.invalid('a password of 11 characters', { password: long(11) }, ['password', '12']),
  endpoint('PATCH', '/operators/op_nobody')(
    'an unknown operator',
    { role: 'admin' },
    404,
    'operator_not_found',
    'op_nobody',
  ),
  endpoint('PATCH', '/operators/op_owner')(
    'demoting the last owner',
    { role: 'admin' },
    409,
    'last_owner',
    'owner',
  ),
  endpoint('PATCH', '/operators/op_support', 'publishable')(
    'a publishable key',
    { role: 'admin' },
    403,
    'forbidden',
    'secret key',
  ),
  by(
    'admin',
    endpoint('PATCH', '/operators/op_support', 'none')(
      'an admin',
      { role: 'admin' },
      403,
      'role_forbidden',
      'owner',
    ),
  ),
];

const remove = (id: string, key: 'secret' | 'publishable' | 'none' = 'secret') =>
  read(`/operators/${id}`, key, 'DELETE');
const removal: RejectedCase[] = [
  remove('op_nobody')('an unknown operator', 404, 'operator_not_found', 'op_nobody'),
  remove('op_owner')('the last owner', 409, 'last_owner', 'owner'),
  remove('op_support', 'publishable')('a publishable key', 403, 'forbidden', 'secret key'),
  by('admin', remove('op_support', 'none')('an admin', 403, 'role_forbidden', 'owner')),
  by(
    'owner',
    remove('op_support', 'none')('a wrong X-CSRF-Token', 403, 'csrf_failed', 'X-CSRF-Token'),
    'wrong',
  ),
];

const audit = (query: string) => read(`/audit-log?${query}`);
const auditLog: RejectedCase[] = [
  audit('from=yesterday')('a from that is no date', 400, 'validation_failed', 'from'),
  audit('to=2026-02-30T25:00:00Z')('a to that is no time', 400, 'validation_failed', 'to'),
  audit('limit=0')('a limit of 0', 400, 'validation_failed', ['limit', '500']),
  audit('limit=501')('a limit of 501', 400, 'validation_failed', ['limit', '500']),
  audit('limit=2.5')('a limit of 2.5', 400, 'validation_failed', 'limit'),
  audit('limit=ten')('a limit in words', 400, 'validation_failed', 'limit'),
  audit('before=0')('a before of 0', 400, 'validation_failed', 'before'),
  audit('before=-3')('a negative before', 400, 'validation_failed', 'before'),
  audit('before=seq-3')('a before that is no number', 400, 'validation_failed', 'before'),
  read('/audit-log', 'publishable')('a publishable key', 403, 'forbidden', 'secret key'),
  by('support', read('/audit-log', 'none')('a support operator', 403, 'role_forbidden', 'admin')),
];

const tolerated: ToleratedCase[] = [
  {
    name: 'a target type nothing has',
    method: 'GET',
    path: '/audit-log?targetType=spaceship',
    expectBody: (body) => expect(body).toEqual({ data: [], nextBefore: null }),
  },
  {
    name: 'empty filters (as if not sent)',
    method: 'GET',
    path: '/audit-log?actor=&targetType=&targetId=&from=&to=&before=&limit=',
    expectBody: async (body) => {
      const all = await api.call('GET', '/audit-log', { key: SECRET_KEY });
      expect(body).toEqual(all.body);
    },
  },
];

const all = [...signIn, ...session, ...signOut, ...list, ...creation, ...update, ...removal];

describe('bad input is refused, named, documented, and changes nothing', () => {
  describe('POST /v1/operator-session', () => itRejects(api, signIn));
  describe('GET and DELETE /v1/operator-session', () => itRejects(api, [...session, ...signOut]));
  describe('/v1/operators', () => itRejects(api, [...list, ...creation, ...update, ...removal]));
  describe('GET /v1/audit-log', () => itRejects(api, auditLog));
});

describe('odd but harmless audit-log queries are read', () => {
  itTolerates(api, tolerated);
});

describe('after every bad request', () => {
  it('the cases reach every operation of this suite', () => {
    expectCovers('operators', [...all, ...auditLog]);
  });

  it('still serves good requests, with the operators as seeded', async () => {
    await expectServesGoodRequests(api);
    const { status, body } = await api.call('GET', '/operators', { key: SECRET_KEY });
    expect(status).toBe(200);
    expect(body.data.map((o: { id: string; role: string }) => [o.id, o.role])).toEqual([
      ['op_owner', 'owner'],
      ['op_admin', 'admin'],
      ['op_support', 'support'],
    ]);
  });
});
