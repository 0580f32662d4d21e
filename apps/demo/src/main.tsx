import '@groupkit/widgets/styles.css';
import './demo.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { DEMO_USERS } from './users';

/** Set VITE_GROUPKIT_BASE_URL to talk to a real API; without it the demo runs on the mock. */
const baseUrl: string | undefined = import.meta.env.VITE_GROUPKIT_BASE_URL;

async function main() {
  let userHashes: Record<string, string> | undefined;
  // A literal env check (not a variable) so a build pointed at a real API drops MSW entirely.
  if (!import.meta.env.VITE_GROUPKIT_BASE_URL) {
    const [{ startMockWorker }, settings] = await Promise.all([
      import('@groupkit/mock-api/browser'),
      import('./devtools/mockSettings'),
    ]);
    await startMockWorker({
      serviceWorkerUrl: `${import.meta.env.BASE_URL}mockServiceWorker.js`,
      // The dev toolbar's choices (scenario, latency, faults), applied by reloading the page.
      ...settings.workerOptions(settings.readMockSettings()),
      // Mock data survives a reload; the toolbar's "Reset data" drops it.
      persist: { key: settings.ENGINE_STORAGE_KEY, storage: sessionStorage },
    });
    if (settings.readMockSettings().scenario === 'verified') {
      // Identity verification is on: a real app's server signs each user id with the secret
      // key. The mock chunk stands in for that server here (it never reaches a real build).
      const { computeUserHash } = await import('@groupkit/mock-api');
      userHashes = Object.fromEntries(
        await Promise.all(DEMO_USERS.map(async ({ id }) => [id, await computeUserHash(id)])),
      );
    }
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element.');
  createRoot(root).render(
    <StrictMode>
      <App baseUrl={baseUrl} userHashes={userHashes} />
    </StrictMode>,
  );
}

void main();
