import { http, HttpResponse, type RequestHandler } from 'msw';
import { bearerKey, DEMO_IDENTITY_SECRET, unknownKey } from '../api/auth';
import { csrfTokenFor, SESSION_COOKIE, setCookieOf } from '../api/operatorCookie';
import { sha256Hex } from '../api/passwords';
import { errorResponse } from '../api/respond';
import { malformedPathResponse, noEndpointResponse } from '../api/paths';
import { apiRoutes } from '../api/routes';
import type { Actor, ApiRoute } from '../api/routeTypes';
import { runRoute } from '../api/runRoute';
import type { GroupsEngine } from '../engine/createGroupsEngine';
import { type ContextOptions, createRehearsal, type FaultOptions } from './faults';

export type { FaultOptions };

export interface HandlersOptions extends ContextOptions {
  /**
   * Origin the handlers answer for. `'*'` answers for any origin, so the SDK's default
   * base URL and a relative one both reach the mock.
   * @default '*'
   * @example createHandlers(engine, { baseUrl: 'https://api.example.test' })
   */
  baseUrl?: string;
  /**
   * Delay before every answer, in ms: a number, or `[min, max]` for a random delay.
   * @default 0
   * @example createHandlers(engine, { latency: [200, 800] })
   */
  latency?: number | readonly [number, number];
  /**
   * Probabilities of injected failures, for reliability tests. Faults strike before the
   * engine runs, so a failed request never half-applies.
   * @default {}
   * @example createHandlers(engine, { faults: { serverError: 0.2, networkError: 0.1, rateLimit: 0.05 } })
   */
  faults?: FaultOptions;
  /**
   * Called after every answered request that may change state (any method but GET and
   * HEAD), before its answer goes out: a save made here lands before the client sees the
   * answer. `startMockWorker`'s `persist` saves the engine here.
   * @default undefined
   * @example createHandlers(engine, { afterWrite: () => save(engine.snapshot()) })
   */
  afterWrite?: (request: Request) => void;
}

/**
 * Who sends `request`: a bearer key wins; else the session cookie (MSW hands the cookies
 * it keeps for mocked responses to the resolver). A public route (sign-in) takes no
 * credentials and looks at none (`security: []`): a stale key does not block signing in.
 */
async function mockActor(
  request: Request,
  cookies: Record<string, string>,
  engine: GroupsEngine,
  route: ApiRoute,
): Promise<Actor | Response> {
  if (route.access === 'public') return { type: 'none' };
  const token = cookies[SESSION_COOKIE];
  if (!request.headers.has('authorization') && token) {
    const tokenHash = await sha256Hex(token);
    const session = engine.operatorOfSession(tokenHash);
    if (!session) {
      return errorResponse('unauthorized', 'Your session has ended; sign in again.');
    }
    return { type: 'operator', ...session, tokenHash, csrfToken: await csrfTokenFor(token) };
  }
  const key = bearerKey(request);
  if (key instanceof Response) return key;
  // Keys are the engine's (hashed), so an owner's new key works and a deleted one is 401.
  const found = engine.findApiKey(await sha256Hex(key));
  if (!found) return unknownKey();
  return { type: 'key', keyId: found.id, scope: found.kind };
}

/** MSW keeps a mocked `Set-Cookie` (and hands it back) only on its own `HttpResponse`. */
function withMockCookie(response: Response): Response {
  const cookie = setCookieOf(response);
  if (!cookie) return response;
  const headers = new Headers(response.headers);
  headers.set('set-cookie', cookie);
  return new HttpResponse(response.body, { status: response.status, headers });
}

/** Matches a request under `${origin}/v1/` whose path does not percent-decode (`%E0%A4%A`). */
function malformedPath(origin: string) {
  return ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const under =
      origin === '*' ? url.pathname.includes('/v1/') : url.href.startsWith(`${origin}/v1/`);
    if (!under) return false;
    try {
      decodeURIComponent(url.pathname);
      return false;
    } catch {
      return true;
    }
  };
}

const METHODS = {
  GET: http.get,
  POST: http.post,
  PUT: http.put,
  PATCH: http.patch,
  DELETE: http.delete,
} as const;

/**
 * MSW 2 handlers for the groups API: the shared route list (`apiRoutes`, also served by
 * `@groupkit/server`) over an in-memory engine, plus the mock's latency and faults. All
 * rules live in the engine.
 * @example
 * const server = setupServer(...createHandlers(createGroupsEngine(), { latency: [50, 300] }));
 */
export function createHandlers(
  engine: GroupsEngine,
  options: HandlersOptions = {},
): RequestHandler[] {
  const origin = (options.baseUrl ?? '*').replace(/\/$/, '');
  const base = `${origin}/v1`;
  const rehearsal = createRehearsal(options);

  const handler = (route: ApiRoute) =>
    METHODS[route.method](`${base}${route.path}`, async ({ request, params, cookies }) => {
      await rehearsal.wait();
      const fault = rehearsal.fault();
      if (fault) return fault;
      const actor = await mockActor(request, cookies, engine, route);
      if (actor instanceof Response) return actor;
      const response = await runRoute(route, {
        request,
        params: params as Record<string, string>,
        // An operator acts with the secret key's reach; their role limits them (runRoute).
        scope: actor.type === 'key' ? actor.scope : 'secret',
        caller:
          actor.type === 'key'
            ? actor.keyId
            : actor.type === 'operator'
              ? `operator:${actor.operator.id}`
              : '',
        actor,
        engine,
        identitySecret: DEMO_IDENTITY_SECRET,
      });
      if (options.afterWrite && request.method !== 'GET' && request.method !== 'HEAD') {
        options.afterWrite(request);
      }
      return withMockCookie(response);
    });

  return [
    // First: MSW's router throws on a path it cannot percent-decode, which would be a 500.
    http.all(malformedPath(origin), ({ request }) =>
      malformedPathResponse(new URL(request.url).pathname),
    ),
    ...apiRoutes.map(handler),
    // Anything else under /v1 is answered here, so an SDK call never leaks to the real network.
    http.all(`${base}/*`, ({ request }) =>
      noEndpointResponse(request.method, new URL(request.url).pathname),
    ),
  ];
}
