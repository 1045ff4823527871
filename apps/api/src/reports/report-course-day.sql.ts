import type { ReportDimension } from '@baanrian/contracts';
import { type MeasureRows, type Queryable, TOTAL } from './report-learners.sql';
import { dayInPeriod, type ReportContext, SqlParams, sliceConditions, sliceDimension, where } from './report-sql';

const COURSE_DAY = { course: 'd.course_id', targetGroup: 'd.target_group', province: 'd.province', district: 'd.district', channel: 'd.channel', day: 'd.day' };

/** completion_rate = Σ cohort completions ÷ Σ enrolments × 100, one decimal; 0 without enrolments. */
// Integer numerator first: an exact half (e.g. 12.5 %) then rounds up as SQL's round() does.
export const completionRate = (cohortCompletions: number, enrollments: number) => (enrollments > 0 ? Math.round((cohortCompletions * 1000) / enrollments) / 10 : 0);

const SUMS = `coalesce(sum(d.enrollments), 0)::int AS enrollments, coalesce(sum(d.cohort_completions), 0)::int AS cohort,
  coalesce(sum(d.certificates), 0)::int AS certificates, coalesce(sum(d.learning_hours), 0)::float8 AS hours`;

interface SumRow {
  enrollments: number;
  cohort: number;
  certificates: number;
  hours: number;
}

const values = (row: SumRow) => ({
  enrollments: row.enrollments,
  certificates: row.certificates,
  learning_hours: Math.round(row.hours * 10) / 10,
  completion_rate: completionRate(row.cohort, row.enrollments),
});

/**
 * The additive measures (enrolments, certificates, learning hours, completion rate) from the daily
 * course rollup, for the totals (`null`) and several dimensions at once: one scan of the period's
 * rows with GROUPING SETS, since this is the largest table a report reads. The instructor
 * dimension joins course teachers (a course counts once per teacher) and runs on its own.
 */
export async function courseDayRowsBy(db: Queryable, ctx: ReportContext, dimensions: (ReportDimension | null)[]): Promise<Map<ReportDimension | null, MeasureRows>> {
  const out = new Map<ReportDimension | null, MeasureRows>();
  const plain = [...new Set(dimensions.filter((d) => d !== 'instructor'))];
  await Promise.all([
    plain.length ? grouped(db, ctx, plain, out) : null,
    dimensions.includes('instructor') ? byInstructor(db, ctx, out) : null,
  ]);
  return out;
}

async function grouped(db: Queryable, ctx: ReportContext, dimensions: (ReportDimension | null)[], out: Map<ReportDimension | null, MeasureRows>): Promise<void> {
  const params = new SqlParams();
  const conditions = [dayInPeriod('d.day', ctx.period, params), ...sliceConditions(ctx, COURSE_DAY, params)];
  const keyed = dimensions.filter((d): d is ReportDimension => d !== null);
  const keys = keyed.map((d) => sliceDimension(d, COURSE_DAY).key);
  const columns = keys.map((key, i) => `${key} AS k${i}, GROUPING(${key}) AS g${i}`);
  const sets = dimensions.map((d) => (d === null ? '()' : `(${keys[keyed.indexOf(d)]})`));
  const rows = (await db.query(
    `SELECT ${[...columns, SUMS].join(', ')} FROM report_course_day d ${where(conditions)} GROUP BY GROUPING SETS (${sets.join(', ')})`,
    params.values,
  )) as (SumRow & Record<string, unknown>)[];
  for (const d of dimensions) out.set(d, new Map());
  for (const row of rows) {
    // The grouping set of a row is the one key it is grouped by (GROUPING() = 0); none: the totals.
    const i = keys.findIndex((_key, j) => Number(row[`g${j}`]) === 0);
    const rowsOf = out.get(i < 0 ? null : keyed[i]);
    rowsOf?.set(i < 0 ? TOTAL : String(row[`k${i}`]), values(row));
  }
}

async function byInstructor(db: Queryable, ctx: ReportContext, out: Map<ReportDimension | null, MeasureRows>): Promise<void> {
  const params = new SqlParams();
  const dim = sliceDimension('instructor', COURSE_DAY);
  const conditions = [dayInPeriod('d.day', ctx.period, params), ...sliceConditions(ctx, COURSE_DAY, params)];
  const rows = (await db.query(`SELECT ${dim.key} AS key, ${SUMS} FROM report_course_day d ${dim.join} ${where(conditions)} GROUP BY 1`, params.values)) as (SumRow & { key: string })[];
  out.set('instructor', new Map(rows.map((row) => [String(row.key), values(row)])));
}
