import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { initI18n } from './i18n.ts';

// Opening a project's Gantt: its code is fetched now, with the app's boot (the session, the
// translations), not after the page around it has rendered.
if (/^\/projects\/[^/]+\/planning\/?$/.test(window.location.pathname)) {
  void import('./features/projects/ProjectPage.tsx');
  void import('./features/planning/PlanningTab.tsx');
}

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');

void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
