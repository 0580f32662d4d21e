import { constantTimeEqual } from '../engine/constantTime';

/**
 * Makes and checks operators' password hashes. The host supplies it: the server uses scrypt
 * (node:crypto); the mock, which must run in a browser and takes no third-party runtime
 * dependency, uses PBKDF2 from WebCrypto (`pbkdf2Passwords`). Every verifier reads the
 * PBKDF2 format too, so an operator seeded with one signs in on every host.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Whether `password` made `stored`; `false` for a format it does not know. */
  verify(stored: string, password: string): Promise<boolean>;
}

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64url), made and checked with WebCrypto. */
export function pbkdf2Passwords(iterations = PBKDF2_ITERATIONS): PasswordHasher {
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const hash = await pbkdf2(password, salt, iterations);
      return `pbkdf2-sha256$${iterations}$${base64url(salt)}$${base64url(hash)}`;
    },
    verify: verifyPbkdf2,
  };
}

/** Checks a `pbkdf2-sha256$…` hash; `false` for any other format. */
export async function verifyPbkdf2(stored: string, password: string): Promise<boolean> {
  const [format, rounds, salt, hash] = stored.split('$');
  const iterations = Number(rounds);
  if (format !== 'pbkdf2-sha256' || !salt || !hash || !Number.isInteger(iterations)) return false;
  if (iterations < 1 || iterations > 10_000_000) return false;
  const derived = await pbkdf2(password, fromBase64url(salt), iterations);
  return constantTimeEqual(base64url(derived), hash);
}

/**
 * A hash no password makes, verified when the email is unknown: a sign-in takes as long
 * for a stranger as for an operator, so timing does not tell which emails exist.
 */
export const DUMMY_PASSWORD_HASH =
  'pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** A password for an operator created without one: 24 characters from 18 random bytes. */
export function generatePassword(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(18)));
}

/** A session token: 32 random bytes, base64url. */
export function generateToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Hex SHA-256: how session tokens (and API keys) are stored. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new API key (`pk_live_…`/`sk_live_…`, 24 random bytes) and its id, as the server makes them. */
export function generateApiKey(kind: 'publishable' | 'secret'): { id: string; value: string } {
  const short = kind === 'secret' ? 'sk' : 'pk';
  const random = (bytes: number) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));
  return {
    id: `${short}_${Date.now().toString(36)}_${random(3)}`,
    value: `${short}_live_${random(24)}`,
  };
}
