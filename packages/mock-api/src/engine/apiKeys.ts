import type { ApiKeyInfo } from '@groupkit/client';
import { GroupsEngineError } from './errors';
import type { EngineState } from './state';
import type { ApiKeyRecord } from './types';

const toApiKey = ({ keyHash: _hash, ...key }: ApiKeyRecord): ApiKeyInfo => key;

/** `GET /v1/api-keys`: the project's keys, oldest first, without their values. */
export function listApiKeys(state: EngineState): ApiKeyInfo[] {
  return [...state.apiKeys.values()].map(toApiKey);
}

/** One key by id, without its hash (404 `api_key_not_found`): what a revocation audits as `before`. */
export function getApiKey(state: EngineState, id: string): ApiKeyInfo {
  const record = state.apiKeys.get(id);
  if (!record) {
    throw new GroupsEngineError('api_key_not_found', `No API key with id "${id}".`, { id });
  }
  return toApiKey(record);
}

/** The key whose SHA-256 is `keyHash` (how a host finds the key a request sends). */
export function findApiKey(state: EngineState, keyHash: string): ApiKeyInfo | undefined {
  for (const record of state.apiKeys.values()) {
    if (record.keyHash === keyHash) return toApiKey(record);
  }
  return undefined;
}

export function parseKeyKind(body: unknown): ApiKeyInfo['kind'] {
  const kind = (body as { kind?: unknown } | null)?.kind;
  if (kind === 'publishable' || kind === 'secret') return kind;
  throw new GroupsEngineError('validation_failed', 'kind: must be publishable or secret.', {
    field: 'kind',
    allowed: ['publishable', 'secret'],
  });
}

/** Stores a key the host generated, as its hash and first characters. */
export function createApiKey(
  state: EngineState,
  input: { kind: ApiKeyInfo['kind']; id: string; value: string; keyHash: string },
): ApiKeyInfo {
  const record: ApiKeyRecord = {
    id: input.id,
    kind: input.kind,
    prefix: input.value.slice(0, 12),
    createdAt: state.now().toISOString(),
    keyHash: input.keyHash,
  };
  state.apiKeys.set(record.id, record);
  return toApiKey(record);
}

/**
 * `DELETE /v1/api-keys/{id}`: revoked at once; the next request with it is 401. Rotating
 * the key a request uses is allowed: that request still completes.
 */
export function deleteApiKey(state: EngineState, id: string): ApiKeyInfo {
  const key = getApiKey(state, id);
  state.apiKeys.delete(id);
  return key;
}
