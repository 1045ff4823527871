import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isLocale } from '@baanrian/contracts';
import { currentLocale } from '../i18n/i18n';
import type { AccountsApi } from './accounts-api';
import type { SessionState, SessionStore } from './session-store';

interface SessionContextValue {
  store: SessionStore;
  api: AccountsApi;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Query keys of everything that belongs to one user: dropped when the user changes. */
export const ACCOUNT_QUERY_ROOT = 'accounts';

/**
 * Keeps the UI language and the signed-in user's preferred language in step: the user's choice
 * is applied when they sign in, and a change in the header's switcher is saved to their profile
 * ("remembered per user"). Skipped while a guardian acts as a child: the child profile's
 * language is the guardian's business on the account page, not a side effect of the switcher.
 */
function useLanguageFollowsUser({ store, api }: SessionContextValue, state: SessionState) {
  const { i18n } = useTranslation();
  const userId = state.user?.id ?? null;
  const preferred = state.user?.preferredLocale ?? null;

  // Once per signed-in user (sign-in, switching profile), not on every render: the `i18n` that
  // useTranslation returns is a new object after each language change.
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    if (appliedFor.current === userId) return;
    appliedFor.current = userId;
    if (preferred && isLocale(preferred) && preferred !== currentLocale(i18n)) void i18n.changeLanguage(preferred);
  }, [userId, preferred, i18n]);

  useEffect(() => {
    const onChange = () => {
      const { user, status } = store.get();
      const locale = currentLocale(i18n);
      if (status !== 'signedIn' || !user || user.actingAs || user.preferredLocale === locale) return;
      api.updateMe({ preferredLocale: locale }).then(
        (updated) => store.setUser(updated),
        () => undefined, // Not saved (offline): the device still remembers it.
      );
    };
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [i18n, store, api]);
}

export function SessionProvider({ store, api, children }: SessionContextValue & { children: ReactNode }) {
  const value = useRef({ store, api }).current;
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  const queryClient = useQueryClient();
  const userId = state.user?.id ?? null;

  useEffect(() => store.start(), [store]);
  useLanguageFollowsUser(value, state);

  // Someone else now (sign-out, switching into a child): nothing cached for the last user may
  // show. Not on the first sign-in of the page: queries started for that user must keep going.
  const lastUser = useRef(userId);
  useEffect(() => {
    if (lastUser.current !== null && lastUser.current !== userId) queryClient.removeQueries({ queryKey: [ACCOUNT_QUERY_ROOT] });
    lastUser.current = userId;
  }, [userId, queryClient]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('Session hooks need a <SessionProvider> above them');
  return value;
}

/** The session state, re-rendering when it changes. */
export function useSession(): SessionState {
  const { store } = useSessionContext();
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

export function useSessionStore(): SessionStore {
  return useSessionContext().store;
}

/** The accounts endpoints (accounts-api.ts), with the session's token. */
export function useAccountsApi(): AccountsApi {
  return useSessionContext().api;
}
