import * as crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { KeyScope } from '@groupkit/mock-api/core';
import type { Tx } from '../db/connect';
import type { RequestOwner } from '../state/requestState';
import { rows } from '../state/sqlRows';

/**
 * Node's one-shot hash (20.12 and later): every end-user request hashes its key, and a `Hash`
 * object made and fed for it cost more than the digest itself.
 */
const oneShot = (crypto as { hash?: typeof crypto.hash }).hash;

/** Hex SHA-256 of an API key: all the database ever holds of it. */
export function hashKey(key: string): string {
  return oneShot
    ? oneShot('sha256', key, 'hex')
    : crypto.createHash('sha256').update(key).digest('hex');
}

/** A new key pair for a project: `pk_live_…` and `sk_live_…` (24 random bytes each). */
export function generateKeyPair(): { publishable: string; secret: string } {
  const part = () => crypto.randomBytes(24).toString('base64url');
  return { publishable: `pk_live_${part()}`, secret: `sk_live_${part()}` };
}

/** The project a key belongs to, with the key's hash, scope and id; null for an unknown key. */
export type KeyOwner = RequestOwner & { keyHash: string };

/** Finds the key's project in one round trip (a write's locks come next: `lockForWrite`). */
export async function findKeyOwner(
  tx: Pick<Tx, 'execute'>,
  keyHash: string,
): Promise<KeyOwner | null> {
  const [row] = await rows<{
    id: string;
    identity_verification: boolean;
    client_writable_properties: string[];
    identity_secret: string | null;
    next_legacy_id: number;
    kind: KeyScope;
    key_id: string;
  }>(
    tx,
    // The array as JSON: drivers differ in how they hand back a text[] column.
    sql`select p.id, p.identity_verification, to_json(p.client_writable_properties) as client_writable_properties,
        p.identity_secret, p.next_legacy_id, k.kind, k.id as key_id
      from api_keys k join projects p on p.id = k.project_id
      where k.key_hash = ${keyHash}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    identityVerification: row.identity_verification,
    clientWritableProperties: row.client_writable_properties,
    identitySecret: row.identity_secret ?? '',
    nextLegacyId: Number(row.next_legacy_id),
    keyHash,
    scope: row.kind,
    keyId: row.key_id,
  };
}
