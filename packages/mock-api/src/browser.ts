import { setupWorker } from 'msw/browser';
import {
  createGroupsEngine,
  type GroupsEngine,
  type GroupsEngineOptions,
} from './engine/createGroupsEngine';
import { createHandlers, type HandlersOptions } from './http/createHandlers';

export interface StartMockWorkerOptions extends GroupsEngineOptions, HandlersOptions {
  /** Reuse an engine (to inspect or change its state); a new one is made from `scenario` otherwise. */
  engine?: GroupsEngine;
  /**
   * Where the app serves `mockServiceWorker.js` (put there by `msw init`).
   * @default '/mockServiceWorker.js'
   */
  serviceWorkerUrl?: string;
  /** Log each mocked request to the console. @default false */
  logRequests?: boolean;
}

/**
 * Starts the mocked groups API in the browser with an MSW service worker. Import it
 * dynamically, in development only, so MSW never reaches a production bundle.
 * @example
 * if (import.meta.env.DEV) {
 *   const { startMockWorker } = await import('@groupkit/mock-api/browser');
 *   await startMockWorker({ latency: 300 });
 * }
 */
export async function startMockWorker(options: StartMockWorkerOptions = {}) {
  const engine = options.engine ?? createGroupsEngine(options);
  const worker = setupWorker(...createHandlers(engine, options));
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: !options.logRequests,
  });
  return { engine, worker };
}
