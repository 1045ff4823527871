import { BE_OFFSET, isPeriodError, type Locale, parsePeriod, pickText, type LocalizedText, type ReportPeriod } from '@baanrian/contracts';
import type { Queryable } from './report-learners.sql';
import { FORMAT_LABELS, MONTH_SHORT, PERIOD_WORDS, TARGET_GROUP_LABELS, UNKNOWN_AREA, UNKNOWN_NAME } from './report-labels.dictionary';

/*
 * Display labels of periods and breakdown rows in the request's language. Thai years are in the
 * Buddhist Era ("ต.ค. 2568"); English and Vietnamese use Gregorian years, but fiscal years keep
 * their Thai (BE) name everywhere, since that is the name on every plan and official report.
 */

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ''));
const year = (y: number, locale: Locale) => (locale === 'th' ? y + BE_OFFSET : y);

/** `2025-10` → "ต.ค. 2568" / "Oct 2025" / "Th10 2025". */
export function monthLabel(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTH_SHORT[locale][m - 1]} ${year(y, locale)}`;
}

/** `2026-01-05` → "5 ม.ค. 2569" / "5 Jan 2026" / "5/1/2026". */
export function dayLabel(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number);
  return locale === 'vi' ? `${d}/${m}/${y}` : `${d} ${MONTH_SHORT[locale][m - 1]} ${year(y, locale)}`;
}

/** "ไตรมาส 1 ปีงบประมาณ 2569 (ต.ค. 2568 – ธ.ค. 2568)", "Year 2026", "5 Jan 2026 – 10 Feb 2026" … */
export function periodLabel(period: ReportPeriod, locale: Locale): string {
  const span = `${monthLabel(period.from.slice(0, 7), locale)} – ${monthLabel(period.to.slice(0, 7), locale)}`;
  switch (period.kind) {
    case 'fiscal_year':
      return `${fill(PERIOD_WORDS.fiscal_year[locale], { fy: period.fiscalYear })} (${span})`;
    case 'half':
    case 'quarter':
      return `${fill(PERIOD_WORDS[period.kind][locale], { fy: period.fiscalYear, n: period.key.slice(-1) })} (${span})`;
    case 'month':
      return monthLabel(period.from.slice(0, 7), locale);
    case 'calendar_year':
      return fill(PERIOD_WORDS.calendar_year[locale], { y: year(Number(period.from.slice(0, 4)), locale) });
    case 'range':
      return `${dayLabel(period.from, locale)} – ${dayLabel(period.to, locale)}`;
  }
}

/** The label of a time bucket key (`2026-03`, `fy:2569:q2`, `fy:2569:h1`). */
export function timeKeyLabel(key: string, locale: Locale): string {
  if (/^\d{4}-\d{2}$/.test(key)) return monthLabel(key, locale);
  const period = parsePeriod(key);
  return isPeriodError(period) ? key : periodLabel(period, locale);
}

export const targetGroupLabel = (key: string, locale: Locale) => TARGET_GROUP_LABELS[key as keyof typeof TARGET_GROUP_LABELS]?.[locale] ?? key;
export const formatLabel = (key: string, locale: Locale) => FORMAT_LABELS[key as keyof typeof FORMAT_LABELS]?.[locale] ?? key;
export const areaLabel = (key: string, locale: Locale) => (key === '' ? UNKNOWN_AREA[locale] : key);

/** Course titles in the locale (Thai when the course has no translation), by id. */
export async function courseTitles(db: Queryable, ids: string[], locale: Locale): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await db.query(`SELECT id, title FROM course WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; title: LocalizedText }[];
  const titles = new Map(rows.map((row) => [row.id, pickText(row.title, locale)]));
  return new Map(ids.map((id) => [id, titles.get(id) ?? UNKNOWN_NAME[locale]]));
}

/** Instructors' display names, by id. */
export async function instructorNames(db: Queryable, ids: string[], locale: Locale): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await db.query(`SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; display_name: string }[];
  const names = new Map(rows.map((row) => [row.id, row.display_name]));
  return new Map(ids.map((id) => [id, names.get(id) ?? UNKNOWN_NAME[locale]]));
}
