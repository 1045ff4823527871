import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/**
 * The learner quiz screens' strings (`quiz` namespace), added when the quiz page loads: only the
 * lazily loaded quiz chunk imports this module, so no other page carries them.
 */
export const QUIZ_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addQuizStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(QUIZ_RESOURCES)) {
    i18n.addResourceBundle(locale, 'quiz', strings, true, false);
  }
  loaded.add(i18n);
}

/** useTranslation('quiz'), with the strings in place before the first render. */
export function useQuizTranslation() {
  const { i18n } = useTranslation();
  addQuizStrings(i18n);
  return useTranslation('quiz');
}
