import { RouteView } from '../routing/routes';
import { AppLayout } from './app-layout';

export function App() {
  return (
    <AppLayout>
      <RouteView />
    </AppLayout>
  );
}

export default App;
