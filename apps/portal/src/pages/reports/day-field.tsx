import { useId } from 'react';
import { formatDay, useLocale } from './reports-common';
import { useReportsTranslation } from './reports-i18n';

export interface DayFieldProps {
  label: string;
  /** YYYY-MM-DD, or ''. */
  value: string;
  onChange: (value: string) => void;
  /** The inline error, already in words. */
  error?: string | null;
  isRequired?: boolean;
}

/**
 * A native date input (the phone's own picker) in the design system's field style, with the chosen
 * day written out under its label in the reader's calendar: Thai readers see the Buddhist Era
 * whatever the browser's picker shows.
 */
export function DayField({ label, value, onChange, error, isRequired }: DayFieldProps) {
  const { t } = useReportsTranslation();
  const locale = useLocale();
  const id = useId();
  const shown = /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value, locale) : '';
  return (
    <div className="ui-field" data-invalid={error ? true : undefined}>
      <label htmlFor={id} className="ui-field__label">
        {label}
      </label>
      <span id={`${id}-hint`} className="ui-field__description">
        {shown ? t('period.chosenDay', { date: shown }) : t('period.dayHint')}
      </span>
      <input
        id={id}
        type="date"
        className="ui-field__input"
        value={value}
        required={isRequired}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {error && (
        <span id={`${id}-error`} className="ui-field__error">
          {error}
        </span>
      )}
    </div>
  );
}
