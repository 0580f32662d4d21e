import { delay, HttpResponse, type HttpResponseResolver } from 'msw';
import type { GroupsEngine } from '../engine/createGroupsEngine';
import { GroupsEngineError } from '../engine/errors';
import { authenticate, type KeyScope, requireSecret, verifyIdentity } from './auth';
import { errorFromThrown, errorResponse } from './respond';

/** The largest JSON body any endpoint accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface FaultOptions {
  /** Probability (0-1) of answering 500 `internal_error`. @default 0 */
  serverError?: number;
  /** Probability (0-1) of dropping the connection (a network error in the client). @default 0 */
  networkError?: number;
  /** Probability (0-1) of answering 429 `rate_limited` with `Retry-After: 1`. @default 0 */
  rateLimit?: number;
}

export interface RouteRequest {
  request: Request;
  params: Record<string, string>;
  url: URL;
  scope: KeyScope;
  /** The bearer key as sent (idempotency is scoped to it). */
  apiKey: string;
}

type Resolver = (ctx: RouteRequest) => Response | Promise<Response>;

/** What each route module gets: the engine and the wrappers every endpoint shares. */
export interface RouteContext {
  engine: GroupsEngine;
  /** `${baseUrl}/v1`. */
  base: string;
  /** Latency, faults, auth and error mapping around a resolver. */
  route: (resolve: Resolver) => HttpResponseResolver;
  /** As `route`, and 403 `forbidden` for a publishable key. */
  admin: (resolve: Resolver) => HttpResponseResolver;
  /**
   * As `route`, for a request made on behalf of one user (`userIdOf` reads it from the path
   * or query): with identity verification on, a publishable key must prove that user first.
   */
  userRoute: (
    userIdOf: (ctx: RouteRequest) => string,
    resolve: (ctx: RouteRequest & { userId: string }) => Response | Promise<Response>,
  ) => HttpResponseResolver;
  /** The JSON body: 413 over 64 KB, 400 `invalid_json` when it does not parse. */
  readJson: (request: Request) => Promise<unknown>;
}

export interface ContextOptions {
  latency?: number | readonly [number, number];
  faults?: FaultOptions;
  /** Random source for latency and faults; inject one for reproducible fault tests. @default Math.random */
  random?: () => number;
}

export function createRouteContext(
  engine: GroupsEngine,
  base: string,
  options: ContextOptions,
): RouteContext {
  const { latency = 0, faults = {}, random = Math.random } = options;

  const wait = async () => {
    const ms =
      typeof latency === 'number' ? latency : latency[0] + random() * (latency[1] - latency[0]);
    if (ms > 0) await delay(ms);
  };

  /** Injected faults happen before the engine sees the request, so a fault never half-applies. */
  const injectFault = (): Response | null => {
    if (faults.networkError && random() < faults.networkError) return HttpResponse.error();
    if (faults.rateLimit && random() < faults.rateLimit) {
      return errorResponse(
        'rate_limited',
        'Too many requests; retry after the Retry-After delay.',
        {},
        { 'retry-after': '1' },
      );
    }
    if (faults.serverError && random() < faults.serverError) {
      return errorResponse(
        'internal_error',
        'Injected fault: the server failed (mock faults option).',
      );
    }
    return null;
  };

  const wrap =
    (resolve: Resolver, secretOnly: boolean): HttpResponseResolver =>
    async ({ request, params }) => {
      await wait();
      const fault = injectFault();
      if (fault) return fault;
      const auth = authenticate(request);
      if (auth instanceof Response) return auth;
      const { scope, apiKey } = auth;
      if (secretOnly) {
        const denied = requireSecret(scope);
        if (denied) return denied;
      }
      try {
        return await resolve({
          request,
          params: params as Record<string, string>,
          url: new URL(request.url),
          scope,
          apiKey,
        });
      } catch (error) {
        return errorFromThrown(error);
      }
    };

  return {
    engine,
    base,
    route: (resolve) => wrap(resolve, false),
    admin: (resolve) => wrap(resolve, true),
    userRoute: (userIdOf, resolve) =>
      wrap(async (ctx) => {
        const userId = userIdOf(ctx);
        const denied = await verifyIdentity(
          ctx.request,
          ctx.scope,
          userId,
          engine.identityVerification,
        );
        return denied ?? resolve({ ...ctx, userId });
      }, false),
    async readJson(request) {
      const declared = Number(request.headers.get('content-length') ?? 0);
      const text = declared > MAX_BODY_BYTES ? '' : await request.text();
      const size = declared > MAX_BODY_BYTES ? declared : new TextEncoder().encode(text).length;
      if (size > MAX_BODY_BYTES) {
        throw new GroupsEngineError(
          'payload_too_large',
          `The body is ${size} bytes; the limit is ${MAX_BODY_BYTES}.`,
          {
            limit: MAX_BODY_BYTES,
            size,
          },
        );
      }
      try {
        return JSON.parse(text);
      } catch (error) {
        // The parser's reason says where it broke ("... at position 23").
        const reason = text.trim() === '' ? 'it is empty' : (error as Error).message;
        throw new GroupsEngineError(
          'invalid_json',
          `The body is not valid JSON (${reason}); send a JSON object with Content-Type: application/json.`,
          { field: 'body' },
        );
      }
    },
  };
}

/** The user a request acts for, from a `:userId` path segment. */
export const pathUserId = ({ params }: RouteRequest) => params.userId as string;

/** The user a request acts for, from `?userId=` (400 when it is missing). */
export function queryUserId({ url }: RouteRequest): string {
  const userId = url.searchParams.get('userId');
  if (!userId) {
    throw new GroupsEngineError('validation_failed', 'Pass the user as ?userId=...', {
      field: 'userId',
    });
  }
  return userId;
}
