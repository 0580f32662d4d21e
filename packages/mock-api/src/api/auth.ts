import { constantTimeEqual } from '../engine/constantTime';
import { errorResponse } from './respond';
import type { KeyScope, RouteRequest } from './routeTypes';

export type { KeyScope };

/** The keys every mock scenario accepts (and the server's seeded demo project). */
export const PUBLISHABLE_KEY = 'pk_test_groupkit';
export const SECRET_KEY = 'sk_test_groupkit';

/**
 * The demo project's identity-verification secret: users' hashes are
 * hex(HMAC-SHA256(this, userId)). Its own secret, not the API key, as on a real server: a
 * browser mock that signs the `verified` scenario's users carries this, never a key.
 */
export const DEMO_IDENTITY_SECRET = 'iv_test_groupkit';

/** The bearer key as sent, or 401 `unauthorized` when there is none. */
export function bearerKey(request: RouteRequest): string | Response {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    return errorResponse('unauthorized', 'Send your API key as "Authorization: Bearer <key>".');
  }
  return match[1] as string;
}

/** 401 `unauthorized` for a key that is not one of the project's. */
export function unknownKey(): Response {
  return errorResponse(
    'unauthorized',
    'Unknown API key. Use a publishable (pk_) or secret (sk_) key of this project.',
  );
}

/** Admin endpoints need the secret key: 403 `forbidden` for a publishable one. */
export function requireSecret(scope: KeyScope): Response | null {
  return scope === 'secret'
    ? null
    : errorResponse(
        'forbidden',
        'This endpoint needs the secret key (sk_); never ship it to a browser.',
      );
}

/**
 * hex(HMAC-SHA256(secret, userId)): what an app's server computes for identity verification,
 * with its project's identity-verification secret (the demo project's by default).
 */
export async function computeUserHash(
  userId: string,
  secretKey = DEMO_IDENTITY_SECRET,
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secretKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(userId)));
  return Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * With identity verification on, a publishable request for a user must carry that user's
 * hash, made with `secret` (the project's identity-verification secret). A request naming no
 * user (identify without `?userId=`) has no one to prove, so it is refused.
 */
export async function verifyIdentity(
  request: RouteRequest,
  scope: KeyScope,
  userId: string,
  required: boolean,
  secret: string,
): Promise<Response | null> {
  if (!required || scope === 'secret') return null;
  if (userId === '') {
    return errorResponse(
      'identity_unverified',
      'Identity verification is on: name the signed-in user with ?userId= and send X-GroupKit-User-Hash = hex(HMAC-SHA256(identity secret, userId)) computed on your server.',
      { userId },
    );
  }
  const given = request.headers.get('x-groupkit-user-hash') ?? '';
  if (constantTimeEqual(given.toLowerCase(), await computeUserHash(userId, secret))) return null;
  return errorResponse(
    'identity_unverified',
    'Identity verification is on: send X-GroupKit-User-Hash = hex(HMAC-SHA256(identity secret, userId)) computed on your server.',
    { userId },
  );
}
