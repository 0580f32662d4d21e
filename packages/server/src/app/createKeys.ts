import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { rows } from '../state/sqlRows';
import { generateKeyPair, hashKey } from './keys';

/**
 * Creates a key pair for a project (creating the project when it is new) and returns the
 * keys: the only time they exist in clear. The database keeps their SHA-256 hashes.
 * @example
 * const { publishable, secret } = await createProjectKeys(database, 'acme-prod');
 */
export async function createProjectKeys(database: Database, projectId: string) {
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/i.test(projectId)) {
    throw new TypeError(
      `--project: "${projectId}" is not a project id (letters, digits, _ and -, up to 63).`,
    );
  }
  const keys = generateKeyPair();
  // The HMAC key of identity verification (X-GroupKit-User-Hash): unlike API keys it must
  // stay readable to verify with, so it is its own secret, shown once with a new project.
  const identitySecret = `iv_${randomBytes(24).toString('base64url')}`;
  const created = await database.transaction(async (tx) => {
    const inserted = await rows<{ id: string }>(
      tx,
      sql`insert into projects (id, identity_secret) values (${projectId}, ${identitySecret})
        on conflict (id) do nothing returning id`,
    );
    const stamp = Date.now().toString(36);
    for (const [kind, key] of [
      ['publishable', keys.publishable],
      ['secret', keys.secret],
    ] as const) {
      await tx.execute(
        sql`insert into api_keys (project_id, id, kind, key_hash, key_prefix)
          values (${projectId}, ${`${kind === 'secret' ? 'sk' : 'pk'}_${stamp}_${randomBytes(3).toString('hex')}`}, ${kind}, ${hashKey(key)}, ${key.slice(0, 12)})`,
      );
    }
    return inserted.length > 0;
  });
  return { ...keys, projectCreated: created, identitySecret: created ? identitySecret : null };
}
