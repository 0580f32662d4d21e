import { setupWorker } from 'msw/browser';
import {
  createGroupsEngine,
  type GroupsEngine,
  type GroupsEngineOptions,
} from './engine/createGroupsEngine';
import type { EngineSnapshot } from './engine/snapshot';
import { createHandlers, type HandlersOptions } from './http/createHandlers';

export type { EngineSnapshot } from './engine/snapshot';

export interface PersistOptions {
  /** The storage key the engine is saved under. @example 'my-app:mock-engine' */
  key: string;
  /**
   * Where to save. `sessionStorage` survives reloads but is per tab, so two tabs never
   * overwrite each other's data; pass `localStorage` to share one world across tabs and restarts.
   * @default sessionStorage
   */
  storage?: Storage;
}

export interface StartMockWorkerOptions extends GroupsEngineOptions, HandlersOptions {
  /**
   * Reuse an engine (to inspect or change its state); a new one is made from `scenario` otherwise.
   * @default createGroupsEngine(options)
   */
  engine?: GroupsEngine;
  /**
   * Where the app serves `mockServiceWorker.js` (put there by `msw init`).
   * @default '/mockServiceWorker.js'
   */
  serviceWorkerUrl?: string;
  /** Log each mocked request to the console. @default false */
  logRequests?: boolean;
  /**
   * Keep the mock data across page reloads: the engine is restored from `storage[key]` at
   * start (when it was saved for the same scenario) and saved after every write. Remove
   * the key and reload to start over. With `engine`, nothing is restored, only saved.
   * @default undefined (every reload starts from the scenario)
   * @example startMockWorker({ persist: { key: 'my-app:mock-engine' } })
   */
  persist?: PersistOptions;
}

/** What `persist` stores: the snapshot, and the scenario it grew from. */
interface Persisted {
  scenario: string;
  snapshot: EngineSnapshot;
}

function scenarioName(options: GroupsEngineOptions): string {
  const { scenario = 'default' } = options;
  return typeof scenario === 'string' ? scenario : `custom:${scenario.name}`;
}

/** The engine stored under `persist.key`, or a fresh one when there is none (or it is unusable). */
function restoreEngine(options: StartMockWorkerOptions, storage: Storage, key: string) {
  const stored = storage.getItem(key);
  if (stored !== null) {
    try {
      const persisted = JSON.parse(stored) as Persisted;
      if (persisted.scenario === scenarioName(options)) {
        return createGroupsEngine({ ...options, snapshot: persisted.snapshot });
      }
    } catch (error) {
      console.warn(`[groupkit mock] Ignoring the saved mock data under "${key}":`, error);
    }
    storage.removeItem(key);
  }
  return createGroupsEngine(options);
}

/** Saves after each write; warns once if storage refuses (quota), then keeps serving. */
function createSaver(engine: GroupsEngine, scenario: string, storage: Storage, key: string) {
  let warned = false;
  return () => {
    try {
      const persisted: Persisted = { scenario, snapshot: engine.snapshot() };
      storage.setItem(key, JSON.stringify(persisted));
    } catch (error) {
      if (!warned) {
        console.warn(`[groupkit mock] Could not save the mock data under "${key}":`, error);
        warned = true;
      }
    }
  };
}

/**
 * Starts the mocked groups API in the browser with an MSW service worker. Import it
 * dynamically, in development only, so MSW never reaches a production bundle.
 * @example
 * if (import.meta.env.DEV) {
 *   const { startMockWorker } = await import('@groupkit/mock-api/browser');
 *   await startMockWorker({ latency: 300, persist: { key: 'my-app:mock-engine' } });
 * }
 */
export async function startMockWorker(options: StartMockWorkerOptions = {}) {
  const { persist } = options;
  const storage = persist ? (persist.storage ?? globalThis.sessionStorage) : undefined;
  const engine =
    options.engine ??
    (persist && storage
      ? restoreEngine(options, storage, persist.key)
      : createGroupsEngine(options));
  const save =
    persist && storage
      ? createSaver(engine, scenarioName(options), storage, persist.key)
      : undefined;
  const afterWrite =
    save || options.afterWrite
      ? (request: Request) => {
          save?.();
          options.afterWrite?.(request);
        }
      : undefined;
  const worker = setupWorker(...createHandlers(engine, { ...options, afterWrite }));
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: !options.logRequests,
  });
  // Saved once at start too, so a reload before any write keeps the same world (its dates).
  save?.();
  return { engine, worker };
}
