import type { AuditActor, OperatorRole } from '@groupkit/client';
import { constantTimeEqual } from '../engine/constantTime';
import { roleAtLeast } from '../engine/operators';
import { requireSecret } from './auth';
import { errorResponse } from './respond';
import type { Actor, ApiContext, ApiRoute, RouteRequest } from './routeTypes';

/**
 * Whether `actor` may call `route` at all: the key's scope, or the operator's session
 * (CSRF first: a forged request is refused before anything about it is judged) and role.
 */
export function refuseAccess(
  route: ApiRoute,
  actor: Actor,
  request: RouteRequest,
): Response | null {
  if (route.access === 'public') return null;
  if (actor.type === 'none') {
    return errorResponse(
      'unauthorized',
      'Sign in, or send an API key as "Authorization: Bearer <key>".',
    );
  }
  if (actor.type === 'key') {
    if (route.access === 'operator') {
      return errorResponse(
        'forbidden',
        'This endpoint is for a signed-in operator (the dashboard), not an API key.',
      );
    }
    return route.access === 'secret' ? requireSecret(actor.scope) : null;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const sent = request.headers.get('x-csrf-token') ?? '';
    if (!constantTimeEqual(sent, actor.csrfToken)) {
      return errorResponse(
        'csrf_failed',
        'Send the session’s csrfToken (from POST or GET /v1/operator-session) as X-CSRF-Token.',
      );
    }
  }
  const needed: OperatorRole = route.role ?? 'admin';
  if (!roleAtLeast(actor.operator.role, needed)) {
    return errorResponse(
      'role_forbidden',
      `This needs the ${needed} role; you are signed in as ${actor.operator.role}.`,
      { role: needed, yourRole: actor.operator.role },
    );
  }
  return null;
}

/** Who the audit log names for `actor`, or `null` when its writes are not audited. */
export function auditActorOf(route: ApiRoute, actor: Actor): AuditActor | null {
  if (route.audit === false || actor.type === 'none') return null;
  if (actor.type === 'operator') {
    return { type: 'operator', operatorId: actor.operator.id, email: actor.operator.email };
  }
  // End-user routes called by an app's backend with the secret key are the app's own
  // traffic, not administration: only secret routes are audited for keys.
  return actor.scope === 'secret' && route.access === 'secret'
    ? { type: 'key', keyId: actor.keyId }
    : null;
}

/** `user_group` for `/user-groups/:id/…`, `code` for anything under `/codes`, and so on. */
function targetOfPath(path: string): string {
  if (path.includes('/codes')) return 'code';
  const first = path.split('/')[1] ?? '';
  const named: Record<string, string> = {
    'user-groups': 'user_group',
    users: 'user',
    automations: 'automation',
    project: 'project',
    operators: 'operator',
    'api-keys': 'api_key',
    flows: 'flow',
    groups: 'account_group',
    audiences: 'audience',
  };
  return named[first] ?? first;
}

/** The state a target had, by target type (a throw: it did not exist, `before` is null). */
const READERS: Record<string, (ctx: ApiContext, body: unknown) => unknown> = {
  user_group: ({ engine, params }) => engine.getUserGroup(params.id as string),
  user: ({ engine, params }) => engine.getUser(params.userId as string),
  automation: ({ engine, params }) => engine.getAutomation(params.id as string),
  code: ({ engine, params }) =>
    params.codeId ? engine.getCode(params.idOrSlug as string, params.codeId) : null,
  project: ({ engine }) => engine.getProject(),
  // Identify names its account group in the body, not the path.
  account_group: ({ engine }, body) =>
    engine.getAccountGroup(String((body as { identifier?: unknown } | null)?.identifier ?? '')),
  flow: ({ engine, params }) => (params.flowId ? engine.getFlow(params.flowId) : null),
  operator: ({ engine, params }) => (params.id ? engine.getOperator(params.id) : null),
  // What a revocation removed: id, kind, prefix and creation time (never the key or its hash).
  api_key: ({ engine, params }) => (params.id ? engine.getApiKey(params.id) : null),
};

const idOf = (value: unknown) => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
};

/** The audit target of `route` and how to read its state before a write. */
export function auditTargetOf(route: ApiRoute): {
  type: string;
  redact: readonly string[];
  before: (ctx: ApiContext, body: unknown) => unknown;
} {
  const spec = route.audit === false ? undefined : route.audit;
  const type = spec?.target ?? targetOfPath(route.path);
  const read = spec?.before ?? READERS[type];
  return {
    type,
    redact: spec?.redact ?? [],
    before(ctx, body) {
      try {
        return read ? read(ctx, body) : null;
      } catch {
        return null; // not there yet: a creation
      }
    },
  };
}

/**
 * The id an audit entry names: the resource's own (a slug in the path becomes the group's
 * uuid, through `groupIdOf`), else what a creation answered, else the path's. A user is
 * always the path's `:userId`: the routes under a user answer something else of theirs (a
 * redemption, flow progress), whose ids are not the user's.
 */
export function auditTargetId(
  type: string,
  before: unknown,
  after: unknown,
  params: Record<string, string>,
  groupIdOf: (idOrSlug: string) => string = (idOrSlug) => idOrSlug,
): string | null {
  if (type === 'user' && params.userId !== undefined) return params.userId;
  return (
    idOf(before) ??
    idOf(after) ??
    // Creations that answer a wrapper: `{ operator, password }`, `{ key, value }`, `{ user, … }`.
    ['operator', 'key', 'user', 'group', 'code']
      .map((field) => idOf((after as Record<string, unknown> | null)?.[field]))
      .find((id) => id !== null) ??
    params.codeId ??
    params.flowId ??
    params.userId ??
    params.id ??
    (params.idOrSlug === undefined ? null : groupIdOf(params.idOrSlug))
  );
}
