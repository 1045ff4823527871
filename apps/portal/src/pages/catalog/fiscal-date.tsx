import { thaiFiscalYear, type Locale } from '@baanrian/contracts';
import { formatDate, isoDate } from '../../i18n/format';
import { useCatalogTranslation } from './catalog-i18n';

/** A date as the programme writes it: the date, and its Thai fiscal year (Buddhist Era) beside it. */
export function DateWithFiscalYear({ value, locale }: { value: string; locale: Locale }) {
  const { t } = useCatalogTranslation();
  return (
    <time dateTime={isoDate(value)}>
      {t('dates.withFiscalYear', { date: formatDate(value, locale), year: thaiFiscalYear(value) })}
    </time>
  );
}
