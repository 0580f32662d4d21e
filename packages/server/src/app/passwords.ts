import { DUMMY_PASSWORD_HASH, type PasswordHasher, verifyPbkdf2 } from '@groupkit/mock-api/core';
import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. @default 2 ** 15 */
  N?: number;
  /** Block size. @default 8 */
  r?: number;
  /** Parallelism. @default 1 */
  p?: number;
}

const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** Parameters a stored hash may name: anything else is not ours (or is a denial of service). */
const LIMITS = { N: [2 ** 10, 2 ** 20], r: [1, 32], p: [1, 16], key: [16, 64] } as const;

/** Most memory one hash may take (128 · N · r bytes). */
const MAX_MEMORY = 256 * 1024 * 1024;

const within = (value: number, [low, high]: readonly [number, number]) =>
  Number.isInteger(value) && value >= low && value <= high;

function derive(password: string, salt: Buffer, keyBytes: number, cost: Required<ScryptCost>) {
  // Room for the 128 · N · r bytes scrypt needs, and then some (Node's default, 32 MiB, is
  // exactly what N = 2^15, r = 8 needs and is refused as too little).
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, the parts after `scrypt` as numbers and buffers; null if not. */
function parseScrypt(stored: string) {
  const [format, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (format !== 'scrypt' || rest.length > 0 || !salt || !hash) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const key = Buffer.from(hash, 'base64url');
  if (!within(cost.N, LIMITS.N) || (cost.N & (cost.N - 1)) !== 0) return null;
  if (!within(cost.r, LIMITS.r) || !within(cost.p, LIMITS.p)) return null;
  if (128 * cost.N * cost.r > MAX_MEMORY) return null;
  if (!within(key.length, LIMITS.key)) return null;
  return { cost, salt: Buffer.from(salt, 'base64url'), key };
}

/**
 * Operators' passwords with scrypt (node:crypto; N = 2^15, r = 8, p = 1, a 32-byte key and a
 * 16-byte salt), stored as `scrypt$N$r$p$salt$hash` (base64url). `verify` also reads the
 * mock's PBKDF2 format (the seeded demo operators) and is `false` for any other.
 * @example
 * const passwords = scryptPasswords();
 * const stored = await passwords.hash('correct horse battery');
 * await passwords.verify(stored, 'correct horse battery'); // true
 */
export function scryptPasswords(given: ScryptCost = {}): PasswordHasher {
  const cost = { N: given.N ?? 2 ** 15, r: given.r ?? 8, p: given.p ?? 1 };
  const format = (salt: Buffer, key: Buffer) =>
    `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  // What a sign-in for an unknown email checks instead (the engine hands us the mock's
  // PBKDF2 dummy): one scrypt of our own cost, so a stranger takes as long as an operator.
  const dummySalt = Buffer.alloc(SALT_BYTES);

  return {
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      return format(salt, await derive(password, salt, KEY_BYTES, cost));
    },
    async verify(stored, password) {
      if (stored === DUMMY_PASSWORD_HASH) {
        await derive(password, dummySalt, KEY_BYTES, cost);
        return false;
      }
      if (stored.startsWith('pbkdf2-sha256$')) return verifyPbkdf2(stored, password);
      const parsed = parseScrypt(stored);
      if (!parsed) return false;
      const derived = await derive(password, parsed.salt, parsed.key.length, parsed.cost);
      return timingSafeEqual(derived, parsed.key);
    },
  };
}
