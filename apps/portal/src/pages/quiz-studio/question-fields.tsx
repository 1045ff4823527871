import { useState, type ReactNode } from 'react';
import { formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, TextField } from '../../ui';
import { parseNumber } from './quiz-studio-common';
import { useQuizStudioTranslation } from './quiz-studio-i18n';

/**
 * The text of a number field: what the user typed, until the value changes from outside (a reset,
 * a type switch); then the value's own text.
 */
function useNumberText(value: number, toText: (n: number) => string, fromText: (text: string) => number) {
  const [text, setText] = useState(() => (Number.isFinite(value) ? toText(value) : ''));
  const [previous, setPrevious] = useState(value);
  if (!Object.is(previous, value)) {
    setPrevious(value);
    if (Number.isFinite(value) && !(Math.abs(fromText(text) - value) < 1e-9)) setText(toText(value));
  }
  return [text, setText] as const;
}

const asNumber = (text: string) => {
  const n = parseNumber(text);
  return typeof n === 'number' ? n : NaN;
};

const trimNumber = (n: number) => String(Math.round(n * 1e6) / 1e6);

/**
 * A weight typed as a percentage (100 = full credit, 50 = half, −100 = a full penalty), stored as
 * the fraction the model uses; NaN while the text is not a number (validation then says so).
 */
export function PercentField({ label, value, onChange, description }: { label: string; value: number; onChange: (fraction: number) => void; description?: string }) {
  const { t } = useQuizStudioTranslation();
  const [text, setText] = useNumberText(value, (n) => trimNumber(n * 100), (text) => asNumber(text) / 100);
  const parsed = parseNumber(text);
  const invalid = parsed === 'invalid' || parsed === null || parsed < -100 || parsed > 100;
  return (
    <TextField
      label={label}
      description={description}
      value={text}
      inputMode="decimal"
      className="ui-field quiz-number-field"
      onChange={(next) => {
        setText(next);
        const n = parseNumber(next);
        onChange(typeof n === 'number' ? n / 100 : NaN);
      }}
      isInvalid={invalid}
      errorMessage={t('editor.percentInvalid')}
    />
  );
}

/** A decimal number (Thai digits and a decimal comma accepted); NaN while it is not one. */
export function DecimalField({ label, value, onChange, description, min }: { label: string; value: number; onChange: (value: number) => void; description?: string; min?: number }) {
  const { t } = useQuizStudioTranslation();
  const [text, setText] = useNumberText(value, trimNumber, asNumber);
  const parsed = parseNumber(text);
  const invalid = typeof parsed !== 'number' || (min !== undefined && parsed < min);
  return (
    <TextField
      label={label}
      description={description}
      value={text}
      inputMode="decimal"
      className="ui-field quiz-number-field"
      onChange={(next) => {
        setText(next);
        const n = parseNumber(next);
        onChange(typeof n === 'number' ? n : NaN);
      }}
      isInvalid={invalid}
      errorMessage={t('editor.numberInvalid')}
    />
  );
}

export interface ReorderableListProps<T> {
  /** The group's name ("Items in the correct order"). */
  label: string;
  items: readonly T[];
  keyOf: (item: T) => string;
  /** "Item 2": names a row in button labels and announcements. */
  rowLabel: (index: number) => string;
  render: (item: T, index: number) => ReactNode;
  onMove?: (index: number, delta: -1 | 1) => void;
  onRemove?: (index: number) => void;
  /** Rows cannot go below this count (the remove button then says why instead of removing). */
  minItems?: number;
}

/**
 * Rows with "move up", "move down" and "remove" buttons: the keyboard way to reorder (no drag
 * needed). Buttons stay enabled at the ends so focus never drops to the page; a polite status
 * line says where the row went.
 */
export function ReorderableList<T>({ label, items, keyOf, rowLabel, render, onMove, onRemove, minItems = 0 }: ReorderableListProps<T>) {
  const { t, i18n } = useQuizStudioTranslation();
  const [status, setStatus] = useState('');
  const locale = currentLocale(i18n);
  const moveBy = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= items.length) {
      setStatus(delta < 0 ? t('editor.alreadyFirst', { item: rowLabel(index) }) : t('editor.alreadyLast', { item: rowLabel(index) }));
      return;
    }
    onMove?.(index, delta);
    setStatus(t('editor.moved', { item: rowLabel(index), position: formatNumber(target + 1, locale), count: items.length }));
  };
  return (
    <div className="quiz-rows">
      <ol className="quiz-rows__list" aria-label={label}>
        {items.map((item, index) => (
          <li key={keyOf(item)} className="quiz-row">
            <div role="group" aria-label={rowLabel(index)} className="quiz-row__fields">
              <p className="quiz-row__title" aria-hidden="true">
                {rowLabel(index)}
              </p>
              {render(item, index)}
            </div>
            <div className="quiz-row__actions">
              {onMove && (
                <>
                  <Button variant="secondary" onPress={() => moveBy(index, -1)} aria-label={t('editor.moveUp', { item: rowLabel(index) })}>
                    <span aria-hidden="true">↑</span> {t('editor.up')}
                  </Button>
                  <Button variant="secondary" onPress={() => moveBy(index, 1)} aria-label={t('editor.moveDown', { item: rowLabel(index) })}>
                    <span aria-hidden="true">↓</span> {t('editor.down')}
                  </Button>
                </>
              )}
              {onRemove && (
                <Button
                  variant="quiet"
                  aria-label={t('editor.removeRow', { item: rowLabel(index) })}
                  onPress={() => {
                    if (items.length <= minItems) {
                      setStatus(t('editor.cannotRemove', { count: minItems }));
                      return;
                    }
                    onRemove(index);
                    setStatus(t('editor.removed', { item: rowLabel(index) }));
                  }}
                >
                  {t('editor.remove')}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <p role="status" className="visually-hidden">
        {status}
      </p>
    </div>
  );
}
