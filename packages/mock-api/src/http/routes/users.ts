import type { RequestHandler } from 'msw';
import type { RouteContext } from '../context';

/** Users (secret upsert/update) and account-group identify. */
export function userRoutes(_ctx: RouteContext): RequestHandler[] {
  return [];
}
