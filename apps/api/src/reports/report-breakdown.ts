import { type Locale, REPORT_FORMATS, type ReportBreakdown, type ReportDimension, type ReportMeasure, type ReportRow, TARGET_GROUPS } from '@baanrian/contracts';
import { areaLabel, courseTitles, formatLabel, instructorNames, targetGroupLabel, timeKeyLabel } from './report-labels';
import type { SharedLearnerYears } from './report-learner-years.sql';
import type { Queryable } from './report-learners.sql';
import { computeRows, type SharedCourseDays, zeroValues } from './report-measures';
import { isTimeDimension, type ReportContext, timeKeys } from './report-sql';

/**
 * One breakdown table: its rows in a stable order with labels in the request's language. Time
 * buckets, target groups and formats always list every value (zeros included) so charts keep
 * their axes; courses, instructors and areas list the values that have data.
 */
export async function buildBreakdown(
  db: Queryable,
  ctx: ReportContext,
  dimension: ReportDimension,
  measures: ReportMeasure[],
  locale: Locale,
  courseDays?: SharedCourseDays,
  learnerYears?: SharedLearnerYears,
): Promise<ReportBreakdown> {
  const computed = await computeRows(db, ctx, dimension, measures, courseDays, learnerYears);
  const fixed = fixedKeys(ctx, dimension);
  const keys = fixed ?? [...computed.rows.keys()];
  const labels = await labelsOf(db, dimension, keys, locale);
  const rows: ReportRow[] = keys.map((key) => ({ key, label: labels.get(key) ?? key, values: computed.rows.get(key) ?? zeroValues(computed.measures) }));
  if (!fixed) {
    const collator = new Intl.Collator(locale);
    // Unknown area ('') last; otherwise alphabetical in the reader's language.
    rows.sort((a, b) => Number(a.key === '') - Number(b.key === '') || collator.compare(a.label, b.label) || a.key.localeCompare(b.key));
  }
  return { dimension, rows };
}

function fixedKeys(ctx: ReportContext, dimension: ReportDimension): string[] | null {
  if (isTimeDimension(dimension)) return timeKeys(dimension, ctx.period);
  if (dimension === 'target_group') return TARGET_GROUPS.filter((group) => !ctx.targetGroups || ctx.targetGroups.includes(group));
  if (dimension === 'format') return REPORT_FORMATS.filter((format) => !ctx.format || ctx.format === format);
  return null;
}

async function labelsOf(db: Queryable, dimension: ReportDimension, keys: string[], locale: Locale): Promise<Map<string, string>> {
  if (dimension === 'course') return courseTitles(db, keys, locale);
  if (dimension === 'instructor') return instructorNames(db, keys, locale);
  const label = (key: string): string => {
    if (isTimeDimension(dimension)) return timeKeyLabel(key, locale);
    if (dimension === 'target_group') return targetGroupLabel(key, locale);
    if (dimension === 'format') return formatLabel(key, locale);
    return areaLabel(key, locale);
  };
  return new Map(keys.map((key) => [key, label(key)]));
}
