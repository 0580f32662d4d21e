import type { GroupsEngine } from '../engine/createGroupsEngine';
import type { LoadSpec } from './loadSpec';

/** Which kind of key a request carries. */
export type KeyScope = 'publishable' | 'secret';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's handler gets: the parsed request and the engine to run it on. */
export interface ApiContext {
  request: Request;
  url: URL;
  /** Path parameters by name (`:id` → `params.id`), percent-decoded. */
  params: Record<string, string>;
  scope: KeyScope;
  /**
   * Who is calling, for scoping stored idempotent answers: the mock uses the key itself,
   * the server the key's id (a key is never stored in clear).
   */
  caller: string;
  engine: GroupsEngine;
  /** Brings what the route reads into the engine's state (see `LoadSpec`). */
  load: (spec: LoadSpec) => Promise<void>;
  /** The JSON body (413 over 64 KB, 400 `invalid_json`). Read it at most once. */
  readJson: () => Promise<unknown>;
}

/**
 * One endpoint of the groups API, independent of any HTTP library: the mock's MSW handlers
 * and the server's Hono app are both built from the same list, so a route's validation,
 * authorization and engine call exist once.
 */
export interface ApiRoute {
  method: ApiMethod;
  /** Under `/v1`, with `:name` parameters (`/user-groups/:id/users`). */
  path: string;
  /** `secret`: 403 `forbidden` for a publishable key. */
  access: 'any' | 'secret';
  /**
   * For a route acting on behalf of one user: where the user id is. With identity
   * verification on, a publishable key must then prove that user first.
   */
  userIdOf?: (ctx: Pick<ApiContext, 'params' | 'url'>) => string;
  handle: (ctx: ApiContext & { userId: string }) => Response | Promise<Response>;
}
