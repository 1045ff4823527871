/**
 * Report periods. Thai fiscal years run 1 October – 30 September and are named in the Buddhist
 * Era by the year they end in: FY 2569 = 1 Oct 2025 – 30 Sep 2026. Days are Bangkok calendar days
 * (UTC+7, no daylight saving), written as ISO dates; `to` is inclusive.
 *
 * Period strings (the API's `period` parameter and the portal's URLs):
 *   `fy:2569`  `fy:2569:h1` (Oct–Mar)  `fy:2569:h2`  `fy:2569:q1` (Oct–Dec) … `q4`
 *   `month:2026-03`  `cy:2026` (calendar year)  `range:2026-01-05..2026-02-10`
 */
export const PERIOD_KINDS = ['fiscal_year', 'half', 'quarter', 'month', 'calendar_year', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportPeriod {
  kind: PeriodKind;
  /** The canonical period string. */
  key: string;
  /** First day, inclusive (YYYY-MM-DD, Bangkok). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** The fiscal year (BE) holding `from`. */
  fiscalYear: number;
}

export const BE_OFFSET = 543;
const BANGKOK_OFFSET_MS = 7 * 3600 * 1000;
/** Longest custom range accepted, in days (ten fiscal years). */
export const MAX_RANGE_DAYS = 3660;

export type PeriodError = 'period_format' | 'period_order' | 'period_too_long';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The Bangkok calendar day of an instant. */
export function bangkokDay(at: Date): string {
  return new Date(at.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The fiscal year (BE) a Bangkok day belongs to. */
export function fiscalYearOfDay(day: string): number {
  const [y, m] = day.split('-').map(Number);
  return (m >= 10 ? y + 1 : y) + BE_OFFSET;
}

/** Fiscal month index of a day: 0 = October … 11 = September (the bit in report masks). */
export function fiscalMonthIndex(day: string): number {
  const m = Number(day.slice(5, 7));
  return (m + 2) % 12;
}

/** The fiscal year holding an instant, in Bangkok time. */
export function fiscalYearOf(at: Date): number {
  return fiscalYearOfDay(bangkokDay(at));
}

/** Gregorian (y, m) of fiscal month `index` in fiscal year `fy`. */
function fiscalMonth(fy: number, index: number): { y: number; m: number } {
  const start = fy - BE_OFFSET - 1;
  const m0 = 9 + index; // October = 9 (0-based)
  return { y: start + Math.floor(m0 / 12), m: (m0 % 12) + 1 };
}

function span(fy: number, firstIndex: number, months: number): { from: string; to: string } {
  const a = fiscalMonth(fy, firstIndex);
  const b = fiscalMonth(fy, firstIndex + months - 1);
  return { from: iso(a.y, a.m, 1), to: iso(b.y, b.m, lastDay(b.y, b.m)) };
}

const validDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);

/** Parses a period string; returns the error code for a 400 instead of throwing. */
export function parsePeriod(value: string): ReportPeriod | { error: PeriodError } {
  let m = /^fy:(\d{4})$/.exec(value);
  if (m) return { kind: 'fiscal_year', key: value, fiscalYear: Number(m[1]), ...span(Number(m[1]), 0, 12) };
  m = /^fy:(\d{4}):h([12])$/.exec(value);
  if (m) return { kind: 'half', key: value, fiscalYear: Number(m[1]), ...span(Number(m[1]), (Number(m[2]) - 1) * 6, 6) };
  m = /^fy:(\d{4}):q([1-4])$/.exec(value);
  if (m) return { kind: 'quarter', key: value, fiscalYear: Number(m[1]), ...span(Number(m[1]), (Number(m[2]) - 1) * 3, 3) };
  m = /^month:(\d{4})-(\d{2})$/.exec(value);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const from = iso(Number(m[1]), Number(m[2]), 1);
    return { kind: 'month', key: value, from, to: iso(Number(m[1]), Number(m[2]), lastDay(Number(m[1]), Number(m[2]))), fiscalYear: fiscalYearOfDay(from) };
  }
  m = /^cy:(\d{4})$/.exec(value);
  if (m) return { kind: 'calendar_year', key: value, from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, fiscalYear: fiscalYearOfDay(`${m[1]}-01-01`) };
  m = /^range:(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (m) {
    if (!validDay(m[1]) || !validDay(m[2])) return { error: 'period_format' };
    if (m[2] < m[1]) return { error: 'period_order' };
    if (daysBetween(m[1], m[2]) > MAX_RANGE_DAYS) return { error: 'period_too_long' };
    return { kind: 'range', key: value, from: m[1], to: m[2], fiscalYear: fiscalYearOfDay(m[1]) };
  }
  return { error: 'period_format' };
}

export function isPeriodError(p: ReportPeriod | { error: PeriodError }): p is { error: PeriodError } {
  return 'error' in p;
}

/** The fiscal year (BE) running now, in Bangkok. */
export function currentFiscalYear(now = new Date()): number {
  return fiscalYearOf(now);
}

/** Months of a period as `YYYY-MM` (for trends); a range yields the months it touches. */
export function periodMonths(period: Pick<ReportPeriod, 'from' | 'to'>): string[] {
  const out: string[] = [];
  let [y, m] = period.from.split('-').map(Number);
  const end = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= end) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
