import { PUBLISHABLE_KEY, SECRET_KEY } from '../api/auth';
import type { ApiKeyRecord } from '../engine/types';

/** SHA-256 (hex) of the demo keys: what the engine stores of them. */
const HASHES = {
  [PUBLISHABLE_KEY]: '26bd425c548d4147deb3753c18eb9a69394b3407b05ad271e0080214d24a8c22',
  [SECRET_KEY]: '47eb6026c66bff0541055629d6f7dd6a8a9ce363e2f16265a7ea16bf5587b303',
};

/**
 * The keys every scenario accepts (`pk_test_groupkit`, `sk_test_groupkit`), with the ids
 * the server's seed gives them, so audit entries name the same key on both.
 */
export function demoApiKeys(now: Date): ApiKeyRecord[] {
  const createdAt = now.toISOString();
  return [
    { id: 'pk_test', kind: 'publishable', key: PUBLISHABLE_KEY },
    { id: 'sk_test', kind: 'secret', key: SECRET_KEY },
  ].map(({ id, kind, key }) => ({
    id,
    kind: kind as ApiKeyRecord['kind'],
    prefix: key.slice(0, 12),
    createdAt,
    keyHash: HASHES[key as keyof typeof HASHES],
  }));
}
