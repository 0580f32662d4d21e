import { type FormEvent, useId, useState } from 'react';
import {
  applyMockSettings,
  BROWSER_SCENARIOS,
  type BrowserScenario,
  ENGINE_STORAGE_KEY,
  FAULT_KINDS,
  type MockSettings,
  MOCK_SETTINGS_KEY,
  readMockSettings,
  resetMockData,
} from './mockSettings';

const FAULT_LABELS: Record<(typeof FAULT_KINDS)[number], string> = {
  serverError: 'Server errors (500)',
  networkError: 'Network errors',
  rateLimit: 'Rate limits (429)',
};

const SCENARIO_NOTES: Partial<Record<BrowserScenario, string>> = {
  default: 'Acme, Ada, Grace, Alan and 50 more users, every kind of group.',
  empty: 'The account group and three users, no user groups.',
  manyGroups: 'The default grown to 1,000 user groups.',
  verified:
    'The default with identity verification on: publishable requests need X-GroupKit-User-Hash.',
};

/** A number input's value, or the fallback when it is empty or not a number. */
const numberOr = (text: string, fallback: number) => {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) ? fallback : n;
};

/**
 * The mock API's knobs, for development: scenario, latency and injected faults, saved in
 * localStorage and applied by reloading (the worker reads them at start, in main.tsx).
 */
export function DevToolbar() {
  const id = useId();
  const [draft, setDraft] = useState<MockSettings>(readMockSettings);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    applyMockSettings(draft);
  };
  const setFault = (kind: (typeof FAULT_KINDS)[number], text: string) =>
    setDraft((d) => ({
      ...d,
      faults: { ...d.faults, [kind]: Math.min(1, Math.max(0, numberOr(text, 0))) },
    }));
  const setLatency = (end: 'min' | 'max', text: string) =>
    setDraft((d) => ({ ...d, latency: { ...d.latency, [end]: Math.max(0, numberOr(text, 0)) } }));

  return (
    <aside className="demo-dev" aria-label="Mock API">
      <details>
        <summary>Mock API</summary>
        <form onSubmit={submit} className="demo-dev-form">
          <label>
            Scenario
            <select
              value={draft.scenario}
              onChange={(e) =>
                setDraft((d) => ({ ...d, scenario: e.target.value as BrowserScenario }))
              }
              aria-describedby={`${id}-scenario`}
            >
              {BROWSER_SCENARIOS.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <p id={`${id}-scenario`} className="demo-dev-note">
            {SCENARIO_NOTES[draft.scenario] ?? ''} (largeOrg, 100,000 users, is too heavy for a
            browser tab: use it in Node.)
          </p>
          <fieldset>
            <legend>Latency (ms, min to max)</legend>
            <label>
              Min
              <input
                type="number"
                min={0}
                max={10000}
                step={1}
                value={draft.latency.min}
                onChange={(e) => setLatency('min', e.target.value)}
              />
            </label>
            <label>
              Max
              <input
                type="number"
                min={0}
                max={10000}
                step={1}
                value={draft.latency.max}
                onChange={(e) => setLatency('max', e.target.value)}
              />
            </label>
          </fieldset>
          <fieldset>
            <legend>Fault rates (0 to 1)</legend>
            {FAULT_KINDS.map((kind) => (
              <label key={kind}>
                {FAULT_LABELS[kind]}
                <input
                  type="number"
                  min={0}
                  max={1}
                  step="any"
                  value={draft.faults[kind]}
                  onChange={(e) => setFault(kind, e.target.value)}
                />
              </label>
            ))}
          </fieldset>
          <div className="demo-dev-actions">
            <button type="submit">Apply and reload</button>
            <button type="button" onClick={resetMockData}>
              Reset data
            </button>
          </div>
          <p className="demo-dev-note">
            Settings: localStorage <code>{MOCK_SETTINGS_KEY}</code>. Data survives reloads in this
            tab (sessionStorage <code>{ENGINE_STORAGE_KEY}</code>); Reset data restores the
            scenario.
          </p>
        </form>
      </details>
    </aside>
  );
}
