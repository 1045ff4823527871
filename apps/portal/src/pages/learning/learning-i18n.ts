import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/**
 * The learner screens' strings (`learning` namespace), added when the first learning module loads
 * (the learning pages' chunk, or the enrol panel on a course page): the start page carries none.
 */
export const LEARNING_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addLearningStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(LEARNING_RESOURCES)) {
    i18n.addResourceBundle(locale, 'learning', strings, true, false);
  }
  loaded.add(i18n);
}

/** useTranslation('learning'), with the strings in place before the first render. */
export function useLearningTranslation() {
  const { i18n } = useTranslation();
  addLearningStrings(i18n);
  return useTranslation('learning');
}
