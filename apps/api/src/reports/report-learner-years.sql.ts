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
  /** Second fiscal year of a two-year period: which previous-year masks meet the first year's months (bit per MASK_COLUMNS). */
  prev_hit: number;
  n: number;
}

const MASK_COLUMNS = ['enrolled_months', 'online_months', 'onsite_months', 'started_months', 'completed_months'] as const;
const bit = (column: (typeof MASK_COLUMNS)[number]) => 1 << MASK_COLUMNS.indexOf(column);

/** Each measure's mask of a row, and its bits in `prev_hit`. */
const MASK: Record<DistinctMeasure, { own: (row: MaskRow) => number; prev: number }> = {
  learners: { own: (r) => r.enrolled_months, prev: bit('enrolled_months') },
  learners_online: { own: (r) => r.online_months, prev: bit('online_months') },
  learners_onsite: { own: (r) => r.onsite_months, prev: bit('onsite_months') },
  attendees: { own: (r) => r.started_months, prev: bit('started_months') },
  completers: { own: (r) => r.completed_months, prev: bit('completed_months') },
  participants: { own: (r) => r.enrolled_months | r.started_months, prev: bit('enrolled_months') | bit('started_months') },
};

/** The fiscal years of a period's months, in order. */
const yearsOf = (months: string[]) => [...new Set(months.map((month) => fiscalYearOfDay(`${month}-01`)))];

/**
 * The dimensions one histogram read can answer: whole months of one fiscal year, or of two
 * consecutive ones (a calendar year, a range across 1 October), without a course or channel
 * condition; totals, time buckets and target groups. Empty when it does not apply.
 */
export function histogramDimensions(ctx: ReportContext, dimensions: (ReportDimension | null)[]): (ReportDimension | null)[] {
  if (!coversWholeMonths(ctx.period) || ctx.courseIds !== null || ctx.format !== null) return [];
  return yearsOf(periodMonths(ctx.period)).length <= 2 ? [...new Set(dimensions.filter((d) => HISTOGRAM_DIMENSIONS.includes(d)))] : [];
}

/**
 * Every distinct measure of a report over one or two fiscal years in ONE read of
 * `report_learner_year`: the rows are grouped by their masks (about ten thousand combinations a
 * year for a quarter of a million people; within one year an index-only scan of
 * `report_learner_year_masks_idx` delivers them already sorted), and each bucket's count is the
 * number of people whose mask meets the bucket's months, summed here. Over two years N, N+1 a
 * person counts on their N row when it meets N's months, else on their N+1 row when that meets
 * N+1's months and its previous-year mask (`prev_*`, their N row) does not meet N's: once, exactly,
 * without a DISTINCT. Only the totals' bucket spans both years (months, quarters and halves are
 * fiscal), and its N months are the period's, which `prev_hit` is computed against.
 */
export async function learnerYearHistogram(db: Queryable, ctx: ReportContext, dimensions: (ReportDimension | null)[], measures: DistinctMeasure[]): Promise<Map<ReportDimension | null, MeasureRows>> {
  const params = new SqlParams();
  const months = periodMonths(ctx.period);
  const years = yearsOf(months);
  // Grouping columns in the index's order.
  const columns = ['r.fiscal_year', 'r.target_group', ...MASK_COLUMNS.map((c) => `r.${c}`)];
  let prevHit = '0';
  if (years.length === 2) {
    const firstYearBits = bucketsOf(months, null).get(TOTAL)?.get(years[0]) ?? 0;
    const hits = MASK_COLUMNS.map((c, i) => `(((r.prev_${c} & ${firstYearBits}) <> 0)::int << ${i})`).join(' | ');
    prevHit = `CASE WHEN r.fiscal_year = ${params.add(years[1])} THEN ${hits} ELSE 0 END`;
  }
  // One year: an equality, so the index delivers the rows in group order.
  const yearCondition = years.length === 1 ? `r.fiscal_year = ${params.add(years[0])}` : `r.fiscal_year = ANY(${params.add(years)}::int[])`;
  const conditions = [yearCondition, ...sliceConditions({ ...ctx, courseIds: null, format: null }, LEARNER_YEAR_COLUMNS, params)];
  const groups = years.length === 2 ? [...columns, 'prev_hit'] : columns;
  const rows = (await db.query(
    `SELECT ${columns.join(', ')}, ${prevHit} AS prev_hit, count(*)::int AS n FROM report_learner_year r ${where(conditions)} GROUP BY ${groups.join(', ')}`,
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
      // Counted on the previous year's row already when the bucket spans it and that row met it.
      const prevHit = masks.has(fy - 1) ? Number(row.prev_hit) : 0;
      const values = entry(byGroup ? row.target_group : bucket);
      for (const measure of measures) if (MASK[measure].own(row) & bits && !(prevHit & MASK[measure].prev)) values[measure] += row.n;
    }
  }
  return out;
}
