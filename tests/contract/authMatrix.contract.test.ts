import { buildOpenApiDocument } from '@groupkit/mock-api/core';
import { describe, expect, it } from 'vitest';
import { contractApi, PUBLISHABLE_KEY } from './support/api';

// One world for the whole file: no request here carries the secret key.
const api = contractApi();

interface Operation {
  security: { secretKey?: unknown[] }[];
}

/**
 * Every documented operation (openapi.test.ts proves the document lists every route), with
 * sample path values that exist in the default scenario. Paths are relative to `/v1`, as
 * `api.fetch` takes them.
 */
const operations = Object.entries(buildOpenApiDocument().paths).flatMap(([template, ops]) => {
  if (!template.startsWith('/v1/')) throw new Error(`authMatrix: ${template} is not under /v1`);
  return Object.entries(ops as Record<string, Operation>).map(([method, op]) => ({
    method: method.toUpperCase(),
    path: template
      .slice('/v1'.length)
      .replace('{userId}', 'u_ada')
      .replace('{groupId}', 'acme')
      .replace('{legacyId}', '1001')
      .replace(/\{(idOrSlug|id)\}/, 'beta'),
    secretOnly: op.security.every((s) => 'secretKey' in s),
  }));
});

function call(method: string, path: string, key?: string) {
  return api.fetch(path, {
    method,
    headers: {
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      'content-type': 'application/json',
    },
    body: method === 'GET' ? undefined : '{}',
  });
}

describe('auth matrix over every documented endpoint', () => {
  it.each(operations)('$method $path: no key → 401 unauthorized', async ({ method, path }) => {
    const response = await call(method, path);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  });

  it.each(operations)('$method $path: unknown key → 401 unauthorized', async ({ method, path }) => {
    const response = await call(method, path, 'sk_live_guessed');
    expect(response.status).toBe(401);
  });

  it.each(operations.filter((o) => o.secretOnly))(
    '$method $path: publishable key → 403 forbidden',
    async ({ method, path }) => {
      const response = await call(method, path, PUBLISHABLE_KEY);
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('forbidden');
    },
  );

  it.each(operations.filter((o) => !o.secretOnly))(
    '$method $path: publishable key gets past auth (no 401/403)',
    async ({ method, path }) => {
      const response = await call(method, path, PUBLISHABLE_KEY);
      expect([401, 403]).not.toContain(response.status);
    },
  );
});
