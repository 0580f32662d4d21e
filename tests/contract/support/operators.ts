import type { Operator, OperatorRole } from '@groupkit/client';
import { beforeAll, expect } from 'vitest';
import type { ContractApi, OperatorCredentials } from './api';

/** The roles, least first: each may do what the ones before it may. */
export const ROLES: readonly OperatorRole[] = ['support', 'admin', 'owner'];

/** Whether `role` reaches `needed`. */
export const roleAtLeast = (role: OperatorRole, needed: OperatorRole) =>
  ROLES.indexOf(role) >= ROLES.indexOf(needed);

/** The default scenario's operators, one per role, all with `OPERATOR_PASSWORD`. */
export const SEEDED_OPERATORS: Record<OperatorRole, { id: string; email: string }> = {
  owner: { id: 'op_owner', email: 'owner@groupkit.test' },
  admin: { id: 'op_admin', email: 'admin@groupkit.test' },
  support: { id: 'op_support', email: 'support@groupkit.test' },
};
export const OPERATOR_PASSWORD = 'groupkit-demo-password';

export const SESSION_COOKIE = 'groupkit_session';

/** A `Set-Cookie` header: name, value, and attributes by lower-cased name (`true` when bare). */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

export function parseSetCookie(header: string | null): SetCookie {
  if (header === null) throw new Error('no Set-Cookie header');
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  const at = pair.indexOf('=');
  return {
    name: pair.slice(0, at),
    value: pair.slice(at + 1),
    attributes: Object.fromEntries(
      attributes.map((attribute) => {
        const [name = '', ...value] = attribute.split('=');
        return [name.toLowerCase(), value.length === 0 ? true : value.join('=')];
      }),
    ),
  };
}

/** A signed-in operator: who, and what their browser sends. */
export interface SignedIn extends OperatorCredentials {
  operator: Operator;
  expiresAt: string;
}

/** `POST /v1/operator-session` that must succeed (201 and a session cookie). */
export async function signIn(
  api: ContractApi,
  email: string,
  password = OPERATOR_PASSWORD,
): Promise<SignedIn> {
  const { status, headers, body } = await api.call('POST', '/operator-session', {
    key: null,
    body: { email, password },
  });
  expect(status, `sign-in of ${email}`).toBe(201);
  const cookie = parseSetCookie(headers.get('set-cookie'));
  expect(cookie.name).toBe(SESSION_COOKIE);
  return { ...body, cookie: `${SESSION_COOKIE}=${cookie.value}` };
}

/**
 * Signs each seeded role in once for the file (a sign-in checks a slow password hash), after
 * the file's world opened. Read the sessions inside tests.
 */
export function signedInOnce(api: ContractApi, roles: readonly OperatorRole[] = ROLES) {
  const sessions = {} as Record<OperatorRole, SignedIn>;
  beforeAll(async () => {
    for (const role of roles) sessions[role] = await signIn(api, SEEDED_OPERATORS[role].email);
  }, 60_000);
  return sessions;
}
