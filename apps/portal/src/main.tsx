import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './app/app';
import { createAppDependencies } from './app/dependencies';
import { AppProviders } from './app/providers';
import { registerServiceWorker } from './pwa';
import './styles.css';

const dependencies = createAppDependencies();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <AppProviders dependencies={dependencies}>
      <App />
    </AppProviders>
  </StrictMode>,
);

registerServiceWorker();
