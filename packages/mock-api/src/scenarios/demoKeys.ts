import type { ApiKeyRecord } from '../engine/types';

/**
 * The keys every scenario accepts (`pk_test_groupkit`, `sk_test_groupkit`), with the ids
 * the server's seed gives them, so audit entries name the same key on both. Only their
 * SHA-256 and first 12 characters are here, as a server keeps them: a browser bundle with
 * the mock holds no secret key.
 */
export function demoApiKeys(now: Date): ApiKeyRecord[] {
  const createdAt = now.toISOString();
  return [
    {
      id: 'pk_test',
      kind: 'publishable',
      prefix: 'pk_test_grou',
      createdAt,
      keyHash: '26bd425c548d4147deb3753c18eb9a69394b3407b05ad271e0080214d24a8c22',
    },
    {
      id: 'sk_test',
      kind: 'secret',
      prefix: 'sk_test_grou',
      createdAt,
      keyHash: '47eb6026c66bff0541055629d6f7dd6a8a9ce363e2f16265a7ea16bf5587b303',
    },
  ];
}
