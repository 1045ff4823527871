import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/**
 * The teaching screens' strings (`teaching` namespace), added when the first of them loads: only
 * lazily loaded teaching pages import this module, so neither the start page nor the studio's
 * chunk carries them.
 */
export const TEACHING_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addTeachingStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(TEACHING_RESOURCES)) {
    i18n.addResourceBundle(locale, 'teaching', strings, true, false);
  }
  loaded.add(i18n);
}

/** useTranslation('teaching'), with the strings in place before the first render. */
export function useTeachingTranslation() {
  const { i18n } = useTranslation();
  addTeachingStrings(i18n);
  return useTranslation('teaching');
}
