import { setupServer } from 'msw/node';
import {
  createGroupsEngine,
  type GroupsEngine,
  type GroupsEngineOptions,
} from './engine/createGroupsEngine';
import { createHandlers, type HandlersOptions } from './http/createHandlers';

export interface CreateMockServerOptions extends GroupsEngineOptions, HandlersOptions {
  /**
   * Reuse an engine (to inspect or change its state); a new one is made from `scenario` otherwise.
   * @default createGroupsEngine(options)
   */
  engine?: GroupsEngine;
}

/**
 * The mocked groups API for Node tests: an MSW `setupServer` plus the engine behind it.
 * Call `server.listen()` before your tests and `server.close()` after.
 * @example
 * const { server, engine } = createMockServer({ scenario: 'default' });
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterAll(() => server.close());
 */
export function createMockServer(options: CreateMockServerOptions = {}) {
  const engine = options.engine ?? createGroupsEngine(options);
  const server = setupServer(...createHandlers(engine, options));
  return { engine, server };
}
