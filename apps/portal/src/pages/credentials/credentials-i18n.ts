import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/**
 * The certificate screens' strings (`credentials` namespace), added when their lazy chunk loads:
 * no other page carries them. The header link's label is in the shared `shell.nav` keys.
 */
export const CREDENTIALS_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addCredentialsStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(CREDENTIALS_RESOURCES)) {
    i18n.addResourceBundle(locale, 'credentials', strings, true, false);
  }
  loaded.add(i18n);
}

/** useTranslation('credentials'), with the strings in place before the first render. */
export function useCredentialsTranslation() {
  const { i18n } = useTranslation();
  addCredentialsStrings(i18n);
  return useTranslation('credentials');
}
