import { PERIOD_KINDS, type PeriodKind } from '@baanrian/contracts';
import { Select } from '../../ui';
import { DayField } from './day-field';
import { draftToPeriod, fiscalYearMonths, isDraftError, withFiscalYear, type PeriodDraft } from './period-draft';
import { formatCalendarYear, formatMonth, formatYear, useLocale } from './reports-common';
import { useReportsTranslation } from './reports-i18n';

export interface PeriodPickerProps {
  draft: PeriodDraft;
  onChange: (draft: PeriodDraft) => void;
  /** Fiscal years (BE) to offer, newest first. */
  fiscalYears: number[];
  /** Show "missing" errors too (after a submit); order and format errors always show. */
  showAllErrors?: boolean;
}

/** Fiscal year, half, quarter, month, calendar year or a custom range, in the reader's calendar. */
export function PeriodPicker({ draft, onChange, fiscalYears, showAllErrors = false }: PeriodPickerProps) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const set = (patch: Partial<PeriodDraft>) => onChange({ ...draft, ...patch });
  const years = fiscalYears.includes(draft.fiscalYear) ? fiscalYears : [draft.fiscalYear, ...fiscalYears];
  const fyLabel = (year: number) => {
    const months = fiscalYearMonths(year);
    return t('period.fiscalYearOption', { year: formatYear(year, locale), from: formatMonth(months[0], locale), to: formatMonth(months[11], locale) });
  };
  const calendarYears = [...new Set([draft.calendarYear, ...years.flatMap((fy) => [fy - 543, fy - 544])])].sort((a, b) => b - a);
  const result = draftToPeriod(draft);
  const error = isDraftError(result) && (showAllErrors || result.error !== 'range_missing') ? result : null;

  return (
    <fieldset className="reports-fieldset period-picker">
      <legend>{t('period.legend')}</legend>
      <Select
        label={t('period.kind')}
        selectedKey={draft.kind}
        onSelectionChange={(key) => set({ kind: key as PeriodKind })}
        options={PERIOD_KINDS.map((kind) => ({ id: kind, label: t(`period.kinds.${kind}`) }))}
      />
      {draft.kind !== 'calendar_year' && draft.kind !== 'range' && (
        <Select
          label={t('period.fiscalYear')}
          selectedKey={String(draft.fiscalYear)}
          onSelectionChange={(key) => onChange(withFiscalYear(draft, Number(key)))}
          options={years.map((year) => ({ id: String(year), label: fyLabel(year) }))}
        />
      )}
      {draft.kind === 'half' && (
        <Select
          label={t('period.half')}
          selectedKey={String(draft.half)}
          onSelectionChange={(key) => set({ half: Number(key) as 1 | 2 })}
          options={[1, 2].map((h) => ({ id: String(h), label: t(`period.halves.h${h as 1 | 2}`) }))}
        />
      )}
      {draft.kind === 'quarter' && (
        <Select
          label={t('period.quarter')}
          selectedKey={String(draft.quarter)}
          onSelectionChange={(key) => set({ quarter: Number(key) as 1 | 2 | 3 | 4 })}
          options={[1, 2, 3, 4].map((q) => ({ id: String(q), label: t(`period.quarters.q${q as 1 | 2 | 3 | 4}`) }))}
        />
      )}
      {draft.kind === 'month' && (
        <Select
          label={t('period.month')}
          selectedKey={draft.month}
          onSelectionChange={(key) => set({ month: String(key) })}
          options={fiscalYearMonths(draft.fiscalYear).map((month) => ({ id: month, label: formatMonth(month, locale) }))}
        />
      )}
      {draft.kind === 'calendar_year' && (
        <Select
          label={t('period.calendarYear')}
          selectedKey={String(draft.calendarYear)}
          onSelectionChange={(key) => set({ calendarYear: Number(key) })}
          options={calendarYears.map((year) => ({ id: String(year), label: formatCalendarYear(year, locale) }))}
        />
      )}
      {draft.kind === 'range' && (
        <div className="period-picker__range">
          <DayField label={t('period.from')} value={draft.from} onChange={(from) => set({ from })} error={error?.field === 'from' ? t(`period.errors.${error.error}`) : null} />
          <DayField label={t('period.to')} value={draft.to} onChange={(to) => set({ to })} error={error?.field === 'to' ? t(`period.errors.${error.error}`) : null} />
        </div>
      )}
    </fieldset>
  );
}
