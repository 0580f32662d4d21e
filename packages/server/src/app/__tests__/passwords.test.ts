import { DUMMY_PASSWORD_HASH } from '@groupkit/mock-api/core';
import { describe, expect, it } from 'vitest';
import { scryptPasswords } from '../passwords';

/** The demo operators' hash of `groupkit-demo-password` (mock-api's scenarios). */
const DEMO_PBKDF2 =
  'pbkdf2-sha256$600000$Z3JvdXBraXQtZGVtby1zYQ$Q04aHjLuf-u7o_AQlhBZlWtQpqgKQYzY8gm6fIA-Las';

describe('scryptPasswords', () => {
  const passwords = scryptPasswords();

  it('stores scrypt$N$r$p$salt$hash with a new salt each time, and verifies it', async () => {
    const [one, two] = await Promise.all([
      passwords.hash('correct horse battery'),
      passwords.hash('correct horse battery'),
    ]);
    expect(one).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(one).not.toBe(two);
    expect(await passwords.verify(one, 'correct horse battery')).toBe(true);
    expect(await passwords.verify(one, 'correct horse batterY')).toBe(false);
    expect(await passwords.verify(one, '')).toBe(false);
  });

  it('verifies the seeded PBKDF2 hashes, and nothing for the dummy hash or unknown formats', async () => {
    expect(await passwords.verify(DEMO_PBKDF2, 'groupkit-demo-password')).toBe(true);
    expect(await passwords.verify(DEMO_PBKDF2, 'groupkit-demo-passwore')).toBe(false);
    expect(await passwords.verify(DUMMY_PASSWORD_HASH, 'anything')).toBe(false);
    const stored = await scryptPasswords({ N: 1024 }).hash('twelve chars!');
    const [, , r, p, salt, hash] = stored.split('$');
    for (const unknown of [
      '',
      'plain text',
      `bcrypt$1024$${r}$${p}$${salt}$${hash}`,
      `scrypt$1000$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${hash}`, // far too costly to try
      `scrypt$1024$64$${p}$${salt}$${hash}`,
      `scrypt$1024$${r}$${p}$${salt}$`,
      `scrypt$1024$${r}$${p}$${salt}$${hash}$extra`,
    ]) {
      expect({ unknown, verified: await passwords.verify(unknown, 'twelve chars!') }).toEqual({
        unknown,
        verified: false,
      });
    }
    // The cost is read from the stored hash, not the hasher's own.
    expect(await passwords.verify(stored, 'twelve chars!')).toBe(true);
  });
});
