import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/**
 * The catalog screens' strings (the `catalog` namespace), added when the start page or a course
 * page module loads: both are their own chunks, so other pages never carry them.
 */
export const CATALOG_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addCatalogStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(CATALOG_RESOURCES)) i18n.addResourceBundle(locale, 'catalog', strings, true, false);
  loaded.add(i18n);
}

/** useTranslation('catalog'), with the strings in place before the first render (server and browser alike). */
export function useCatalogTranslation() {
  const { i18n } = useTranslation();
  addCatalogStrings(i18n);
  return useTranslation('catalog');
}
