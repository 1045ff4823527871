import { fiscalMonthIndex, fiscalYearOfDay, periodMonths, type ReportDimension } from '@baanrian/contracts';
import { type DistinctMeasure, type MeasureRows, type Queryable, TOTAL } from './report-distinct';
import { coversWholeMonths, isTimeDimension, type ReportContext, SqlParams, sliceConditions, timeKeyOfMonth, where } from './report-sql';

/** The distinct measures of a whole report by dimension (null = totals), for the dimensions it serves. */
export interface SharedLearnerYears {
  served: ReadonlySet<ReportDimension | null>;
  rows: Promise<Map<ReportDimension | null, MeasureRows>>;
}

/**
 * Dimensions the histogram serves. Areas are left to their own grouped count: with province and
 * district in the grouping nearly every person is a group of their own, and the sums here would cost
 * more than the scan they save.
 */
const HISTOGRAM_DIMENSIONS: readonly (ReportDimension | null)[] = [null, 'month', 'quarter', 'half', 'target_group'];

interface MaskRow {
  fiscal_year: number;
  target_group: string;
  enrolled_months: number;
  online_months: number;
  onsite_months: number;
  started_months: number;
  completed_months: number;
  n: number;
}

const MASK_COLUMNS = ['enrolled_months', 'online_months', 'onsite_months', 'started_months', 'completed_months'] as const;

const MASK: Record<DistinctMeasure, (row: MaskRow) => number> = {
  learners: (r) => r.enrolled_months,
  learners_online: (r) => r.online_months,
  learners_onsite: (r) => r.onsite_months,
  attendees: (r) => r.started_months,
  completers: (r) => r.completed_months,
  participants: (r) => r.enrolled_months | r.started_months,
};

/** The fiscal years of a period's months, in order. */
const yearsOf = (months: string[]) => [...new Set(months.map((month) => fiscalYearOfDay(`${month}-01`)))];

/**
 * The dimensions one histogram read can answer: whole months of ONE fiscal year (a person has one
 * row there, so counts add up across target groups and months) without a course or channel
 * condition; totals, time buckets and target groups. Empty when it does not apply. Two fiscal
 * years are not served: measured at bench size M, grouping two years' rows by their masks gave
 * about 39,000 groups for 47,000 rows (nearly a group per person, all sent to the API), slower than
 * the grouped count with previous-year masks in report-learners.sql.ts.
 */
export function histogramDimensions(ctx: ReportContext, dimensions: (ReportDimension | null)[]): (ReportDimension | null)[] {
  if (!coversWholeMonths(ctx.period) || ctx.courseIds !== null || ctx.format !== null) return [];
  return yearsOf(periodMonths(ctx.period)).length === 1 ? [...new Set(dimensions.filter((d) => HISTOGRAM_DIMENSIONS.includes(d)))] : [];
}

/**
 * Every distinct measure of a one-fiscal-year report in ONE read of `report_learner_year`: the
 * rows are grouped by their masks (an index-only scan of `report_learner_year_masks_idx` delivers
 * them already sorted), and each bucket's count is the number of people whose mask meets the
 * bucket's months, summed here.
 */
export async function learnerYearHistogram(db: Queryable, ctx: ReportContext, dimensions: (ReportDimension | null)[], measures: DistinctMeasure[]): Promise<Map<ReportDimension | null, MeasureRows>> {
  const params = new SqlParams();
  const months = periodMonths(ctx.period);
  const [year] = yearsOf(months);
  // Grouping columns in the index's order.
  const columns = ['r.target_group', ...MASK_COLUMNS.map((c) => `r.${c}`)];
  const conditions = [`r.fiscal_year = ${params.add(year)}`, ...sliceConditions({ ...ctx, courseIds: null, format: null }, LEARNER_YEAR_COLUMNS, params)];
  const rows = (await db.query(
    `SELECT ${params.add(year)}::int AS fiscal_year, ${columns.join(', ')}, count(*)::int AS n FROM report_learner_year r ${where(conditions)} GROUP BY ${columns.join(', ')}`,
    params.values,
  )) as MaskRow[];
  const out = new Map<ReportDimension | null, MeasureRows>();
  for (const dimension of dimensions) out.set(dimension, tally(rows, bucketsOf(months, dimension), dimension, measures));
  return out;
}

const LEARNER_YEAR_COLUMNS = { course: '', targetGroup: 'r.target_group', province: 'r.province', district: 'r.district', channel: '' };

/** A dimension's buckets: per fiscal year, the mask of the bucket's months in it (slices and totals: the whole period). */
export function bucketsOf(months: string[], dimension: ReportDimension | null): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const month of months) {
    const key = isTimeDimension(dimension) ? timeKeyOfMonth(dimension, month) : TOTAL;
    const masks = out.get(key) ?? new Map<number, number>();
    const fy = fiscalYearOfDay(`${month}-01`);
    masks.set(fy, (masks.get(fy) ?? 0) | (1 << fiscalMonthIndex(`${month}-01`)));
    out.set(key, masks);
  }
  return out;
}

function tally(rows: MaskRow[], buckets: Map<string, Map<number, number>>, dimension: ReportDimension | null, measures: DistinctMeasure[]): MeasureRows {
  const out: MeasureRows = new Map();
  const entry = (key: string) => {
    let values = out.get(key);
    if (!values) out.set(key, (values = Object.fromEntries(measures.map((m) => [m, 0]))));
    return values as Record<DistinctMeasure, number>;
  };
  const byGroup = dimension === 'target_group';
  // Buckets exist whenever the period has rows (as a grouped SQL count would give them).
  if (rows.length && !byGroup) for (const key of buckets.keys()) entry(key);
  for (const row of rows) {
    const fy = Number(row.fiscal_year);
    for (const [bucket, masks] of buckets) {
      const bits = masks.get(fy);
      if (!bits) continue;
      const values = entry(byGroup ? row.target_group : bucket);
      for (const measure of measures) if (MASK[measure](row) & bits) values[measure] += row.n;
    }
  }
  return out;
}
