import '@groupkit/widgets/styles.css';
import './demo.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

/** Set VITE_GROUPKIT_BASE_URL to talk to a real API; without it the demo runs on the mock. */
const baseUrl: string | undefined = import.meta.env.VITE_GROUPKIT_BASE_URL;

async function main() {
  // A literal env check (not a variable) so a build pointed at a real API drops MSW entirely.
  if (!import.meta.env.VITE_GROUPKIT_BASE_URL) {
    const { startMockWorker } = await import('@groupkit/mock-api/browser');
    await startMockWorker({ serviceWorkerUrl: `${import.meta.env.BASE_URL}mockServiceWorker.js` });
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element.');
  createRoot(root).render(
    <StrictMode>
      <App baseUrl={baseUrl} />
    </StrictMode>,
  );
}

void main();
