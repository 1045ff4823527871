import { periodMonths, type ReportDimension } from '@baanrian/contracts';
import { bkkDay } from '@baanrian/reports';
import { addRows, type DistinctMeasure, maskOf, type MeasureRows, type Queryable, RAW_FILTERS, TOTAL } from './report-distinct';
import { edgeRows, splitPeriod } from './report-learner-edges.sql';
import { bucketsOf, type SharedLearnerYears } from './report-learner-years.sql';
import { instantInPeriod, isTimeDimension, type ReportContext, SqlParams, sliceConditions, sliceDimension, where } from './report-sql';

export { DISTINCT_MEASURES, type DistinctMeasure, type MeasureRows, type Queryable, TOTAL } from './report-distinct';

const FAST_DIMENSIONS: readonly (ReportDimension | null)[] = [null, 'month', 'quarter', 'half', 'target_group', 'province', 'district'];

/**
 * Distinct learners, attendees, completers and participants. Without a course or format condition
 * the period's whole months read `report_learner_year` (one narrow row per person and fiscal
 * year: the report's shared histogram when it serves this dimension, else a grouped count), and
 * the days of a month the period cuts (at most two edges) add the people found only there, from
 * the raw enrolments of those days (report-learner-edges.sql.ts). A course or format condition, a
 * course, format or instructor breakdown, or a period without one whole month counts distinct
 * people over the raw enrolments in scope (the slower path, indexed by course).
 */
export async function learnerRows(db: Queryable, ctx: ReportContext, dimension: ReportDimension | null, measures: DistinctMeasure[], shared?: SharedLearnerYears): Promise<MeasureRows> {
  if (measures.length === 0) return new Map();
  const { whole, edges } = splitPeriod(ctx.period);
  if (whole === null || ctx.courseIds !== null || ctx.format !== null || !FAST_DIMENSIONS.includes(dimension)) return fromEnrollments(db, ctx, dimension, measures);
  const [months, edge] = await Promise.all([
    shared?.served.has(dimension) ? shared.rows.then((all) => all.get(dimension) ?? new Map()) : fromLearnerYears(db, { ...ctx, period: whole }, dimension, measures),
    edges.length ? edgeRows(db, ctx, whole, edges, dimension, measures) : new Map(),
  ]);
  return addRows(months, edge);
}

/** A grouped count over `report_learner_year` (whole months only): one column per bucket and measure. */
async function fromLearnerYears(db: Queryable, ctx: ReportContext, dimension: ReportDimension | null, measures: DistinctMeasure[]): Promise<MeasureRows> {
  const params = new SqlParams();
  const list = [...bucketsOf(periodMonths(ctx.period), dimension)].map(([key, masks]) => ({ key, masks }));
  const years = [...new Set(list.flatMap((b) => [...b.masks.keys()]))];
  const columns: string[] = [];
  list.forEach((bucket, i) => {
    for (const measure of measures) columns.push(`${bucketCount(bucket.masks, measure)} AS "${i}:${measure}"`);
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

/**
 * The people of one bucket (fiscal year → months in it) meeting a measure. One year: a row per
 * person, count(*). Two consecutive years N, N+1: count(*) still, each person once: on the N row
 * when it meets N's months, else on the N+1 row when it meets N+1's and its `prev_*` mask (the
 * person's N row) does not meet N's. Three years or more (long custom ranges): count(DISTINCT user_id).
 */
function bucketCount(masks: Map<number, number>, measure: DistinctMeasure): string {
  const years = [...masks.keys()].sort((a, b) => a - b);
  const meets = (fy: number) => `r.fiscal_year = ${fy} AND ${maskOf(measure)} & ${masks.get(fy)} <> 0`;
  if (years.length === 1) return `count(*) FILTER (WHERE ${meets(years[0])})::int`;
  if (years.length === 2 && years[1] === years[0] + 1) {
    return `count(*) FILTER (WHERE (${meets(years[0])}) OR (${meets(years[1])} AND ${maskOf(measure, 'prev_')} & ${masks.get(years[0])} = 0))::int`;
  }
  return `count(DISTINCT r.user_id) FILTER (WHERE ${years.map((fy) => `(${meets(fy)})`).join(' OR ')})::int`;
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
