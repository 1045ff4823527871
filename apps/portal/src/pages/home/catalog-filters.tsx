import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSE_FORMATS, isLocale, LOCALES, type CatalogFilters, type CourseFormat } from '@baanrian/contracts';
import { LOCALE_ENDONYMS } from '../../i18n/i18n';
import { useCatalogTranslation } from '../catalog/catalog-i18n';

const isFormat = (value: string): value is CourseFormat => (COURSE_FORMATS as readonly string[]).includes(value);

/**
 * Format, teaching language and "not started yet": native controls with visible labels (the
 * phone's own pickers, no extra script on the start page). Each change is applied at once and
 * written to the URL.
 */
export function CatalogFilterBar({ filters, onChange }: { filters: CatalogFilters; onChange: (patch: Partial<CatalogFilters>) => void }) {
  const { t } = useCatalogTranslation();
  const { t: tShared } = useTranslation();
  const id = useId();
  const active = Boolean(filters.format || filters.language || filters.upcoming || filters.category);

  return (
    <fieldset className="catalog-filters">
      <legend>{t('filters.heading')}</legend>
      <div className="field">
        <label htmlFor={`${id}-format`}>{t('filters.format')}</label>
        <select
          id={`${id}-format`}
          value={filters.format ?? ''}
          onChange={(event) => onChange({ format: isFormat(event.target.value) ? event.target.value : undefined })}
        >
          <option value="">{t('filters.anyFormat')}</option>
          {COURSE_FORMATS.map((format) => (
            <option key={format} value={format}>
              {tShared(`format.${format}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('filters.language')}</label>
        <select
          id={`${id}-language`}
          value={filters.language ?? ''}
          onChange={(event) => onChange({ language: isLocale(event.target.value) ? event.target.value : undefined })}
        >
          <option value="">{t('filters.anyLanguage')}</option>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LOCALE_ENDONYMS[locale]}
            </option>
          ))}
        </select>
      </div>
      <div className="catalog-filters__check">
        <input
          id={`${id}-upcoming`}
          type="checkbox"
          checked={filters.upcoming === true}
          onChange={(event) => onChange({ upcoming: event.target.checked ? true : undefined })}
        />
        <label htmlFor={`${id}-upcoming`}>{t('filters.upcoming')}</label>
      </div>
      {filters.category && <p className="catalog-filters__category">{t('filters.category', { category: filters.category })}</p>}
      {active && (
        <button
          type="button"
          className="ui-button ui-button--quiet"
          onClick={() => onChange({ format: undefined, language: undefined, upcoming: undefined, category: undefined })}
        >
          {t('filters.clear')}
        </button>
      )}
    </fieldset>
  );
}
