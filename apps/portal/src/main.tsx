import { connectivity } from './pwa/connectivity';
// Sarabun from @fontsource, with font-display: optional (see vite.config.mts).
import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/700.css';
import './styles.css';

// Listen to the service worker before the document finishes parsing: its messages (e.g. "this
// catalogue is a saved copy", for the preloaded request) are delivered from then on, and would be
// lost on a listener added after the start-up below.
connectivity();

// Start-up in separate tasks (React DOM, then the app's modules, then the first render), so no
// single task keeps a slow phone from responding for long: each import is evaluated in its own task.
async function main() {
  const client = await import('react-dom/client');
  const { nextTask, startPortal } = await import('./app/start');
  await nextTask();
  await startPortal(client);
}

void main();
