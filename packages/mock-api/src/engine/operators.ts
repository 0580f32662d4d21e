import type { Operator, OperatorRole } from '@groupkit/client';
import { appendAudit, type AuditInput, listAuditLog, type ParsedAuditQuery } from './auditLog';
import { type AttemptThrottle, recentAttempts, refuseWhileLocked } from './attemptThrottle';
import { GroupsEngineError } from './errors';
import type { EngineState } from './state';
import type { OperatorRecord } from './types';

/** Roles from least to most: each includes what the ones before it may do. */
export const OPERATOR_ROLES: readonly OperatorRole[] = ['support', 'admin', 'owner'];

/** Whether `role` may do what `needed` may. */
export const roleAtLeast = (role: OperatorRole, needed: OperatorRole) =>
  OPERATOR_ROLES.indexOf(role) >= OPERATOR_ROLES.indexOf(needed);

/** Sign-in lockout: 5 failures for one email within 15 minutes lock it (429, `Retry-After`). */
export const SIGN_IN_THROTTLE: AttemptThrottle = {
  max: 5,
  windowMs: 15 * 60 * 1000,
  message: (retryAt) => `Too many failed sign-ins for this email; try again at ${retryAt}.`,
};

/** How long a session lasts from sign-in (12 hours). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Shortest password an operator may be given (a generated one is longer). */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 200;

/** The API shape: no password hash, ever. */
export function toOperator({ passwordHash: _hash, ...operator }: OperatorRecord): Operator {
  return operator;
}

/** An email as stored and compared: trimmed, lower-cased; 400 when it is not one. */
export function parseEmail(raw: unknown): string {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new GroupsEngineError('validation_failed', 'email: must be an email address.', {
      field: 'email',
    });
  }
  return email;
}

export function parseRole(raw: unknown): OperatorRole {
  if (typeof raw === 'string' && (OPERATOR_ROLES as string[]).includes(raw)) {
    return raw as OperatorRole;
  }
  throw new GroupsEngineError('validation_failed', 'role: must be support, admin or owner.', {
    field: 'role',
    allowed: OPERATOR_ROLES,
  });
}

