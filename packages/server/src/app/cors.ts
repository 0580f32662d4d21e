/** Headers a browser may read from an answer: the SDK reads these. */
const EXPOSED = 'x-request-id, retry-after, idempotent-replayed';
/** Headers the SDK sends. */
const ALLOWED_HEADERS =
  'authorization, content-type, idempotency-key, x-groupkit-user-hash, x-request-id';

/** The configured origins, normalised (no trailing slash); `*` allows any. */
export function corsPolicy(origins: readonly string[]) {
  const allowed = new Set(origins.map((o) => o.replace(/\/$/, '')));
  const allows = (origin: string | null): origin is string =>
    origin !== null && (allowed.has('*') || allowed.has(origin));
  return {
    /** Adds CORS headers for an allowed origin (publishable-key routes only). */
    decorate(response: Response, origin: string | null): Response {
      if (!allows(origin)) return response;
      // In place, not a copy: `new Response(response.body, …)` turns a body held whole into a
      // stream, which Node's adapter then reads chunk by chunk (every browser's request).
      response.headers.set('access-control-allow-origin', origin);
      response.headers.append('vary', 'origin');
      response.headers.set('access-control-expose-headers', EXPOSED);
      return response;
    },
    /** The preflight answer: 204 with what the browser may send, or 204 without CORS headers. */
    preflight(origin: string | null, methods: readonly string[], requested: string | null) {
      const headers = new Headers({ vary: 'origin' });
      if (allows(origin) && requested !== null && methods.includes(requested.toUpperCase())) {
        headers.set('access-control-allow-origin', origin);
        headers.set('access-control-allow-methods', methods.join(', '));
        headers.set('access-control-allow-headers', ALLOWED_HEADERS);
        headers.set('access-control-max-age', '600');
      }
      return new Response(null, { status: 204, headers });
    },
  };
}
