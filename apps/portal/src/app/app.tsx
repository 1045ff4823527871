import { useEffect } from 'react';
import { RouteView } from '../routing/routes';
import { AppLayout } from './app-layout';

/**
 * Marks <html data-app-ready> once React has rendered or hydrated: the start page is visible
 * (server-rendered) before its controls respond, and browser tests wait for this to interact.
 */
function useMarkReady() {
  useEffect(() => {
    document.documentElement.dataset['appReady'] = '';
  }, []);
}

export function App() {
  useMarkReady();
  return (
    <AppLayout>
      <RouteView />
    </AppLayout>
  );
}

export default App;
