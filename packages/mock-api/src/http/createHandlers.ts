import { type HttpResponseResolver, http, type RequestHandler } from 'msw';
import type { GroupsEngine } from '../engine/createGroupsEngine';
import {
  type ContextOptions,
  createRouteContext,
  type FaultOptions,
  type RouteContext,
} from './context';
import { errorResponse } from './respond';
import { automationRoutes } from './routes/automations';
import { codeRoutes } from './routes/codes';
import { sessionRoutes } from './routes/session';
import { userGroupRoutes } from './routes/userGroups';
import { userRoutes } from './routes/users';

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

/** Runs `afterWrite` after each write an endpoint resolver answered (faults included: harmless). */
function withAfterWrite(ctx: RouteContext, afterWrite: (request: Request) => void): RouteContext {
  const after =
    (resolve: HttpResponseResolver): HttpResponseResolver =>
    async (info) => {
      const response = await resolve(info);
      if (info.request.method !== 'GET' && info.request.method !== 'HEAD') {
        afterWrite(info.request);
      }
      return response;
    };
  return {
    ...ctx,
    route: (resolve) => after(ctx.route(resolve)),
    admin: (resolve) => after(ctx.admin(resolve)),
    userRoute: (userIdOf, resolve) => after(ctx.userRoute(userIdOf, resolve)),
  };
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

/**
 * MSW 2 handlers for the groups API: a thin skin that parses, authorizes, calls the engine
 * and maps its typed errors to HTTP. All rules live in the engine.
 * @example
 * const server = setupServer(...createHandlers(createGroupsEngine(), { latency: [50, 300] }));
 */
export function createHandlers(
  engine: GroupsEngine,
  options: HandlersOptions = {},
): RequestHandler[] {
  const origin = (options.baseUrl ?? '*').replace(/\/$/, '');
  const base = `${origin}/v1`;
  const routeContext = createRouteContext(engine, base, options);
  const ctx = options.afterWrite ? withAfterWrite(routeContext, options.afterWrite) : routeContext;
  return [
    // First: MSW's router throws on a path it cannot percent-decode, which would be a 500.
    http.all(malformedPath(origin), ({ request }) =>
      errorResponse(
        'validation_failed',
        `path: ${new URL(request.url).pathname} has a malformed percent-escape; encode each path segment with encodeURIComponent.`,
        { field: 'path' },
      ),
    ),
    ...sessionRoutes(ctx),
    ...codeRoutes(ctx),
    ...userRoutes(ctx),
    ...automationRoutes(ctx),
    ...userGroupRoutes(ctx),
    // Anything else under /v1 is answered here, so an SDK call never leaks to the real network.
    http.all(`${base}/*`, ({ request }) =>
      errorResponse('not_found', `No endpoint ${request.method} ${new URL(request.url).pathname}.`),
    ),
  ];
}
