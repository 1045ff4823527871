import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/**
 * The quiz studio's strings (`quizStudio` namespace), added when its first screen loads: only lazily
 * loaded modules import this file, so the start page carries none of them.
 */
export const QUIZ_STUDIO_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addQuizStudioStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(QUIZ_STUDIO_RESOURCES)) {
    i18n.addResourceBundle(locale, 'quizStudio', strings, true, false);
  }
  loaded.add(i18n);
}

/** useTranslation('quizStudio'), with the strings in place before the first render. */
export function useQuizStudioTranslation() {
  const { i18n } = useTranslation();
  addQuizStudioStrings(i18n);
  return useTranslation('quizStudio');
}
