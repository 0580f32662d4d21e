import type { RequestHandler } from 'msw';
import type { RouteContext } from '../context';

/** Code campaigns (secret) and redemption (publishable, for the user in the path). */
export function codeRoutes(_ctx: RouteContext): RequestHandler[] {
  return [];
}
