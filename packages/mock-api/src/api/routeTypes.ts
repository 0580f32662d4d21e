import type { AuditActor, Operator, OperatorRole } from '@groupkit/client';
import type { GroupsEngine } from '../engine/createGroupsEngine';
import type { LoadSpec } from './loadSpec';
import type { PasswordHasher } from './passwords';

/** Which kind of key a request carries. */
export type KeyScope = 'publishable' | 'secret';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who sends a request, as the host authenticated it: an API key (bearer), a signed-in
 * operator (the `groupkit_session` cookie), or nobody (only sign-in takes that).
 */
export type Actor =
  | { type: 'key'; keyId: string; scope: KeyScope }
  | {
      type: 'operator';
      operator: Operator;
      /** SHA-256 of the session token: what sign-out deletes. */
      tokenHash: string;
      /** The session's CSRF token, which every state-changing request must send back. */
      csrfToken: string;
      expiresAt: string;
    }
  | { type: 'none' };

/**
 * What the audit log records about a route's successful writes. `before` reads the
 * resource once the route has loaded its state (a throw means it did not exist yet).
 */
export interface AuditSpec {
  /** `user_group`, `code`, `user`, `automation`, `project`, `operator`, `api_key`. */
  target: string;
  /** Reads the target's state before the write, given the request's body (default: by target type). */
  before?: (ctx: ApiContext, body: unknown) => unknown;
  /** Fields never logged besides `password` (a new API key's `value`). */
  redact?: readonly string[];
}

/**
 * What routes read of a request. A `Request` is one; a host may pass its own object: the
 * server passes one over a body it has already read, so running a request again (a key that
 * changed meanwhile) needs no copy of a stream, and a GET never builds a full `Request`.
 */
export type RouteRequest = Pick<Request, 'method' | 'url' | 'headers' | 'text'>;

/** What a route's handler gets: the parsed request and the engine to run it on. */
export interface ApiContext {
  request: RouteRequest;
  url: URL;
  /** Path parameters by name (`:id` → `params.id`), percent-decoded. */
  params: Record<string, string>;
  scope: KeyScope;
  /**
   * Who is calling, for scoping stored idempotent answers: the mock uses the key itself,
   * the server the key's id (a key is never stored in clear).
   */
  caller: string;
  /** Who is calling (see `Actor`). */
  actor: Actor;
  /**
   * Who the audit log names for this request (an operator, or the secret key on an admin
   * route); `null` for end-user traffic. Records that say who changed them use it.
   */
  by: AuditActor | null;
  engine: GroupsEngine;
  /** Hashes and checks operator passwords (the host's; see `PasswordHasher`). */
  passwords: PasswordHasher;
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
  /**
   * `any`: either key (an operator too, with `role`); `secret`: the secret key or an
   * operator, 403 `forbidden` for a publishable key; `operator`: a signed-in operator only
   * (403 `forbidden` for a key); `public`: no credentials at all (sign-in).
   */
  access: 'any' | 'secret' | 'operator' | 'public';
  /**
   * The least operator role the route needs (`role_forbidden` below it). Keys are not
   * limited by it: the secret key may do everything (server to server).
   * @default 'admin'
   */
  role?: OperatorRole;
  /**
   * How the audit log records the route's successful writes. Every write by the secret key
   * or an operator is recorded; `false` for a POST that only reads (a preview).
   * @default { target: <from the path: `user_group` for /user-groups/…, `code` under /codes, …> }
   */
  audit?: AuditSpec | false;
  /**
   * For a route acting on behalf of one user: where the user id is. With identity
   * verification on, a publishable key must then prove that user first.
   */
  userIdOf?: (ctx: Pick<ApiContext, 'params' | 'url'>) => string;
  handle: (ctx: ApiContext & { userId: string }) => Response | Promise<Response>;
}
