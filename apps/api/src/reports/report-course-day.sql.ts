import type { ReportDimension } from '@baanrian/contracts';
import { type MeasureRows, type Queryable, TOTAL } from './report-learners.sql';
import { splitPeriod } from './report-learner-edges.sql';
import { dayInPeriod, isTimeDimension, type ReportContext, SqlParams, sliceConditions, sliceDimension, timeKeyOfMonth, where } from './report-sql';

const SLICE = { course: 'd.course_id', targetGroup: 'd.target_group', province: 'd.province', district: 'd.district', channel: 'd.channel' };

/** Where the additive measures are summed from (as `d`), its slice and date columns, and the period's condition on it. */
interface AdditiveSource {
  from: string;
  columns: typeof SLICE & { day: string };
  period: string | null;
}

const ROW_COLUMNS = 'target_group, province, district, channel, enrollments, cohort_completions, certificates, learning_hours';

/**
 * The monthly area rollup (a few thousand rows a year, no course) answers a report without courses
 * in it over whole months; over a range that cuts months, it answers the whole months and the daily
 * course rollup the cut edges' days (one UNION ALL). A course scope (a course or instructor filter,
 * an instructor's own report) or a course or instructor breakdown needs the daily course rollup.
 */
function sourceFor(ctx: ReportContext, dimension: ReportDimension | null, params: SqlParams): AdditiveSource {
  const courseless = ctx.courseIds === null && dimension !== 'course' && dimension !== 'instructor';
  const { whole, edges } = splitPeriod(ctx.period);
  if (!courseless || whole === null) return { from: 'report_course_day d', columns: { ...SLICE, day: 'd.day' }, period: dayInPeriod('d.day', ctx.period, params) };
  if (edges.length === 0) return { from: 'report_area_month d', columns: { ...SLICE, day: 'd.month' }, period: dayInPeriod('d.month', ctx.period, params) };
  const edgeDays = edges.map((edge) => `(${dayInPeriod('day', { ...whole, ...edge }, params)})`).join(' OR ');
  return {
    from: `(SELECT month AS day, ${ROW_COLUMNS} FROM report_area_month WHERE ${dayInPeriod('month', whole, params)}
            UNION ALL SELECT day, ${ROW_COLUMNS} FROM report_course_day WHERE ${edgeDays}) d`,
    // No course column in the union: a courseless report never filters or groups by course.
    columns: { ...SLICE, day: 'd.day' },
    period: null,
  };
}

/** completion_rate = Σ cohort completions ÷ Σ enrolments × 100, one decimal; 0 without enrolments. */
// Integer numerator first: an exact half (e.g. 12.5 %) then rounds up as SQL's round() does.
export const completionRate = (cohortCompletions: number, enrollments: number) => (enrollments > 0 ? Math.round((cohortCompletions * 1000) / enrollments) / 10 : 0);

const SUMS = `coalesce(sum(d.enrollments), 0)::int AS enrollments, coalesce(sum(d.cohort_completions), 0)::int AS cohort,
  coalesce(sum(d.certificates), 0)::int AS certificates, coalesce(sum(d.learning_hours), 0)::float8 AS hours`;

interface Sums {
  enrollments: number;
  cohort: number;
  certificates: number;
  hours: number;
}

const values = (row: Sums) => ({
  enrollments: row.enrollments,
  certificates: row.certificates,
  learning_hours: Math.round(row.hours * 10) / 10,
  completion_rate: completionRate(row.cohort, row.enrollments),
});

/** Dimensions answered from one small grouping by (day, target group, channel). */
const COMPACT: readonly (ReportDimension | null)[] = [null, 'month', 'quarter', 'half', 'target_group', 'format'];

/**
 * The additive measures (enrolments, certificates, learning hours, completion rate) from the
 * monthly area rollup, the daily course rollup or both (see `sourceFor`). The totals, time buckets, target
 * groups and formats all come from ONE scan grouped by (day or month, target group, channel) — a few
 * thousand groups at most — summed up here; areas, courses and instructors need a scan each.
 */
export async function courseDayRowsBy(db: Queryable, ctx: ReportContext, dimensions: (ReportDimension | null)[]): Promise<Map<ReportDimension | null, MeasureRows>> {
  const out = new Map<ReportDimension | null, MeasureRows>();
  const compact = [...new Set(dimensions.filter((d) => COMPACT.includes(d)))];
  const others = [...new Set(dimensions.filter((d): d is ReportDimension => !COMPACT.includes(d)))];
  await Promise.all([compact.length ? byDay(db, ctx, compact, out) : null, ...others.map((d) => byKey(db, ctx, d, out))]);
  return out;
}

async function byDay(db: Queryable, ctx: ReportContext, dimensions: (ReportDimension | null)[], out: Map<ReportDimension | null, MeasureRows>): Promise<void> {
  const params = new SqlParams();
  const { from, columns, period } = sourceFor(ctx, null, params);
  const conditions = [...(period ? [period] : []), ...sliceConditions(ctx, columns, params)];
  const rows = (await db.query(`SELECT ${columns.day}::text AS day, d.target_group, d.channel, ${SUMS} FROM ${from} ${where(conditions)} GROUP BY 1, 2, 3`, params.values)) as (Sums & {
    day: string;
    target_group: string;
    channel: string;
  })[];
  for (const dimension of dimensions) {
    const sums = new Map<string, Sums>();
    // The totals row exists even without data, so a report always has its zeros.
    if (dimension === null) sums.set(TOTAL, { enrollments: 0, cohort: 0, certificates: 0, hours: 0 });
    for (const row of rows) {
      const key = dimension === null ? TOTAL : isTimeDimension(dimension) ? timeKeyOfMonth(dimension, row.day.slice(0, 7)) : dimension === 'format' ? row.channel : row.target_group;
      const sum = sums.get(key) ?? { enrollments: 0, cohort: 0, certificates: 0, hours: 0 };
      sum.enrollments += row.enrollments;
      sum.cohort += row.cohort;
      sum.certificates += row.certificates;
      sum.hours += row.hours;
      sums.set(key, sum);
    }
    out.set(dimension, new Map([...sums].map(([key, sum]) => [key, values(sum)])));
  }
}

async function byKey(db: Queryable, ctx: ReportContext, dimension: ReportDimension, out: Map<ReportDimension | null, MeasureRows>): Promise<void> {
  const params = new SqlParams();
  const { from, columns, period } = sourceFor(ctx, dimension, params);
  const dim = sliceDimension(dimension, columns);
  const conditions = [...(period ? [period] : []), ...sliceConditions(ctx, columns, params)];
  const rows = (await db.query(`SELECT ${dim.key} AS key, ${SUMS} FROM ${from} ${dim.join} ${where(conditions)} GROUP BY 1`, params.values)) as (Sums & { key: string })[];
  out.set(dimension, new Map(rows.map((row) => [String(row.key), values(row)])));
}
