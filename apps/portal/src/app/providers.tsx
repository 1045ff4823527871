import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-aria-components';
import { I18nextProvider } from 'react-i18next';
import { ApiClientProvider } from '../api/api-client-context';
import { SessionProvider } from '../auth/session-context';
import { navigate } from '../routing/location';
import { ComfortSettingsProvider } from '../settings/comfort-settings-context';
import type { AppDependencies } from './dependencies';

/** Hrefs are already absolute paths in this app; RAC asks so routers with a basename can prefix them. */
const useHref = (href: string) => href;

export function AppProviders({ dependencies, children }: { dependencies: AppDependencies; children: ReactNode }) {
  return (
    <I18nextProvider i18n={dependencies.i18n}>
      <ComfortSettingsProvider store={dependencies.comfort}>
        <QueryClientProvider client={dependencies.queryClient}>
          <ApiClientProvider client={dependencies.apiClient}>
            <SessionProvider store={dependencies.session} api={dependencies.accountsApi}>
              {/* RAC links (ui/Link) navigate through our History-API router, without a page load. */}
              <RouterProvider navigate={(href) => navigate(href)} useHref={useHref}>
                {children}
              </RouterProvider>
            </SessionProvider>
          </ApiClientProvider>
        </QueryClientProvider>
      </ComfortSettingsProvider>
    </I18nextProvider>
  );
}
