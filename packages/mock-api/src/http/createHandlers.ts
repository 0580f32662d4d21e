import { delay, HttpResponse, http } from 'msw';
import type { GroupsEngine } from '../engine/createGroupsEngine';
import { authenticate, type KeyScope, verifyIdentity } from './auth';
import { errorFromThrown, errorResponse } from './respond';

export interface HandlersOptions {
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
}

type Resolver = (ctx: {
  request: Request;
  params: Record<string, string>;
  url: URL;
  scope: KeyScope;
}) => Response | Promise<Response>;

/**
 * MSW 2 handlers for the groups API: a thin skin that parses, authorizes, calls the engine
 * and maps its typed errors to HTTP. All rules live in the engine.
 */
export function createHandlers(engine: GroupsEngine, options: HandlersOptions = {}) {
  const base = `${(options.baseUrl ?? '*').replace(/\/$/, '')}/v1`;
  const { latency = 0 } = options;

  const wait = async () => {
    const ms =
      typeof latency === 'number'
        ? latency
        : latency[0] + Math.random() * (latency[1] - latency[0]);
    if (ms > 0) await delay(ms);
  };

  const route =
    (resolve: Resolver) =>
    async ({
      request,
      params,
    }: {
      request: Request;
      params: Record<string, string | readonly string[] | undefined>;
    }) => {
      await wait();
      const scope = authenticate(request);
      if (scope instanceof Response) return scope;
      try {
        return await resolve({
          request,
          params: params as Record<string, string>,
          url: new URL(request.url),
          scope,
        });
      } catch (error) {
        return errorFromThrown(error);
      }
    };

  /** A publishable key acts for one user; with verification on it must prove which. */
  const forUser = (request: Request, scope: KeyScope, userId: string) =>
    verifyIdentity(request, scope, userId, engine.identityVerification);

  return [
    http.get(
      `${base}/session`,
      route(async ({ request, url, scope }) => {
        const userId = url.searchParams.get('userId');
        if (!userId) {
          return errorResponse(400, 'validation_failed', 'Pass the user as ?userId=...', {
            field: 'userId',
          });
        }
        const denied = await forUser(request, scope, userId);
        if (denied) return denied;
        return HttpResponse.json(
          engine.getSession(userId, url.searchParams.get('groupId') ?? undefined),
        );
      }),
    ),
    http.get(
      `${base}/groups/:groupId`,
      route(({ params }) => HttpResponse.json(engine.getAccountGroup(params.groupId as string))),
    ),
    http.get(
      `${base}/users/:userId/memberships`,
      route(async ({ request, params, scope }) => {
        const userId = params.userId as string;
        const denied = await forUser(request, scope, userId);
        if (denied) return denied;
        return HttpResponse.json({ data: engine.listMemberships(userId) });
      }),
    ),
    http.get(
      `${base}/user-groups`,
      route(({ url }) => {
        const data = engine.listViewableUserGroups({
          includeScheduled: url.searchParams.get('include') === 'scheduled',
        });
        return HttpResponse.json({ data, page: 1, pageSize: data.length, total: data.length });
      }),
    ),
    // Anything else under /v1 is answered here, so an SDK call never leaks to the real network.
    http.all(`${base}/*`, ({ request }) =>
      errorResponse(
        404,
        'not_found',
        `No endpoint ${request.method} ${new URL(request.url).pathname}.`,
      ),
    ),
  ];
}
