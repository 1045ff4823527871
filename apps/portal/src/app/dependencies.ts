import type { QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { createApiClient, type ApiClient } from '@baanrian/api-client';
import { DEFAULT_LOCALE } from '@baanrian/contracts';
import { createQueryClient, type QueryClientOptions } from '../api/query-client';
import { createAccountsApi, type AccountsApi } from '../auth/accounts-api';
import { authMiddleware } from '../auth/auth-middleware';
import { SessionStore, type SessionStoreOptions } from '../auth/session-store';
import { createComfortSettingsStore, type ComfortSettingsStore } from '../settings/comfort-settings';
import { bindLocaleToDocument, browserStorage, createI18n, currentLocale, readStoredLocale } from '../i18n/i18n';

/** Everything the app needs from outside React, built once at start-up (or per test). */
export interface AppDependencies {
  i18n: I18n;
  apiClient: ApiClient;
  queryClient: QueryClient;
  /** Text size, contrast and motion, applied to <html> as soon as they are read. */
  comfort: ComfortSettingsStore;
  /** The accounts endpoints (hand-typed until the generated client has them). */
  accountsApi: AccountsApi;
  /** Who is signed in; its token goes on every API call. */
  session: SessionStore;
}

export interface AppDependencyOptions extends QueryClientOptions {
  /** API origin; empty (the default) means the portal's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the language choice is remembered; defaults to localStorage. */
  storage?: Storage | null;
  /** Cross-tab plumbing for the session (tests pass null). */
  sessionOptions?: Pick<SessionStoreOptions, 'lock' | 'channel' | 'now'>;
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

  const accountsApi = createAccountsApi({ baseUrl: options.baseUrl, fetch: options.fetch, language: () => currentLocale(i18n) });
  const session = new SessionStore(accountsApi, { storage, ...options.sessionOptions });
  // Every client sends the access token, and on a 401 refreshes once and retries once.
  const auth = authMiddleware(session);
  apiClient.use(auth);
  accountsApi.use(auth);

  return { i18n, apiClient, queryClient, comfort, accountsApi, session };
}
