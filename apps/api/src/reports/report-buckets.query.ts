import { fiscalMonthIndex, fiscalYearOfDay, periodMonths, type ReportDimension, type ReportMeasure, type ReportPeriod } from '@baanrian/contracts';
import { LEARNER_BUCKETS } from '@baanrian/reports';
import { DISTINCT_MEASURES, type DistinctMeasure, type MeasureRows, type Queryable, TOTAL } from './report-learners.sql';
import type { SharedLearnerYears } from './report-learner-years.sql';
import { coversWholeMonths, isTimeDimension, type ReportContext, SqlParams, sliceConditions, timeKeyOfMonth, where } from './report-sql';

/*
 * The distinct measures of a report over exactly one bucket of `report_learner_bucket` (a fiscal
 * year, half, quarter or month) read from that table: hundreds of rows, whatever the number of
 * people. Everything else keeps the learner-year and raw-enrolment paths.
 */

/** Dimensions a bucket row can be keyed by: totals, fiscal time buckets and the learner slice. */
const BUCKET_DIMENSIONS: readonly (ReportDimension | null)[] = [null, 'month', 'quarter', 'half', 'target_group', 'province', 'district'];
const SLICE_COLUMNS = { target_group: 'target_group', province: 'province', district: 'district' } as const;
const BUCKET_COLUMNS = { course: '', targetGroup: 'r.target_group', province: 'r.province', district: 'r.district', channel: '' };

const isDistinct = (m: ReportMeasure): m is DistinctMeasure => m in DISTINCT_MEASURES;

/** The fiscal year and month mask of `months` (YYYY-MM) when they lie in one fiscal year. */
function maskOfMonths(months: string[]): { fiscalYear: number; mask: number } | null {
  const years = new Set(months.map((month) => fiscalYearOfDay(`${month}-01`)));
  if (years.size !== 1) return null;
  return { fiscalYear: [...years][0], mask: months.reduce((mask, month) => mask | (1 << fiscalMonthIndex(`${month}-01`)), 0) };
}

/**
 * The bucket a period is, or null: whole months of one fiscal year forming a month, quarter, half
 * or the whole year (`fy:2569`, `fy:2569:q2`, `month:2026-03`, or a range equal to one of them).
 */
export function periodBucket(period: ReportPeriod): { fiscalYear: number; mask: number } | null {
  if (!coversWholeMonths(period)) return null;
  const bucket = maskOfMonths(periodMonths(period));
  return bucket && LEARNER_BUCKETS.includes(bucket.mask) ? bucket : null;
}

/**
 * Which of `dimensions` the bucket table answers for this report: all of totals, time buckets,
 * target groups and areas when the period is one bucket and nothing narrows it by course or
 * channel (the table has neither); none otherwise.
 */
export function bucketDimensions(ctx: ReportContext, dimensions: (ReportDimension | null)[]): (ReportDimension | null)[] {
  if (ctx.courseIds !== null || ctx.format !== null || periodBucket(ctx.period) === null) return [];
  return [...new Set(dimensions.filter((d) => BUCKET_DIMENSIONS.includes(d)))];
}

/** A time dimension's rows as bucket masks: within one bucket-period each is itself a bucket (months nest in quarters in halves). */
function rowMasks(period: ReportPeriod, dimension: ReportDimension | null, whole: number): Map<string, number> {
  if (!isTimeDimension(dimension)) return new Map([[TOTAL, whole]]);
  const out = new Map<string, number>();
  for (const month of periodMonths(period)) {
    const key = timeKeyOfMonth(dimension, month);
    out.set(key, (out.get(key) ?? 0) | (1 << fiscalMonthIndex(`${month}-01`)));
  }
  return out;
}

/**
 * The report's distinct measures for every dimension the bucket table serves, in ONE read: the
 * rows of the needed buckets (the period's, and each time row's), grouped by the slice columns
 * some dimension needs, then added up per row key here. Undefined when it serves nothing, so the
 * caller reads the learner years instead.
 */
export function readLearnerBuckets(db: Queryable, ctx: ReportContext, dimensions: (ReportDimension | null)[], measures: ReportMeasure[]): SharedLearnerYears | undefined {
  const distinct = [...new Set(measures.filter(isDistinct))];
  const served = bucketDimensions(ctx, dimensions);
  const bucket = periodBucket(ctx.period);
  if (!distinct.length || !served.length || bucket === null) return undefined;
  return { served: new Set(served), rows: bucketRows(db, ctx, bucket, served, distinct) };
}

type BucketRow = Partial<Record<'target_group' | 'province' | 'district', string>> & { bucket: number } & Record<DistinctMeasure, number>;

async function bucketRows(
  db: Queryable,
  ctx: ReportContext,
  bucket: { fiscalYear: number; mask: number },
  dimensions: (ReportDimension | null)[],
  measures: DistinctMeasure[],
): Promise<Map<ReportDimension | null, MeasureRows>> {
  const masksBy = new Map(dimensions.map((d) => [d, rowMasks(ctx.period, d, bucket.mask)]));
  const masks = [...new Set([...masksBy.values()].flatMap((m) => [...m.values()]))];
  const slices = dimensions.filter((d): d is keyof typeof SLICE_COLUMNS => d !== null && d in SLICE_COLUMNS).map((d) => SLICE_COLUMNS[d]);
  const params = new SqlParams();
  const conditions = [
    `r.fiscal_year = ${params.add(bucket.fiscalYear)}`,
    `r.bucket = ANY(${params.add(masks)}::int[])`,
    ...sliceConditions({ ...ctx, courseIds: null, format: null }, BUCKET_COLUMNS, params),
  ];
  const groups = ['r.bucket', ...slices.map((c) => `r.${c}`)].join(', ');
  const rows = (await db.query(
    `SELECT ${groups}, ${measures.map((m) => `sum(r.${m})::int AS ${m}`).join(', ')} FROM report_learner_bucket r ${where(conditions)} GROUP BY ${groups}`,
    params.values,
  )) as BucketRow[];
  const out = new Map<ReportDimension | null, MeasureRows>();
  for (const [dimension, keyed] of masksBy) out.set(dimension, tally(rows, dimension, keyed, measures));
  return out;
}

/** Adds up the rows of each row key's bucket (slice dimensions: the period's bucket, keyed by the slice). */
function tally(rows: BucketRow[], dimension: ReportDimension | null, keyed: Map<string, number>, measures: DistinctMeasure[]): MeasureRows {
  const out: MeasureRows = new Map();
  const slice = dimension !== null && dimension in SLICE_COLUMNS ? SLICE_COLUMNS[dimension as keyof typeof SLICE_COLUMNS] : null;
  for (const [key, mask] of keyed) {
    for (const row of rows) {
      if (Number(row.bucket) !== mask) continue;
      const rowKey = slice ? String(row[slice]) : key;
      const values: Partial<Record<ReportMeasure, number>> = out.get(rowKey) ?? {};
      for (const m of measures) values[m] = (values[m] ?? 0) + Number(row[m]);
      out.set(rowKey, values);
    }
  }
  return out;
}
