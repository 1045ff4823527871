import { hydrate } from '@tanstack/react-query';
import { startTransition, StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import App from './app/app';
import { createAppDependencies } from './app/dependencies';
import { AppProviders } from './app/providers';
import { currentLocale } from './i18n/i18n';
import { registerServiceWorker } from './pwa';
import { saveServerRenderedCatalogue } from './pwa/save-server-data';
import { preloadPage } from './routing/routes';
import { readSsrState } from './ssr/ssr-state';
import './styles.css';

const dependencies = createAppDependencies();
const container = document.getElementById('root') as HTMLElement;
const app = (
  <StrictMode>
    <AppProviders dependencies={dependencies}>
      <App />
    </AppProviders>
  </StrictMode>
);

// The API server-renders the start page (src/ssr). Hydrate it when it was rendered for what this
// browser shows: same URL and language. Otherwise (offline shell, another language chosen on
// this device) render afresh. Both as a transition, so React yields to the browser every few
// milliseconds instead of blocking input for the whole first render.
const ssr = readSsrState();
const location = window.location.pathname + window.location.search;
const renderFresh = () => {
  container.replaceChildren();
  startTransition(() => createRoot(container).render(app));
};
if (ssr && ssr.url === location && ssr.locale === currentLocale(dependencies.i18n)) {
  hydrate(dependencies.queryClient, ssr.queries);
  saveServerRenderedCatalogue(ssr.queries).catch(() => undefined); // for a reload offline; best effort
  preloadPage(window.location.pathname).then(
    () => startTransition(() => void hydrateRoot(container, app)),
    renderFresh, // The page's chunk failed to load: the route view shows its own error state.
  );
} else {
  renderFresh();
}

registerServiceWorker();
