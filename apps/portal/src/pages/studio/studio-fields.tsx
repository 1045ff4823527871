import { useId } from 'react';
import { thaiFiscalYear } from '@baanrian/contracts';
import { formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { TextField } from '../../ui';
import { fromBangkokInput, toBangkokInput } from './studio-common';
import { useStudioTranslation } from './studio-i18n';

/** "FY 2569": the Thai fiscal year (Buddhist Era) of a date, shown next to every date. */
export function FiscalYear({ date }: { date: string | null }) {
  const { t, i18n } = useStudioTranslation();
  if (!date) return null;
  return <span className="studio-fy">{t('fields.fiscalYear', { year: formatNumber(thaiFiscalYear(date), currentLocale(i18n), { useGrouping: false }) })}</span>;
}

export interface DateTimeFieldProps {
  label: string;
  /** An ISO instant, or null. */
  value: string | null;
  onChange: (value: string | null) => void;
  isRequired?: boolean;
  error?: string | null;
}

/**
 * A native date-and-time picker (the phone's own), read and written in Bangkok time, with the
 * Thai fiscal year beside it.
 */
export function DateTimeField({ label, value, onChange, isRequired, error }: DateTimeFieldProps) {
  const { t } = useStudioTranslation();
  const id = useId();
  return (
    <div className="ui-field studio-datetime">
      <label htmlFor={id} className="ui-field__label">
        {label}
      </label>
      <span id={`${id}-hint`} className="ui-field__description">
        {t('fields.bangkokTime')} <FiscalYear date={value} />
      </span>
      <input
        id={id}
        type="datetime-local"
        className="ui-field__input"
        value={toBangkokInput(value)}
        required={isRequired}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(event) => onChange(fromBangkokInput(event.currentTarget.value))}
      />
      {error && (
        <span id={`${id}-error`} className="ui-field__error">
          {error}
        </span>
      )}
    </div>
  );
}

/** Parses a whole number typed in any of our scripts' digits (Thai ๐-๙ too); empty → null. */
export function parseWholeNumber(raw: string): number | null | 'invalid' {
  const ascii = raw.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  if (ascii === '') return null;
  return /^\d{1,7}$/.test(ascii) ? Number(ascii) : 'invalid';
}

export function parseDecimal(raw: string): number | null | 'invalid' {
  const ascii = raw.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)).replace(',', '.');
  if (ascii === '') return null;
  return /^\d{1,5}(\.\d{1,2})?$/.test(ascii) ? Number(ascii) : 'invalid';
}

export interface NumberTextFieldProps {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  decimal?: boolean;
}

/** A number typed as text (inputMode numeric): no spinner, any digits, an inline error when not a number. */
export function NumberTextField({ label, description, value, onChange, decimal = false }: NumberTextFieldProps) {
  const { t } = useStudioTranslation();
  const parsed = decimal ? parseDecimal(value) : parseWholeNumber(value);
  return (
    <TextField
      label={label}
      description={description}
      value={value}
      onChange={onChange}
      inputMode={decimal ? 'decimal' : 'numeric'}
      isInvalid={parsed === 'invalid'}
      errorMessage={t('fields.notANumber')}
    />
  );
}
