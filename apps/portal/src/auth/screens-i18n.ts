import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/screens/en.json';
import th from './locales/screens/th.json';
import vi from './locales/screens/vi.json';

/**
 * The accounts screens' strings: the rest of the `accounts` namespace, merged in when the first
 * accounts screen loads (this module is imported only by lazily loaded pages), so the start page
 * carries only the header's few strings (locales/{th,en,vi}.json).
 */
export const ACCOUNTS_SCREEN_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addAccountsScreenStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(ACCOUNTS_SCREEN_RESOURCES)) {
    i18n.addResourceBundle(locale, 'accounts', strings, true, false);
  }
  loaded.add(i18n);
}

/** useTranslation('accounts') for screens, with their strings in place before the first render. */
export function useAccountsTranslation() {
  const { i18n } = useTranslation();
  addAccountsScreenStrings(i18n);
  return useTranslation('accounts');
}
