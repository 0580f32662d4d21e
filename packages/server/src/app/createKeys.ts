import type { ApiKeyInfo } from '@groupkit/client';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { isoOf } from '../state/operatorsSql';
import { rows } from '../state/sqlRows';
import { CLI_ACTOR } from './createOperators';
import { generateKeyPair, hashKey } from './keys';

/**
 * Creates a key pair for a project (creating the project when it is new) and returns the
 * keys: the only time they exist in clear. The database keeps their SHA-256 hashes, and the
 * audit log an entry per key by the command line (`{ type: 'cli' }`).
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
      const id = `${kind === 'secret' ? 'sk' : 'pk'}_${stamp}_${randomBytes(3).toString('hex')}`;
      const [row] = await rows<{ created_at: string }>(
        tx,
        sql`insert into api_keys (project_id, id, kind, key_hash, key_prefix)
          values (${projectId}, ${id}, ${kind}, ${hashKey(key)}, ${key.slice(0, 12)})
          returning ${isoOf(sql`created_at`)} as created_at`,
      );
      // Each key's audit entry, in the same transaction: what `POST /v1/api-keys` records,
      // by the command line, and never the key (only what the key listing shows).
      const info: ApiKeyInfo = {
        id,
        kind,
        prefix: key.slice(0, 12),
        createdAt: row?.created_at ?? '',
      };
      await tx.execute(
        sql`insert into audit_log (project_id, id, at, actor, action, target_type, target_id,
            request, before, after)
          values (${projectId}, ${randomUUID()}, now(), ${JSON.stringify(CLI_ACTOR)}::jsonb,
            'groupkit-server keys create', 'api_key', ${id},
            ${JSON.stringify({ project: projectId })}::jsonb, null,
            ${JSON.stringify({ key: info })}::jsonb)`,
      );
    }
    return inserted.length > 0;
  });
  return { ...keys, projectCreated: created, identitySecret: created ? identitySecret : null };
}
