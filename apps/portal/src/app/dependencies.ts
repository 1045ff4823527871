import type { QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { createApiClient, type ApiClient } from '@baanrian/api-client';
import { DEFAULT_LOCALE } from '@baanrian/contracts';
import { createQueryClient, type QueryClientOptions } from '../api/query-client';
import { createComfortSettingsStore, type ComfortSettingsStore } from '../settings/comfort-settings';
import { bindLocaleToDocument, browserStorage, createI18n, currentLocale, readStoredLocale } from '../i18n/i18n';

/** Everything the app needs from outside React, built once at start-up (or per test). */
export interface AppDependencies {
  i18n: I18n;
  apiClient: ApiClient;
  queryClient: QueryClient;
  /** Text size, contrast and motion, applied to <html> as soon as they are read. */
  comfort: ComfortSettingsStore;
}

export interface AppDependencyOptions extends QueryClientOptions {
  /** API origin; empty (the default) means the portal's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the language choice is remembered; defaults to localStorage. */
  storage?: Storage | null;
}

export function createAppDependencies(options: AppDependencyOptions = {}): AppDependencies {
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  const i18n = createI18n(readStoredLocale(storage) ?? DEFAULT_LOCALE);
  bindLocaleToDocument(i18n, storage);

  const apiClient = createApiClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    // Problem titles come back in this language.
    language: () => currentLocale(i18n),
  });

  const queryClient = createQueryClient({ retryDelay: options.retryDelay });
  // Course data carries every language, so it needs no refetch; but an error's title was
  // translated by the server, so ask again in the new language.
  i18n.on('languageChanged', () => {
    void queryClient.refetchQueries({ predicate: (query) => query.state.status === 'error' });
  });

  const comfort = createComfortSettingsStore(storage);

  return { i18n, apiClient, queryClient, comfort };
}
