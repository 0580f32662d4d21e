import { GroupsEngineError, isGroupsEngineError } from '../engine/errors';
import type { GroupsEngine } from '../engine/createGroupsEngine';
import { verifyIdentity } from './auth';
import type { LoadSpec } from './loadSpec';
import { type PasswordHasher, pbkdf2Passwords } from './passwords';
import { readJson } from './readJson';
import { errorFromThrown } from './respond';
import { auditActorOf, auditTargetId, auditTargetOf, refuseAccess } from './routeAccess';
import type { Actor, ApiContext, ApiRoute, KeyScope, RouteRequest } from './routeTypes';

/** An authenticated request, ready for a route (authentication itself is the host's). */
export interface RouteCall {
  request: RouteRequest;
  params: Record<string, string>;
  scope: KeyScope;
  /** See `ApiContext.caller`. */
  caller: string;
  /**
   * Who is calling, as the host authenticated them.
   * @default { type: 'key', keyId: caller, scope }
   */
  actor?: Actor;
  engine: GroupsEngine;
  /**
   * Makes and checks operator passwords.
   * @default pbkdf2Passwords() (WebCrypto)
   */
  passwords?: PasswordHasher;
  /** The key users' hashes are made with when identity verification is on. */
  identitySecret: string;
  load?: (spec: LoadSpec) => Promise<void>;
  /**
   * What a failure that is not a `GroupsEngineError` becomes: a 500 answer (the mock), or
   * rethrown so the host can roll its transaction back and answer for itself (the server:
   * a database outage is 503, not 500).
   * @default 'respond'
   */
  unexpected?: 'respond' | 'throw';
}

const loadNothing = async () => {};
const defaultPasswords = pbkdf2Passwords();

/** A JSON answer's body, or `null` (no body, CSV). */
async function jsonBodyOf(response: Response): Promise<unknown> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return null;
  return response.clone().json();
}

/**
 * The part of every endpoint that is not the endpoint's own: the secret-key check, the
 * user and identity verification of per-user routes, and engine errors mapped to answers.
 */
export async function runRoute(route: ApiRoute, call: RouteCall): Promise<Response> {
  const actor: Actor = call.actor ?? { type: 'key', keyId: call.caller, scope: call.scope };
  const refused = refuseAccess(route, actor, call.request);
  if (refused) return refused;
  const auditor = auditActorOf(route, actor);
  const audited = auditor !== null && call.request.method !== 'GET';
  const target = auditTargetOf(route);
  try {
    let bodyRead = false;
    let body: unknown = null;
    let before: unknown = null;
    let loadedOnce = false;
    const load = call.load ?? loadNothing;
    const ctx: ApiContext = {
      request: call.request,
      url: new URL(call.request.url),
      params: call.params,
      scope: call.scope,
      caller: call.caller,
      actor,
      by: auditor,
      engine: call.engine,
      passwords: call.passwords ?? defaultPasswords,
      // What an audited write changes is read right after its state is loaded, before the
      // route changes anything.
      load: async (spec) => {
        await load(spec);
        if (audited && !loadedOnce) before = target.before(ctx, body);
        loadedOnce = true;
      },
      readJson: async () => {
        if (bodyRead) throw new Error('readJson: the body was already read');
        bodyRead = true;
        body = await readJson(call.request);
        return body;
      },
    };
    let userId = '';
    if (route.userIdOf) {
      userId = route.userIdOf(ctx);
      const denied = await verifyIdentity(
        call.request,
        call.scope,
        userId,
        call.engine.identityVerification,
        call.identitySecret,
      );
      if (denied) return denied;
    }
    const response = await route.handle({ ...ctx, userId });
    if (audited && response.status < 300) {
      const after = await jsonBodyOf(response);
      // Same state, same transaction: the entry lands with the change or not at all.
      call.engine.appendAudit({
        actor: auditor,
        action: `${route.method} ${route.path}`,
        target: {
          type: target.type,
          id: auditTargetId(target.type, before, after, call.params, (ref) =>
            groupIdOf(call.engine, ref),
          ),
        },
        request: body,
        before,
        after,
        redact: target.redact,
      });
    }
    return response;
  } catch (error) {
    if (call.unexpected === 'throw' && !isGroupsEngineError(error)) throw error;
    return errorFromThrown(error);
  }
}

/** A user group's uuid from its uuid or slug (as written, when there is no such group). */
function groupIdOf(engine: GroupsEngine, idOrSlug: string): string {
  try {
    return engine.getUserGroup(idOrSlug).id;
  } catch {
    return idOrSlug;
  }
}

/** The user a request acts for, from a `:userId` path segment. */
export const pathUserId = ({ params }: Pick<ApiContext, 'params'>) => params.userId as string;

/** The user a request acts for, from `?userId=` (400 when it is missing). */
export function queryUserId({ url }: Pick<ApiContext, 'url'>): string {
  const userId = url.searchParams.get('userId');
  if (!userId) {
    throw new GroupsEngineError('validation_failed', 'Pass the user as ?userId=...', {
      field: 'userId',
    });
  }
  return userId;
}
