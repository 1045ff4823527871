import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/**
 * The report screens' strings (`reports` namespace), added when their lazy chunk loads: no other
 * page carries them. The header link's label is in the shared `shell.nav` keys.
 */
export const REPORTS_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addReportsStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(REPORTS_RESOURCES)) {
    i18n.addResourceBundle(locale, 'reports', strings, true, false);
  }
  loaded.add(i18n);
}

/** useTranslation('reports'), with the strings in place before the first render. */
export function useReportsTranslation() {
  const { i18n } = useTranslation();
  addReportsStrings(i18n);
  return useTranslation('reports');
}
