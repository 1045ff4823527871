import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { ApiClientProvider } from '../api/api-client-context';
import type { AppDependencies } from './dependencies';

export function AppProviders({ dependencies, children }: { dependencies: AppDependencies; children: ReactNode }) {
  return (
    <I18nextProvider i18n={dependencies.i18n}>
      <QueryClientProvider client={dependencies.queryClient}>
        <ApiClientProvider client={dependencies.apiClient}>{children}</ApiClientProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
