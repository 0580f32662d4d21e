import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type CreateMockServerOptions, createMockServer } from '../../node';
import { createOpenApiValidator } from './openapiValidator';

const validator = createOpenApiValidator();

/** Checks every mocked response of `server` against openapi.json; read the result with `problems()`. */
export function auditAgainstOpenApi(server: ReturnType<typeof createMockServer>['server']) {
  const checks: Promise<string | null>[] = [];
  server.events.on('response:mocked', ({ request, response }) => {
    checks.push(validator.check(request.method, new URL(request.url).pathname, response.clone()));
  });
  return {
    count: () => checks.length,
    problems: async () => (await Promise.all(checks)).filter((p): p is string => p !== null),
  };
}

/** Fails the file if any audited response broke the contract, or if none was checked. */
export async function expectConforming(audits: ReturnType<typeof auditAgainstOpenApi>[]) {
  const problems = (await Promise.all(audits.map((a) => a.problems()))).flat();
  expect(problems, 'responses that do not match openapi.json').toEqual([]);
  expect(
    audits.reduce((sum, a) => sum + a.count(), 0),
    'responses checked against openapi.json',
  ).toBeGreaterThan(0);
}

/**
 * An MSW node server for an HTTP test file, listening for the whole file. Every mocked
 * response is checked against openapi.json; the file fails if any does not conform.
 */
export function serveMockApi(options: CreateMockServerOptions) {
  const mock = createMockServer(options);
  const audit = auditAgainstOpenApi(mock.server);
  beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.server.resetHandlers());
  afterAll(async () => {
    mock.server.close();
    await expectConforming([audit]);
  });
  return mock;
}
