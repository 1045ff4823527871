import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale, LOCALES } from '@baanrian/contracts';
import { currentLocale, LOCALE_ENDONYMS } from '../i18n/i18n';

/** Native select: the phone's own picker, large targets, works with any assistive technology. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={currentLocale(i18n)}
        onChange={(event) => {
          if (isLocale(event.target.value)) void i18n.changeLanguage(event.target.value);
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_ENDONYMS[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}
