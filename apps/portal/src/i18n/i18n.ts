import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALES, type Locale } from '@baanrian/contracts';
import en from './locales/en.json';
import th from './locales/th.json';
import vi from './locales/vi.json';
import pwaEn from '../pwa/locales/en.json';
import pwaTh from '../pwa/locales/th.json';
import pwaVi from '../pwa/locales/vi.json';
import accountsEn from '../auth/locales/en.json';
import accountsTh from '../auth/locales/th.json';
import accountsVi from '../auth/locales/vi.json';

/**
 * Every string, bundled: `translation` is the portal's, `pwa` belongs to the PWA module
 * (src/pwa, `useTranslation('pwa')`), kept in its own files so the two evolve separately.
 * `accounts` (src/auth) starts with the header's strings only; the accounts screens add the rest
 * when they load (auth/screens-i18n.ts), keeping the start page light.
 */
export const resources = {
  th: { translation: th, pwa: pwaTh, accounts: accountsTh },
  en: { translation: en, pwa: pwaEn, accounts: accountsEn },
  vi: { translation: vi, pwa: pwaVi, accounts: accountsVi },
} as const;

/** Each language's name in itself, so a learner can find their own language whatever is showing. */
export const LOCALE_ENDONYMS: Record<Locale, string> = {
  th: 'ไทย',
  en: 'English',
  vi: 'Tiếng Việt',
};

const STORAGE_KEY = 'baanrian.locale';

/** localStorage, or null where it is unavailable (disabled, private mode, no DOM). */
export function browserStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

export function readStoredLocale(storage: Storage | null): Locale | null {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function storeLocale(storage: Storage | null, locale: Locale): void {
  try {
    storage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage full or blocked: the choice just isn't remembered.
  }
}

/**
 * A fresh i18next instance with every translation bundled, initialised synchronously
 * (no HTTP backend, no Suspense), so the first render is already translated.
 */
export function createI18n(locale: Locale = DEFAULT_LOCALE): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    ns: ['translation', 'pwa', 'accounts'],
    defaultNS: 'translation',
    supportedLngs: [...LOCALES],
    nonExplicitSupportedLngs: false,
    load: 'languageOnly',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes.
    react: { useSuspense: false },
  });
  return instance;
}

/** The active UI locale, narrowed to one we support. */
export function currentLocale(i18n: I18n): Locale {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(language) ? language : DEFAULT_LOCALE;
}

/**
 * Keeps the page in step with the UI language: `<html lang>` (for screen readers, fonts and
 * line breaking) and the remembered choice in storage. Returns an unsubscribe function.
 */
export function bindLocaleToDocument(i18n: I18n, storage: Storage | null, doc: Document = document): () => void {
  const apply = (persist: boolean) => {
    const locale = currentLocale(i18n);
    doc.documentElement.lang = locale;
    if (persist) storeLocale(storage, locale);
    // Mirrored in a cookie, so the server renders the start page in this language (src/ssr).
    doc.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
  };
  apply(false);
  const onChange = () => apply(true);
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
}
