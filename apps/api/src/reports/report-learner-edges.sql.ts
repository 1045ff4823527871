import { fiscalYearOfDay, periodMonths, type ReportDimension, type ReportPeriod } from '@baanrian/contracts';
import { type DistinctMeasure, maskOf, type MeasureRows, type Queryable, TOTAL } from './report-distinct';
import { bucketsOf } from './report-learner-years.sql';
import { instantInPeriod, isTimeDimension, type ReportContext, SqlParams, sliceConditions, timeKeyOfMonth, where } from './report-sql';

/*
 * A period that cuts months (a custom range from the 5th, or to the 20th) is answered exactly as
 * its whole months (bit tests on report_learner_year) plus its edges: the days of the first and last
 * month inside the period. A person counts once: in the whole months if their masks meet them,
 * else in the edges if they have a fact on those days (raw enrolments of the edge days only).
 */

/** Bangkok days, inclusive. */
export interface DaySpan {
  from: string;
  to: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (value: string, n: number) => day(new Date(Date.parse(`${value}T00:00:00Z`) + n * 86_400_000));
const monthEnd = (value: string) => {
  const [y, m] = value.split('-').map(Number);
  return day(new Date(Date.UTC(y, m, 0)));
};

/**
 * The period's whole months as a period of their own (null when it holds none), and the cut
 * edges around them (none for whole-month periods; each edge lies inside one month).
 */
export function splitPeriod(period: ReportPeriod): { whole: ReportPeriod | null; edges: DaySpan[] } {
  const first = period.from.endsWith('-01') ? period.from : addDays(monthEnd(period.from), 1);
  const last = monthEnd(period.to) === period.to ? period.to : addDays(`${period.to.slice(0, 7)}-01`, -1);
  if (first > last) return { whole: null, edges: [{ from: period.from, to: period.to }] };
  if (first === period.from && last === period.to) return { whole: period, edges: [] };
  const edges: DaySpan[] = [];
  if (period.from < first) edges.push({ from: period.from, to: addDays(first, -1) });
  if (last < period.to) edges.push({ from: addDays(last, 1), to: period.to });
  return { whole: { kind: 'range', key: `range:${first}..${last}`, from: first, to: last, fiscalYear: fiscalYearOfDay(first) }, edges };
}

/** Per person and edge: which facts they have on its days. */
const FLAGS: Record<DistinctMeasure, string> = {
  learners: 'p.e',
  learners_online: 'p.e_online',
  learners_onsite: 'p.e_onsite',
  attendees: 'p.s',
  completers: 'p.c',
  participants: '(p.e OR p.s)',
};

const SLICE_KEYS: Partial<Record<ReportDimension, string>> = { target_group: 'u.target_group', province: "coalesce(u.province, '')", district: "coalesce(u.district, '')" };
const PERSON_COLUMNS = { course: '', targetGroup: 'u.target_group', province: "coalesce(u.province, '')", district: "coalesce(u.district, '')", channel: '' };

/**
 * People of the edges not already counted in the whole months, per row key of `dimension`
 * (null, a time dimension, target group, province or district). An edge's bucket is the one
 * holding its month; the whole months it is checked against are that bucket's (all of them for
 * totals and learner slices). One scan of the edge days' enrolments, aggregated per person and
 * edge, then each person's learner-year rows looked up by user id.
 */
export async function edgeRows(db: Queryable, ctx: ReportContext, whole: ReportPeriod, edges: DaySpan[], dimension: ReportDimension | null, measures: DistinctMeasure[]): Promise<MeasureRows> {
  const params = new SqlParams();
  const wholeBuckets = bucketsOf(periodMonths(whole), dimension);
  const keyOf = (edge: DaySpan) => (isTimeDimension(dimension) ? timeKeyOfMonth(dimension, edge.from.slice(0, 7)) : TOTAL);
  const edgeOf = (column: string) => `CASE ${edges.map((edge, i) => `WHEN ${instantInPeriod(column, { ...whole, ...edge }, params)} THEN ${i}`).join(' ')} END`;
  const anyEdge = (column: string) => edges.map((edge) => `(${instantInPeriod(column, { ...whole, ...edge }, params)})`).join(' OR ');
  const years = [...new Set([...wholeBuckets.values()].flatMap((masks) => [...masks.keys()]))];
  // Whether the person's rows meet the whole months of their edge's bucket, per measure.
  const meets = (measure: DistinctMeasure) => {
    const cases = edges.map((edge, i) => {
      const masks = [...(wholeBuckets.get(keyOf(edge)) ?? new Map<number, number>())];
      const test = masks.length ? masks.map(([fy, bits]) => `(r.fiscal_year = ${fy} AND ${maskOf(measure)} & ${bits} <> 0)`).join(' OR ') : 'false';
      return `WHEN ${i} THEN ${test}`;
    });
    // `r.user_id IS NOT NULL` (always true) keeps a row variable in the aggregate, so it stays this
    // subquery's even when every test is a constant (an edge whose bucket has no whole month).
    return `coalesce(bool_or(CASE p.edge ${cases.join(' ')} END AND r.user_id IS NOT NULL), false) AS ${measure}`;
  };
  const key = dimension === null || isTimeDimension(dimension) ? `(${params.add(edges.map(keyOf))}::text[])[p.edge + 1]` : (SLICE_KEYS[dimension] ?? `'${TOTAL}'`);
  const columns = measures.map((m) => `count(DISTINCT p.user_id) FILTER (WHERE ${FLAGS[m]} AND NOT w.${m})::int AS "${m}"`);
  const rows = (await db.query(
    `WITH f AS (
       SELECT e.user_id, e.channel, x.fact, x.edge
         FROM enrollment e
        CROSS JOIN LATERAL (VALUES ('e', ${edgeOf('e.activated_at')}), ('s', ${edgeOf('e.started_at')}), ('c', ${edgeOf('e.completed_at')})) x(fact, edge)
        WHERE (${anyEdge('e.activated_at')} OR ${anyEdge('e.started_at')} OR ${anyEdge('e.completed_at')}) AND x.edge IS NOT NULL
     ),
     p AS (
       SELECT f.user_id, f.edge, bool_or(f.fact = 'e') AS e, bool_or(f.fact = 'e' AND f.channel = 'online') AS e_online,
              bool_or(f.fact = 'e' AND f.channel = 'onsite') AS e_onsite, bool_or(f.fact = 's') AS s, bool_or(f.fact = 'c') AS c
         FROM f GROUP BY 1, 2
     )
     SELECT ${key} AS key, ${columns.join(', ')}
       FROM p JOIN app_user u ON u.id = p.user_id
       CROSS JOIN LATERAL (SELECT ${measures.map(meets).join(', ')} FROM report_learner_year r WHERE r.user_id = p.user_id AND r.fiscal_year = ANY(${params.add(years)}::int[])) w
      ${where(sliceConditions({ ...ctx, courseIds: null, format: null }, PERSON_COLUMNS, params))}
      GROUP BY 1`,
    params.values,
  )) as Record<string, number | string>[];
  return new Map(rows.map((row) => [String(row.key), Object.fromEntries(measures.map((m) => [m, Number(row[m])]))]));
}
