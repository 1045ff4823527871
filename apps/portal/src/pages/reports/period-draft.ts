import { BE_OFFSET, fiscalMonthIndex, isPeriodError, parsePeriod, periodMonths, type PeriodKind } from '@baanrian/contracts';

/*
 * The period picker's state and its one output, a period string of report-period.ts (`fy:2569`,
 * `fy:2569:q1`, `month:2026-03`, `cy:2026`, `range:2026-01-05..2026-02-10`). Pure, so the picker's
 * rules are tested without a browser. Every field keeps its value when the kind changes, so going
 * from "quarter" to "month" and back loses nothing.
 */

export interface PeriodDraft {
  kind: PeriodKind;
  /** Fiscal year (BE), for the fiscal year, half, quarter and month kinds. */
  fiscalYear: number;
  half: 1 | 2;
  quarter: 1 | 2 | 3 | 4;
  /** YYYY-MM, one of the fiscal year's months. */
  month: string;
  /** Gregorian year of a calendar-year period (shown in BE to Thai readers). */
  calendarYear: number;
  /** Custom range, YYYY-MM-DD (what <input type=date> gives), `to` inclusive. */
  from: string;
  to: string;
}

export type PeriodDraftError = 'range_missing' | 'range_format' | 'range_order' | 'range_too_long';

export type PeriodDraftResult = { key: string } | { error: PeriodDraftError; field: 'from' | 'to' };

/** The twelve months of a fiscal year, October first, as YYYY-MM. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  const start = fiscalYear - BE_OFFSET - 1;
  return periodMonths({ from: `${start}-10-01`, to: `${start + 1}-09-30` });
}

/** A fresh draft: the whole fiscal year, the other kinds preset to its first half, quarter and month. */
export function defaultDraft(fiscalYear: number): PeriodDraft {
  const months = fiscalYearMonths(fiscalYear);
  return {
    kind: 'fiscal_year',
    fiscalYear,
    half: 1,
    quarter: 1,
    month: months[0],
    calendarYear: fiscalYear - BE_OFFSET,
    from: '',
    to: '',
  };
}

/** A draft showing `key` (e.g. from the URL); the default draft when the key does not parse. */
export function draftFromPeriod(key: string | null | undefined, fallbackFiscalYear: number): PeriodDraft {
  const parsed = key ? parsePeriod(key) : null;
  if (!parsed || isPeriodError(parsed)) return defaultDraft(fallbackFiscalYear);
  const draft = { ...defaultDraft(parsed.fiscalYear), kind: parsed.kind };
  switch (parsed.kind) {
    case 'half':
      return { ...draft, half: Number(parsed.key.slice(-1)) as 1 | 2 };
    case 'quarter':
      return { ...draft, quarter: Number(parsed.key.slice(-1)) as 1 | 2 | 3 | 4 };
    case 'month':
      return { ...draft, month: parsed.from.slice(0, 7) };
    case 'calendar_year':
      return { ...draft, fiscalYear: fallbackFiscalYear, month: fiscalYearMonths(fallbackFiscalYear)[0], calendarYear: Number(parsed.from.slice(0, 4)) };
    case 'range':
      return { ...draft, from: parsed.from, to: parsed.to };
    default:
      return draft;
  }
}

/** Moves the draft to another fiscal year, keeping the same fiscal month (March stays March). */
export function withFiscalYear(draft: PeriodDraft, fiscalYear: number): PeriodDraft {
  const index = fiscalMonthIndex(`${draft.month}-01`);
  return { ...draft, fiscalYear, month: fiscalYearMonths(fiscalYear)[index] };
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-31). */
const validDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && !isPeriodError(parsePeriod(`range:${day}..${day}`));

/** The period string, or why there is none yet (with the field the error belongs next to). */
export function draftToPeriod(draft: PeriodDraft): PeriodDraftResult {
  switch (draft.kind) {
    case 'fiscal_year':
      return { key: `fy:${draft.fiscalYear}` };
    case 'half':
      return { key: `fy:${draft.fiscalYear}:h${draft.half}` };
    case 'quarter':
      return { key: `fy:${draft.fiscalYear}:q${draft.quarter}` };
    case 'month':
      return { key: `month:${draft.month}` };
    case 'calendar_year':
      return { key: `cy:${draft.calendarYear}` };
    case 'range': {
      if (!draft.from) return { error: 'range_missing', field: 'from' };
      if (!draft.to) return { error: 'range_missing', field: 'to' };
      if (!validDay(draft.from)) return { error: 'range_format', field: 'from' };
      if (!validDay(draft.to)) return { error: 'range_format', field: 'to' };
      const parsed = parsePeriod(`range:${draft.from}..${draft.to}`);
      if (isPeriodError(parsed)) {
        if (parsed.error === 'period_order') return { error: 'range_order', field: 'to' };
        if (parsed.error === 'period_too_long') return { error: 'range_too_long', field: 'to' };
        return { error: 'range_format', field: 'from' };
      }
      return { key: parsed.key };
    }
  }
}

export const isDraftError = (result: PeriodDraftResult): result is { error: PeriodDraftError; field: 'from' | 'to' } => 'error' in result;
