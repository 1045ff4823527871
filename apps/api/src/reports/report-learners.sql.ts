import { fiscalMonthIndex, fiscalYearOfDay, periodMonths, type ReportDimension, type ReportMeasure } from '@baanrian/contracts';
import { bkkDay } from '@baanrian/reports';
import {
  coversWholeMonths,
  instantInPeriod,
  isTimeDimension,
  type ReportContext,
  SqlParams,
  sliceConditions,
  sliceDimension,
  timeKeyOfMonth,
  where,
} from './report-sql';

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Measure values per row key ('total' when there is no dimension). */
export type MeasureRows = Map<string, Partial<Record<ReportMeasure, number>>>;

export const TOTAL = 'total';

/** Distinct-people measures, and the learner-year mask each one reads. */
export const DISTINCT_MEASURES = {
  learners: 'r.enrolled_months',
  learners_online: 'r.online_months',
  learners_onsite: 'r.onsite_months',
  attendees: 'r.started_months',
  completers: 'r.completed_months',
  participants: '(r.enrolled_months | r.started_months)',
} as const satisfies Partial<Record<ReportMeasure, string>>;
export type DistinctMeasure = keyof typeof DISTINCT_MEASURES;

/** The same measures over raw enrolment facts (`e` activated, `s` started, `c` completed). */
const RAW_FILTERS: Record<DistinctMeasure, string> = {
  learners: `f.fact = 'e'`,
  learners_online: `f.fact = 'e' AND f.channel = 'online'`,
  learners_onsite: `f.fact = 'e' AND f.channel = 'onsite'`,
  attendees: `f.fact = 's'`,
  completers: `f.fact = 'c'`,
  participants: `f.fact IN ('e', 's')`,
};

const FAST_DIMENSIONS: readonly (ReportDimension | null)[] = [null, 'month', 'quarter', 'half', 'target_group', 'province', 'district'];

/**
 * Distinct learners, attendees, completers and participants. Whole-month periods without a
 * course or format condition read `report_learner_year` (one narrow row per person and fiscal
 * year); anything else counts distinct people over the raw enrolments of the courses in scope
 * (the slower path, indexed by course).
 */
export async function learnerRows(db: Queryable, ctx: ReportContext, dimension: ReportDimension | null, measures: DistinctMeasure[]): Promise<MeasureRows> {
  if (measures.length === 0) return new Map();
  const fast = coversWholeMonths(ctx.period) && ctx.courseIds === null && ctx.format === null && FAST_DIMENSIONS.includes(dimension);
  return fast ? fromLearnerYears(db, ctx, dimension, measures) : fromEnrollments(db, ctx, dimension, measures);
}

interface Bucket {
  key: string;
  /** Fiscal year (BE) → mask of the bucket's months in it. */
  masks: Map<number, number>;
}

/** The period's months grouped into the buckets of a time dimension (or one 'total' bucket). */
function buckets(ctx: ReportContext, dimension: ReportDimension | null): Bucket[] {
  const out = new Map<string, Bucket>();
  for (const month of periodMonths(ctx.period)) {
    const key = isTimeDimension(dimension) ? timeKeyOfMonth(dimension, month) : TOTAL;
    const bucket = out.get(key) ?? { key, masks: new Map() };
    const fy = fiscalYearOfDay(`${month}-01`);
    bucket.masks.set(fy, (bucket.masks.get(fy) ?? 0) | (1 << fiscalMonthIndex(`${month}-01`)));
    out.set(key, bucket);
  }
  return [...out.values()];
}