/** A password an operator chose (400 when too short or long); `undefined` stays undefined. */
export function parsePassword(raw: unknown, field = 'password'): string | undefined {
  if (raw === undefined) return undefined;
  if (
    typeof raw !== 'string' ||
    raw.length < MIN_PASSWORD_LENGTH ||
    raw.length > MAX_PASSWORD_LENGTH
  ) {
    throw new GroupsEngineError(
      'validation_failed',
      `${field}: must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
      { field },
    );
  }
  return raw;
}

function requireOperator(state: EngineState, id: string): OperatorRecord {
  const record = state.operators.get(id);
  if (!record) {
    throw new GroupsEngineError('operator_not_found', `No operator with id "${id}".`, { id });
  }
  return record;
}

/** The operator signing in with `email` (any case), if there is one. */
export function findOperatorByEmail(state: EngineState, email: string): OperatorRecord | undefined {
  for (const record of state.operators.values()) if (record.email === email) return record;
  return undefined;
}

/** `GET /v1/operators`: everyone who can sign in, in creation order. */
export function listOperators(state: EngineState): Operator[] {
  return [...state.operators.values()].map(toOperator);
}

export function getOperator(state: EngineState, id: string): Operator {
  return toOperator(requireOperator(state, id));
}

/** The fields of `POST /v1/operators` the engine checks (the host hashes the password). */
export function parseNewOperator(body: unknown): {
  email: string;
  role: OperatorRole;
  password: string | undefined;
} {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    email: parseEmail(input.email),
    role: parseRole(input.role),
    password: parsePassword(input.password),
  };
}

/** Adds an operator whose password hash the host made; 409 `email_taken` for a known email. */
export function createOperator(
  state: EngineState,
  input: { email: string; role: OperatorRole; passwordHash: string },
): Operator {
  if (findOperatorByEmail(state, input.email)) {
    throw new GroupsEngineError('email_taken', `An operator with email ${input.email} exists.`, {
      field: 'email',
    });
  }
  const record: OperatorRecord = {
    id: state.ids(),
    email: input.email,
    role: input.role,
    createdAt: state.now().toISOString(),
    lastSignInAt: null,
    passwordHash: input.passwordHash,
  };
  state.operators.set(record.id, record);
  return toOperator(record);
}

/** A project always keeps an owner: demoting or removing the last one is refused. */
function keepAnOwner(state: EngineState, leaving: OperatorRecord) {
  if (leaving.role !== 'owner') return;
  const owners = [...state.operators.values()].filter((o) => o.role === 'owner');
  if (owners.length <= 1) {
    throw new GroupsEngineError(
      'last_owner',
      'This is the project’s last owner: make another operator owner first.',
      { id: leaving.id },
    );
  }
}

/** `PATCH /v1/operators/{id}`: a new role and/or a new password hash. */
export function updateOperator(
  state: EngineState,
  id: string,
  change: { role?: OperatorRole; passwordHash?: string },
): Operator {
  const record = requireOperator(state, id);
  if (change.role !== undefined && change.role !== 'owner') keepAnOwner(state, record);
  const next: OperatorRecord = {
    ...record,
    ...(change.role === undefined ? {} : { role: change.role }),
    ...(change.passwordHash === undefined ? {} : { passwordHash: change.passwordHash }),
  };
  state.operators.set(id, next);
  return toOperator(next);
}

/**
 * `DELETE /v1/operators/{id}`. Their sessions end with them: a session only signs in an
 * operator who still exists (`operatorOfSession`).
 */
export function deleteOperator(state: EngineState, id: string): Operator {
  const record = requireOperator(state, id);
  keepAnOwner(state, record);
  state.operators.delete(id);
  return toOperator(record);
}

/** 429 while `email` is locked out (checked before the password, so guesses cost nothing). */
export function refuseLockedSignIn(state: EngineState, email: string): void {
  refuseWhileLocked(SIGN_IN_THROTTLE, state.signInFailures.get(email), state.now().getTime());
}

/** A wrong email or password: counted towards the lockout, answered like any other. */
export function failSignIn(state: EngineState, email: string): never {
  const now = state.now().getTime();
  state.signInFailures.set(email, [
    ...recentAttempts(SIGN_IN_THROTTLE, state.signInFailures.get(email), now),
    now,
  ]);
  throw new GroupsEngineError('invalid_credentials', 'Wrong email or password.');
}

/** A right password: failures forgotten, the session stored (as its token's hash). */
export function startSession(
  state: EngineState,
  operatorId: string,
  tokenHash: string,
): { operator: Operator; expiresAt: string } {
  const record = requireOperator(state, operatorId);
  const now = state.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  state.signInFailures.delete(record.email);
  const signedIn = { ...record, lastSignInAt: now.toISOString() };
  state.operators.set(record.id, signedIn);
  state.operatorSessions.set(tokenHash, {
    tokenHash,
    operatorId,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { operator: toOperator(signedIn), expiresAt };
}

/** The session's operator, or `null` for an unknown, expired or orphaned session. */
export function operatorOfSession(
  state: EngineState,
  tokenHash: string,
): { operator: Operator; expiresAt: string } | null {
  const session = state.operatorSessions.get(tokenHash);
  if (!session || Date.parse(session.expiresAt) <= state.now().getTime()) return null;
  const record = state.operators.get(session.operatorId);
  return record ? { operator: toOperator(record), expiresAt: session.expiresAt } : null;
}

/** Sign-out: the session is gone, whatever the cookie says afterwards. */
export function endSession(state: EngineState, tokenHash: string): void {
  state.operatorSessions.delete(tokenHash);
}

/** The operator and audit operations of `GroupsEngine`. */
export function createOperatorsApi(state: EngineState) {
  return {
    listOperators: () => listOperators(state),
    getOperator: (id: string) => getOperator(state, id),
    findOperatorByEmail: (email: string) => findOperatorByEmail(state, email),
    createOperator: (input: Parameters<typeof createOperator>[1]) => createOperator(state, input),
    updateOperator: (id: string, change: Parameters<typeof updateOperator>[2]) =>
      updateOperator(state, id, change),
    deleteOperator: (id: string) => deleteOperator(state, id),
    refuseLockedSignIn: (email: string) => refuseLockedSignIn(state, email),
    failSignIn: (email: string) => failSignIn(state, email),
    startSession: (operatorId: string, tokenHash: string) =>
      startSession(state, operatorId, tokenHash),
    operatorOfSession: (tokenHash: string) => operatorOfSession(state, tokenHash),
    endSession: (tokenHash: string) => endSession(state, tokenHash),
    appendAudit: (input: AuditInput) => appendAudit(state, input),
    listAuditLog: (query: ParsedAuditQuery) => listAuditLog(state, query),
  };
}
