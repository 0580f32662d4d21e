import { GroupsEngineError, isGroupsEngineError } from '../engine/errors';
import type { GroupsEngine } from '../engine/createGroupsEngine';
import { requireSecret, verifyIdentity } from './auth';
import type { LoadSpec } from './loadSpec';
import { readJson } from './readJson';
import { errorFromThrown } from './respond';
import type { ApiContext, ApiRoute, KeyScope } from './routeTypes';

/** An authenticated request, ready for a route (authentication itself is the host's). */
export interface RouteCall {
  request: Request;
  params: Record<string, string>;
  scope: KeyScope;
  /** See `ApiContext.caller`. */
  caller: string;
  engine: GroupsEngine;
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

/**
 * The part of every endpoint that is not the endpoint's own: the secret-key check, the
 * user and identity verification of per-user routes, and engine errors mapped to answers.
 */
export async function runRoute(route: ApiRoute, call: RouteCall): Promise<Response> {
  if (route.access === 'secret') {
    const denied = requireSecret(call.scope);
    if (denied) return denied;
  }
  try {
    let bodyRead = false;
    const ctx: ApiContext = {
      request: call.request,
      url: new URL(call.request.url),
      params: call.params,
      scope: call.scope,
      caller: call.caller,
      engine: call.engine,
      load: call.load ?? loadNothing,
      readJson: () => {
        if (bodyRead) throw new Error('readJson: the body was already read');
        bodyRead = true;
        return readJson(call.request);
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
    return await route.handle({ ...ctx, userId });
  } catch (error) {
    if (call.unexpected === 'throw' && !isGroupsEngineError(error)) throw error;
    return errorFromThrown(error);
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
