import { PLANNABLE_MEASURES, type ReportMeasure } from '@baanrian/contracts';
import type pg from 'pg';
import { roundTarget } from '../../../apps/api/src/seed/demo-report-year.targets';
import { DATA_EPOCH } from './data.generator';
import type { SeededRandom } from './data.random';

/** The fiscal years the bench data describes (see DATA_EPOCH). */
export const BENCH_FISCAL_YEARS = [2567, 2568, 2569] as const;

const fiscalYearOf = (day: string) => `(extract(year FROM ${day})::int + CASE WHEN extract(month FROM ${day}) >= 10 THEN 1 ELSE 0 END + 543)`;
const groupKey = (column: string) => `CASE WHEN grouping(${column}) = 1 THEN 'all' ELSE ${column} END`;

/**
 * Plans for the bench years, per target group and for all, set within about ±9 % of what the data
 * holds (as the demo seed's are), so a fiscal-year summary reads targets and % of plan as in real
 * use. Actuals come from the rollups just rebuilt (cheap at any size); written by the first bench
 * instructor, which is how the generator recognises its own plans again.
 */
export async function writeBenchPlans(client: pg.ClientBase, plannerId: string, random: SeededRandom): Promise<number> {
  const years = [...BENCH_FISCAL_YEARS];
  const queries = [
    `SELECT fiscal_year AS fy, ${groupKey('target_group')} AS tg,
            count(*) FILTER (WHERE enrolled_months <> 0) AS learners, count(*) FILTER (WHERE online_months <> 0) AS learners_online,
            count(*) FILTER (WHERE onsite_months <> 0) AS learners_onsite, count(*) FILTER (WHERE started_months <> 0) AS attendees,
            count(*) FILTER (WHERE completed_months <> 0) AS completers, count(*) FILTER (WHERE (enrolled_months | started_months) <> 0) AS participants
       FROM report_learner_year WHERE fiscal_year = ANY($1) GROUP BY fiscal_year, GROUPING SETS ((target_group), ())`,
    `SELECT ${fiscalYearOf('day')} AS fy, ${groupKey('target_group')} AS tg,
            sum(enrollments) AS enrollments, sum(certificates) AS certificates, sum(learning_hours) AS learning_hours
       FROM report_course_day WHERE ${fiscalYearOf('day')} = ANY($1) GROUP BY 1, GROUPING SETS ((target_group), ())`,
    `SELECT ${fiscalYearOf(`(coalesce(c.starts_at, c.published_at) AT TIME ZONE 'Asia/Bangkok')::date`)} AS fy, ${groupKey('g')} AS tg,
            count(DISTINCT c.id) FILTER (WHERE c.format IN ('self_paced', 'online_class', 'blended')) AS classes_online,
            count(DISTINCT c.id) FILTER (WHERE c.format IN ('onsite_workshop', 'blended')) AS classes_onsite
       FROM course c CROSS JOIN unnest(c.target_groups) AS g
      WHERE c.published_at IS NOT NULL AND ${fiscalYearOf(`(coalesce(c.starts_at, c.published_at) AT TIME ZONE 'Asia/Bangkok')::date`)} = ANY($1)
      GROUP BY 1, GROUPING SETS ((g), ())`,
    `SELECT fy, 'all' AS tg, sum(n) AS reach_total FROM (
       SELECT ${fiscalYearOf('day')} AS fy, visitors AS n FROM report_reach_day WHERE page_key = '*'
       UNION ALL SELECT ${fiscalYearOf('starts_on')}, reach FROM reach_campaign) r
      WHERE fy = ANY($1) GROUP BY fy`,
  ];
  const actuals = new Map<string, Partial<Record<ReportMeasure, number>>>();
  for (const sql of queries) {
    for (const { fy, tg, ...values } of (await client.query<Record<string, string>>(sql, [years])).rows) {
      const key = `${fy}|${tg}`;
      const into = actuals.get(key) ?? {};
      for (const [measure, value] of Object.entries(values)) into[measure as ReportMeasure] = Number(value);
      actuals.set(key, into);
    }
  }
  const rows: (string | number | Date)[][] = [];
  const at = new Date(DATA_EPOCH);
  for (const key of [...actuals.keys()].sort()) {
    const [fy, tg] = key.split('|');
    for (const measure of PLANNABLE_MEASURES) {
      const actual = actuals.get(key)?.[measure] ?? 0;
      if (actual <= 0) continue;
      rows.push([Number(fy), tg, measure, actual < 20 ? actual : roundTarget(actual / (0.92 + random.next() * 0.17)), plannerId, at]);
    }
  }
  if (!rows.length) return 0;
  await client.query(
    `INSERT INTO report_plan (fiscal_year, target_group, measure, target, updated_by_id, updated_at)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::numeric[], $5::uuid[], $6::timestamptz[]) ON CONFLICT DO NOTHING`,
    [0, 1, 2, 3, 4, 5].map((i) => rows.map((r) => r[i])),
  );
  return rows.length;
}
