import { hydrate } from '@tanstack/react-query';
import { startTransition, StrictMode } from 'react';
import type { createRoot as CreateRoot, hydrateRoot as HydrateRoot } from 'react-dom/client';
import { currentLocale } from '../i18n/i18n';
import { registerServiceWorker } from '../pwa';
import { saveServerRenderedCatalogue } from '../pwa/save-server-data';
import { preloadPage } from '../routing/routes';
import { readSsrState } from '../ssr/ssr-state';
import App from './app';
import { createAppDependencies } from './dependencies';
import { AppProviders } from './providers';

export interface ReactDomClient {
  createRoot: typeof CreateRoot;
  hydrateRoot: typeof HydrateRoot;
}

/** Lets the browser paint and handle input before the next piece of start-up work. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Starts the portal in #root. The API server-renders the start page (src/ssr): hydrate it when it
 * was rendered for what this browser shows (same URL and language); otherwise (offline shell,
 * another language chosen on this device, any other route) render afresh. Both as a transition,
 * so React yields to the browser every few milliseconds instead of blocking input for the whole
 * first render.
 */
export async function startPortal({ createRoot, hydrateRoot }: ReactDomClient): Promise<void> {
  const dependencies = createAppDependencies();
  const container = document.getElementById('root') as HTMLElement;
  const app = (
    <StrictMode>
      <AppProviders dependencies={dependencies}>
        <App />
      </AppProviders>
    </StrictMode>
  );
  const renderFresh = () => {
    container.replaceChildren();
    startTransition(() => createRoot(container).render(app));
  };

  const ssr = readSsrState();
  const location = window.location.pathname + window.location.search;
  if (ssr && ssr.url === location && ssr.locale === currentLocale(dependencies.i18n)) {
    hydrate(dependencies.queryClient, ssr.queries);
    saveServerRenderedCatalogue(ssr.queries).catch(() => undefined); // for a reload offline; best effort
    try {
      await preloadPage(window.location.pathname);
      await nextTask();
      startTransition(() => void hydrateRoot(container, app));
    } catch {
      renderFresh(); // The page's chunk failed to load: the route view shows its own error state.
    }
  } else {
    renderFresh();
  }
  registerServiceWorker();
}
