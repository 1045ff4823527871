import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';

/** The failed-jobs screen's strings (`jobs` namespace), added when its lazy chunk loads. */
export const JOBS_RESOURCES = { th, en, vi } as const;

const loaded = new WeakSet<I18n>();

export function addJobsStrings(i18n: I18n): void {
  if (loaded.has(i18n)) return;
  for (const [locale, strings] of Object.entries(JOBS_RESOURCES)) {
    i18n.addResourceBundle(locale, 'jobs', strings, true, false);
  }
  loaded.add(i18n);
}

/** useTranslation('jobs'), with the strings in place before the first render. */
export function useJobsTranslation() {
  const { i18n } = useTranslation();
  addJobsStrings(i18n);
  return useTranslation('jobs');
}