async function fromLearnerYears(db: Queryable, ctx: ReportContext, dimension: ReportDimension | null, measures: DistinctMeasure[]): Promise<MeasureRows> {
  const params = new SqlParams();
  const list = buckets(ctx, dimension);
  const years = [...new Set(list.flatMap((b) => [...b.masks.keys()]))];
  const columns: string[] = [];
  list.forEach((bucket, i) => {
    for (const measure of measures) {
      const conditions = [...bucket.masks].map(([fy, mask]) => `(r.fiscal_year = ${fy} AND ${DISTINCT_MEASURES[measure]} & ${mask} <> 0)`);
      // Within one fiscal year a person has one row; only a bucket spanning two years needs DISTINCT.
      const aggregate = conditions.length === 1 ? 'count(*)' : 'count(DISTINCT r.user_id)';
      columns.push(`${aggregate} FILTER (WHERE ${conditions.join(' OR ')})::int AS "${i}:${measure}"`);
    }
  });
  const conditions = [`r.fiscal_year = ANY(${params.add(years)}::int[])`, ...sliceConditions({ ...ctx, courseIds: null, format: null }, LEARNER_YEAR_COLUMNS, params)];
  const key = dimension && !isTimeDimension(dimension) ? `r.${dimension}` : `'${TOTAL}'`;
  const rows = (await db.query(`SELECT ${key} AS key, ${columns.join(', ')} FROM report_learner_year r ${where(conditions)} GROUP BY 1`, params.values)) as Record<string, number | string>[];
  const out: MeasureRows = new Map();
  for (const row of rows) {
    list.forEach((bucket, i) => {
      const rowKey = isTimeDimension(dimension) ? bucket.key : String(row.key);
      out.set(rowKey, Object.fromEntries(measures.map((m) => [m, Number(row[`${i}:${m}`])])));
    });
  }
  return out;
}

const LEARNER_YEAR_COLUMNS = { course: '', targetGroup: 'r.target_group', province: 'r.province', district: 'r.district', channel: '' };
const FACT_COLUMNS = { course: 'f.course_id', targetGroup: 'u.target_group', province: "coalesce(u.province, '')", district: "coalesce(u.district, '')", channel: 'f.channel', day: 'f.day' };

async function fromEnrollments(db: Queryable, ctx: ReportContext, dimension: ReportDimension | null, measures: DistinctMeasure[]): Promise<MeasureRows> {
  const params = new SqlParams();
  const facts = (fact: string, column: string) => {
    const conditions = [instantInPeriod(`e.${column}`, ctx.period, params)];
    if (ctx.courseIds) conditions.push(`e.course_id = ANY(${params.add(ctx.courseIds)}::uuid[])`);
    if (ctx.format) conditions.push(`e.channel = ${params.add(ctx.format)}`);
    return `SELECT e.user_id, e.course_id, e.channel, '${fact}' AS fact, ${bkkDay(`e.${column}`)} AS day FROM enrollment e ${where(conditions)}`;
  };
  const needed = new Set(measures.flatMap((m) => (m === 'attendees' ? ['s'] : m === 'completers' ? ['c'] : m === 'participants' ? ['e', 's'] : ['e'])));
  const parts = [needed.has('e') && facts('e', 'activated_at'), needed.has('s') && facts('s', 'started_at'), needed.has('c') && facts('c', 'completed_at')].filter(Boolean);
  const dim = dimension ? sliceDimension(dimension, FACT_COLUMNS) : { key: `'${TOTAL}'`, join: '' };
  // Course and channel were applied inside the facts; the person's slice is read from app_user.
  const conditions = sliceConditions({ ...ctx, courseIds: null, format: null }, FACT_COLUMNS, params);
  const columns = measures.map((m) => `count(DISTINCT f.user_id) FILTER (WHERE ${RAW_FILTERS[m]})::int AS "${m}"`);
  const rows = (await db.query(
    `WITH f AS (${parts.join(' UNION ALL ')})
     SELECT ${dim.key} AS key, ${columns.join(', ')} FROM f JOIN app_user u ON u.id = f.user_id ${dim.join} ${where(conditions)} GROUP BY 1`,
    params.values,
  )) as Record<string, number | string>[];
  return new Map(rows.map((row) => [String(row.key), Object.fromEntries(measures.map((m) => [m, Number(row[m])]))]));
}
