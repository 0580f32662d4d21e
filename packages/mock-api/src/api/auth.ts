import { constantTimeEqual } from '../engine/constantTime';
import { errorResponse } from './respond';
import type { KeyScope } from './routeTypes';

export type { KeyScope };

/** The keys every mock scenario accepts (and the server's seeded demo project). */
export const PUBLISHABLE_KEY = 'pk_test_groupkit';
export const SECRET_KEY = 'sk_test_groupkit';

/** The bearer key as sent, or 401 `unauthorized` when there is none. */
export function bearerKey(request: Request): string | Response {
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

/** hex(HMAC-SHA256(secret key, userId)): what a server computes for identity verification. */
export async function computeUserHash(userId: string, secretKey = SECRET_KEY): Promise<string> {
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
  request: Request,
  scope: KeyScope,
  userId: string,
  required: boolean,
  secret: string,
): Promise<Response | null> {
  if (!required || scope === 'secret') return null;
  if (userId === '') {
    return errorResponse(
      'identity_unverified',
      'Identity verification is on: name the signed-in user with ?userId= and send X-GroupKit-User-Hash = hex(HMAC-SHA256(secret key, userId)) computed on your server.',
      { userId },
    );
  }
  const given = request.headers.get('x-groupkit-user-hash') ?? '';
  if (constantTimeEqual(given.toLowerCase(), await computeUserHash(userId, secret))) return null;
  return errorResponse(
    'identity_unverified',
    'Identity verification is on: send X-GroupKit-User-Hash = hex(HMAC-SHA256(secret key, userId)) computed on your server.',
    { userId },
  );
}
