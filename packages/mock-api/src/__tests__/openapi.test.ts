import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import { createHandlers } from '../http/createHandlers';
import { buildOpenApiDocument } from '../openapi/document';
import { createOpenApiValidator } from './support/openapiValidator';

const file = fileURLToPath(new URL('../../openapi.json', import.meta.url));
const generated = `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;

describe('openapi.json', () => {
  it('is generated from src/openapi (run UPDATE_OPENAPI=1 npx vitest run openapi to refresh it)', () => {
    if (process.env.UPDATE_OPENAPI) writeFileSync(file, generated);
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });

  it('documents every route the handlers answer, and nothing they do not', () => {
    const normalise = (path: string) => path.replace(/:[^/]+|\{[^}]+\}/g, '{}');
    const handled = createHandlers(createGroupsEngine())
      .filter((handler) => handler instanceof HttpHandler)
      .map((handler) => (handler as HttpHandler).info)
      // Not routes: the catch-all 404 and the guard for paths that do not percent-decode.
      .filter((info) => typeof info.path === 'string' && !info.path.endsWith('/v1/*'))
      .map((info) => `${String(info.method)} ${normalise(String(info.path).replace(/^\*/, ''))}`)
      .sort();
    const documented = Object.entries(buildOpenApiDocument().paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${normalise(path)}`),
      )
      .sort();
    expect(handled).toEqual(documented);
  });

  it('rejects a response that breaks the contract (the checker can fail)', async () => {
    const validator = createOpenApiValidator();
    const bad = Response.json({ user: { id: 'u_ada' }, memberships: 'none' });
    expect(await validator.check('GET', '/v1/session', bad)).toMatch(
      /GET \/v1\/session → 200: .*required property/,
    );
    const undocumented = Response.json({}, { status: 200 });
    expect(await validator.check('GET', '/v1/nowhere', undocumented)).toMatch(
      /route not in openapi.json/,
    );
    const undocumentedStatus = Response.json(
      { error: { code: 'code_expired', message: 'x', details: {} } },
      { status: 410 },
    );
    expect(await validator.check('GET', '/v1/session', undocumentedStatus)).toMatch(
      /GET \/v1\/session → 410: status not documented/,
    );
    // 404 is documented for the session, but not with a code's error.
    const undocumentedCode = Response.json(
      { error: { code: 'code_invalid', message: 'x', details: {} } },
      { status: 404 },
    );
    expect(await validator.check('GET', '/v1/session', undocumentedCode)).toMatch(
      /must be equal to one of the allowed values/,
    );
    const documented = Response.json(
      { error: { code: 'user_not_found', message: 'x', details: {} } },
      { status: 404 },
    );
    expect(await validator.check('GET', '/v1/session', documented)).toBeNull();
    // Server errors need not be listed per operation: the error envelope is enough.
    const outage = Response.json(
      { error: { code: 'database_unavailable', message: 'x', details: {} } },
      { status: 503 },
    );
    expect(await validator.check('GET', '/v1/session', outage)).toBeNull();
  });
});
