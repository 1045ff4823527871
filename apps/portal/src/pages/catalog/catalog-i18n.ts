import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/**
 * The catalog list's strings (the `catalog` namespace), added when the start page's module loads.
 * The course page's own strings (course-page-i18n.ts) come with the course page's chunk, so the
 * start page does not carry them.
 */
export const CATALOG_RESOURCES = { th, en, vi } as const;

const loaded = new WeakMap<I18n, Set<object>>();

/** Merges one set of `catalog` strings into the instance, once. */
export function addCatalogStrings(i18n: I18n, resources: Record<string, object> = CATALOG_RESOURCES): void {
  let done = loaded.get(i18n);
  if (!done) loaded.set(i18n, (done = new Set()));
  if (done.has(resources)) return;
  for (const [locale, strings] of Object.entries(resources)) i18n.addResourceBundle(locale, 'catalog', strings, true, false);
  done.add(resources);
}

/** useTranslation('catalog'), with the strings in place before the first render (server and browser alike). */
export function useCatalogTranslation(resources?: Record<string, object>) {
  const { i18n } = useTranslation();
  addCatalogStrings(i18n, resources);
  if (resources) addCatalogStrings(i18n);
  return useTranslation('catalog');
}
