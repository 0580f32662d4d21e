import { constantTimeEqual } from '../engine/constantTime';
import { errorResponse } from './respond';

/** The keys every scenario accepts. */
export const PUBLISHABLE_KEY = 'pk_test_groupkit';
export const SECRET_KEY = 'sk_test_groupkit';

export type KeyScope = 'publishable' | 'secret';

/** Reads the bearer key; answers 401 `unauthorized` for a missing or unknown one. */
export function authenticate(request: Request): { scope: KeyScope; apiKey: string } | Response {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    return errorResponse('unauthorized', 'Send your API key as "Authorization: Bearer <key>".');
  }
  const apiKey = match[1] as string;
  if (apiKey === PUBLISHABLE_KEY) return { scope: 'publishable', apiKey };
  if (apiKey === SECRET_KEY) return { scope: 'secret', apiKey };
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

/** With identity verification on, a publishable request for a user must carry that user's hash. */
export async function verifyIdentity(
  request: Request,
  scope: KeyScope,
  userId: string,
  required: boolean,
): Promise<Response | null> {
  if (!required || scope === 'secret') return null;
  const given = request.headers.get('x-groupkit-user-hash') ?? '';
  if (constantTimeEqual(given.toLowerCase(), await computeUserHash(userId))) return null;
  return errorResponse(
    'identity_unverified',
    'Identity verification is on: send X-GroupKit-User-Hash = hex(HMAC-SHA256(secret key, userId)) computed on your server.',
    { userId },
  );
}
