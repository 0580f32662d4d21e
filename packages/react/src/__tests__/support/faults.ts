import { createHandlers, type GroupsEngine } from '@groupkit/mock-api';
import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import type { setupServer } from 'msw/node';

/**
 * What can go wrong with one request. The first three strike before the engine, as the mock's
 * own `faults` option does (nothing applied); `lostResponse` strikes after it: the server
 * applied the request, then the connection dropped before the answer reached the client.
 */
export type Fault = 'serverError' | 'networkError' | 'rateLimit' | 'lostResponse';

export const FAULTS: readonly Fault[] = [
  'serverError',
  'networkError',
  'rateLimit',
  'lostResponse',
];

/** The answer of a fault that strikes before the engine, shaped as the mock answers it. */
export function faultAnswer(fault: Exclude<Fault, 'lostResponse'>): Response {
  if (fault === 'networkError') return HttpResponse.error();
  const [status, code, headers] =
    fault === 'rateLimit'
      ? [429, 'rate_limited', { 'retry-after': '1' }]
      : [500, 'internal_error', undefined];
  return HttpResponse.json(
    { error: { code, message: `Injected fault: ${code}.`, details: {} } },
    { status, headers },
  );
}

/** A small seeded PRNG (mulberry32): the same seed gives the same latencies and faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random source that returns `script` in order, then `rest` for ever. Given to the mock's
 * `createHandlers(engine, { faults, random })`, it decides exactly which request fails how:
 * each request draws for `networkError`, then `rateLimit`, then `serverError` (a draw below
 * the probability strikes), skipping the faults whose probability is 0.
 */
export function scriptedRandom(script: readonly number[], rest = 0.99): () => number {
  let next = 0;
  return () => script[next++] ?? rest;
}

export interface FaultLayerOptions {
  /** The fault for this request, or `null` to let it through. */
  decide: (request: Request) => Fault | null | Promise<Fault | null>;
  /** Sees every answer the real handlers gave (including those lost on the way back). */
  onAnswer?: (request: Request, response: Response) => void;
}

/**
 * One MSW handler in front of the real ones: it answers a fault where `decide` asks for one
 * and otherwise forwards the request to `real`. A `lostResponse` is forwarded too (the server
 * applies it) and then answered with a dropped connection.
 */
export function faultLayer(
  base: string,
  real: RequestHandler[],
  { decide, onAnswer }: FaultLayerOptions,
): RequestHandler {
  return http.all(`${base}/v1/*`, async ({ request }) => {
    const fault = await decide(request);
    if (fault && fault !== 'lostResponse') return faultAnswer(fault);
    const response = await getResponse(real, request);
    if (!response) throw new Error(`No handler answered ${request.method} ${request.url}`);
    onAnswer?.(request, response.clone());
    return fault === 'lostResponse' ? HttpResponse.error() : response;
  });
}

/**
 * Lets the real handlers apply the next `count` requests to `method path`, then drops the
 * connection before each answer reaches the client. Returns what the server saw: each
 * request's `Idempotency-Key`, and whether the engine applied it or replayed a stored answer.
 * @example const lost = loseAnswers(server, engine, BASE, 'post', '/users/u_ada/membership-changes');
 */
export function loseAnswers(
  server: ReturnType<typeof setupServer>,
  engine: GroupsEngine,
  base: string,
  method: 'get' | 'post',
  path: string,
  count = 1,
) {
  const seen: { key: string | null; status: number; replayed: boolean }[] = [];
  const real = createHandlers(engine, { baseUrl: base });
  let left = count;
  server.use(
    http[method](`${base}/v1${path}`, async ({ request }) => {
      const response = await getResponse(real, request);
      if (!response) throw new Error(`No handler answered ${request.method} ${request.url}`);
      seen.push({
        key: request.headers.get('idempotency-key'),
        status: response.status,
        replayed: response.headers.get('idempotent-replayed') === 'true',
      });
      if (left <= 0) return response;
      left--;
      return HttpResponse.error();
    }),
  );
  return { seen };
}

/**
 * The real handlers answer every request to `method path` at once (the server state is read
 * or changed then), but the answers wait until `release()`: a slow trip back.
 */
export function holdAnswers(
  server: ReturnType<typeof setupServer>,
  engine: GroupsEngine,
  base: string,
  method: 'get' | 'post',
  path: string,
) {
  const real = createHandlers(engine, { baseUrl: base });
  const waiting: (() => void)[] = [];
  let released = false;
  server.use(
    http[method](`${base}/v1${path}`, async ({ request }) => {
      const response = await getResponse(real, request);
      if (!released) await new Promise<void>((resolve) => waiting.push(resolve));
      return response;
    }),
  );
  return {
    /** Lets every held answer (and all later ones) through. */
    release() {
      released = true;
      for (const resume of waiting.splice(0)) resume();
    },
    get held() {
      return waiting.length;
    },
  };
}
