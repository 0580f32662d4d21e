import { sha256Hex } from './passwords';
import type { RouteRequest } from './routeTypes';

/** The session cookie's name. */
export const SESSION_COOKIE = 'groupkit_session';

/** The token in a request's `groupkit_session` cookie, if it carries one. */
export function sessionTokenOf(request: RouteRequest): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || null;
  }
  return null;
}

/**
 * The CSRF token of a session: derived from its secret token, so it is never stored, a
 * reload can be given it again, and no one without the cookie can compute it.
 */
export const csrfTokenFor = (token: string) => sha256Hex(`csrf:${token}`);

/** Plain http on a loopback host cannot keep a `Secure` cookie: only there is it left off. */
function isLoopback(url: URL) {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** `Set-Cookie` for a new session (httpOnly, SameSite=Strict, Secure outside localhost). */
export function sessionCookie(request: RouteRequest, token: string, maxAgeSeconds: number): string {
  const secure = isLoopback(new URL(request.url)) ? '' : '; Secure';
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure}`;
}

/** `Set-Cookie` that removes the session cookie. */
export function clearedSessionCookie(request: RouteRequest): string {
  return sessionCookie(request, '', 0);
}

/**
 * The session cookie a response sets, kept beside it: browsers drop `Set-Cookie` from a
 * `Response` a script builds, so a host that must set it another way (MSW in a browser
 * service worker) reads it here.
 */
const cookiesOf = new WeakMap<Response, string>();

/** `response` with `cookie` as its `Set-Cookie` (see `setCookieOf`). */
export function withCookie(response: Response, cookie: string): Response {
  cookiesOf.set(response, cookie);
  response.headers.set('set-cookie', cookie);
  return response;
}

/** The `Set-Cookie` a route gave `response`, if any. */
export const setCookieOf = (response: Response) => cookiesOf.get(response);
