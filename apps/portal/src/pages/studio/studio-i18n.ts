import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/**
 * The studio's strings (`studio` namespace), added when the first studio page loads: this module
 * is imported only by lazily loaded studio pages, so the start page carries none of them.
 */
export const STUDIO_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addStudioStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(STUDIO_RESOURCES)) {
    i18n.addResourceBundle(locale, 'studio', strings, true, false);
  }
  loaded.add(i18n);
}

/** useTranslation('studio'), with the strings in place before the first render. */
export function useStudioTranslation() {
  const { i18n } = useTranslation();
  addStudioStrings(i18n);
  return useTranslation('studio');
}
