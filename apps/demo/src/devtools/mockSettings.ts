import { type FaultOptions, type ScenarioName, scenarios } from '@groupkit/mock-api';

/** Where the dev toolbar keeps its settings: they outlive the tab, like a developer's preferences. */
export const MOCK_SETTINGS_KEY = 'groupkit-demo:mock';

/**
 * Where the mock engine is saved after each write (`startMockWorker`'s `persist`).
 * sessionStorage: it survives reloads, and each tab keeps its own world, so two tabs never
 * overwrite each other's data.
 */
export const ENGINE_STORAGE_KEY = 'groupkit-demo:engine';

/** Too heavy for a browser tab (100,000 users, 34 MB as a snapshot): Node only. */
const NODE_ONLY = ['largeOrg'] as const;
export type BrowserScenario = Exclude<ScenarioName, (typeof NODE_ONLY)[number]>;

/** The mock's scenarios a browser tab can hold: every one but `largeOrg`. */
export const BROWSER_SCENARIOS = (Object.keys(scenarios) as ScenarioName[]).filter(
  (name): name is BrowserScenario => !(NODE_ONLY as readonly string[]).includes(name),
);

export const FAULT_KINDS = ['serverError', 'networkError', 'rateLimit'] as const;

export interface MockSettings {
  scenario: BrowserScenario;
  /** Delay of every answer in ms, between `min` and `max` (equal: a fixed delay). */
  latency: { min: number; max: number };
  /** Probabilities, 0 to 1. */
  faults: Required<FaultOptions>;
}

export const DEFAULT_MOCK_SETTINGS: MockSettings = {
  scenario: 'default',
  latency: { min: 0, max: 0 },
  faults: { serverError: 0, networkError: 0, rateLimit: 0 },
};

const clamp = (value: unknown, min: number, max: number, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value)
    ? Math.min(max, Math.max(min, value))
    : fallback;

/** The settings as saved; anything missing or malformed falls back to the default. */
export function readMockSettings(storage: Storage = localStorage): MockSettings {
  let saved: Partial<MockSettings> = {};
  try {
    saved = (JSON.parse(storage.getItem(MOCK_SETTINGS_KEY) ?? '{}') as Partial<MockSettings>) ?? {};
  } catch {
    // A hand-edited or stale value: the defaults are the safe answer.
  }
  const scenario = BROWSER_SCENARIOS.find((name) => name === saved.scenario) ?? 'default';
  const min = clamp(saved.latency?.min, 0, 10_000, 0);
  const max = clamp(saved.latency?.max, min, 10_000, min);
  const fault = (kind: (typeof FAULT_KINDS)[number]) => clamp(saved.faults?.[kind], 0, 1, 0);
  return {
    scenario,
    latency: { min, max },
    faults: {
      serverError: fault('serverError'),
      networkError: fault('networkError'),
      rateLimit: fault('rateLimit'),
    },
  };
}

/** What `startMockWorker` takes from the settings. */
export function workerOptions(settings: MockSettings) {
  const { min, max } = settings.latency;
  return {
    scenario: settings.scenario,
    latency: min === max ? min : ([min, max] as const),
    faults: settings.faults,
  };
}

/**
 * Saves the settings and reloads the page, which restarts the mock with them. A new
 * scenario also drops the saved data, since it belongs to the old one.
 */
export function applyMockSettings(settings: MockSettings) {
  if (settings.scenario !== readMockSettings().scenario) {
    sessionStorage.removeItem(ENGINE_STORAGE_KEY);
  }
  localStorage.setItem(MOCK_SETTINGS_KEY, JSON.stringify(settings));
  window.location.reload();
}

/** Drops the saved mock data and reloads: the mock starts again from its scenario. */
export function resetMockData() {
  sessionStorage.removeItem(ENGINE_STORAGE_KEY);
  window.location.reload();
}
