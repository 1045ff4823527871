import type { ReportDimension, ReportMeasure } from '@baanrian/contracts';
import { classRows, reachRows } from './report-activity.sql';
import { courseDayRowsBy } from './report-course-day.sql';
import { DISTINCT_MEASURES, type DistinctMeasure, learnerRows, type MeasureRows, type Queryable } from './report-learners.sql';
import { splitPeriod } from './report-learner-edges.sql';
import { histogramDimensions, learnerYearHistogram, type SharedLearnerYears } from './report-learner-years.sql';
import type { ReportContext } from './report-sql';

export const COURSE_DAY_MEASURES: readonly ReportMeasure[] = ['enrollments', 'certificates', 'learning_hours', 'completion_rate'];
const CLASS_MEASURES: readonly ReportMeasure[] = ['classes_online', 'classes_onsite'];
const REACH_MEASURES: readonly ReportMeasure[] = ['reach_measured', 'reach_recorded', 'reach_total'];
const isDistinct = (m: ReportMeasure): m is DistinctMeasure => m in DISTINCT_MEASURES;

export interface ComputedRows {
  rows: MeasureRows;
  /** The requested measures this dimension has values for (classes have no area, reach no learner slice). */
  measures: ReportMeasure[];
}

/** The daily course rollup read once for a whole report: totals and every breakdown in one scan. */
export type SharedCourseDays = Promise<Map<ReportDimension | null, MeasureRows>>;

export function readCourseDays(db: Queryable, ctx: ReportContext, dimensions: (ReportDimension | null)[]): SharedCourseDays {
  return courseDayRowsBy(db, ctx, dimensions);
}

/**
 * The learner-year rollup read once for a whole report: the totals, time buckets and target groups
 * of the period's whole months within one or two fiscal years (see `histogramDimensions`);
 * undefined when none applies. A dimension missing from it reads its own rows; days of cut months
 * are added by `learnerRows`.
 */
export function readLearnerYears(db: Queryable, ctx: ReportContext, dimensions: (ReportDimension | null)[], measures: ReportMeasure[]): SharedLearnerYears | undefined {
  const distinct = [...new Set(measures.filter(isDistinct))];
  const { whole } = splitPeriod(ctx.period);
  if (!distinct.length || whole === null) return undefined;
  const wholeCtx = { ...ctx, period: whole };
  const served = histogramDimensions(wholeCtx, dimensions);
  return served.length ? { served: new Set(served), rows: learnerYearHistogram(db, wholeCtx, served, distinct) } : undefined;
}

/**
 * Every requested measure for one dimension (or the totals, `dimension` null), each from its own
 * source, queried in parallel and merged by row key. Keys missing from a source read as zero.
 * `courseDays` and `learnerYears` are the report's shared reads of the course and learner rollups
 * (read here, for this dimension alone, when absent).
 */
export async function computeRows(
  db: Queryable,
  ctx: ReportContext,
  dimension: ReportDimension | null,
  measures: ReportMeasure[],
  courseDays?: SharedCourseDays,
  learnerYears?: SharedLearnerYears,
): Promise<ComputedRows> {
  const wants = (list: readonly ReportMeasure[]) => measures.some((m) => list.includes(m));
  const distinct = measures.filter(isDistinct);
  const sources = await Promise.all([
    wants(COURSE_DAY_MEASURES) ? (courseDays ?? readCourseDays(db, ctx, [dimension])).then((all) => all.get(dimension) ?? new Map()) : null,
    distinct.length ? learnerRows(db, ctx, dimension, distinct, learnerYears) : null,
    wants(CLASS_MEASURES) ? classRows(db, ctx, dimension) : null,
    wants(REACH_MEASURES) ? reachRows(db, ctx, dimension) : null,
  ]);
  const [additive, learners, classes, reach] = sources;
  const applicable = measures.filter((m) => (CLASS_MEASURES.includes(m) ? classes !== null : REACH_MEASURES.includes(m) ? reach !== null : true));
  const rows: MeasureRows = new Map();
  for (const source of [additive, learners, classes, reach]) {
    for (const [key, values] of source ?? []) rows.set(key, { ...rows.get(key), ...values });
  }
  for (const [key, values] of rows) {
    rows.set(key, Object.fromEntries(applicable.map((m) => [m, values[m] ?? 0])));
  }
  return { rows, measures: applicable };
}

/** The zero row of a dimension's applicable measures (a bucket or group with no data). */
export const zeroValues = (measures: ReportMeasure[]) => Object.fromEntries(measures.map((m) => [m, 0])) as Partial<Record<ReportMeasure, number>>;
