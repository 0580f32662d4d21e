import './demo.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminConsole } from './admin/AdminConsole';

// The console the server serves at /admin/: the API is this page's own origin.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <AdminConsole baseUrl={window.location.origin} />
  </StrictMode>,
);
