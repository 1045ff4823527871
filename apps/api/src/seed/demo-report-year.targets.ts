import { type ReportMeasure, thaiFiscalYearRange } from '@baanrian/contracts';
import type { EntityManager } from 'typeorm';
import { seededRandom } from './demo-report-year.plan';

/** Measures the demo plans, per target group and for 'all' (reach only for 'all': it has no group). */
const GROUP_MEASURES: readonly ReportMeasure[] = [
  'classes_online',
  'classes_onsite',
  'enrollments',
  'learners',
  'learners_online',
  'learners_onsite',
  'attendees',
  'completers',
  'learning_hours',
  'participants',
];

/** A planner's round figure: whole units when small, then fives, tens, fifties. */
export function roundTarget(value: number): number {
  const step = value < 20 ? 1 : value < 200 ? 5 : value < 2_000 ? 10 : 50;
  return Math.max(1, Math.round(value / step) * step);
}

/**
 * The year's figures per target group and for all, counted from the raw tables the way reports
 * define them (classes by the course's target groups; people by their own).
 */
async function yearActuals(manager: EntityManager, fiscalYear: number): Promise<Map<string, Partial<Record<ReportMeasure, number>>>> {
  const { start, end } = thaiFiscalYearRange(fiscalYear);
  const inYear = (column: string) => `(${column} >= $1 AND ${column} < $2)`;
  const people: Record<string, string | null>[] = await manager.query(
    `SELECT CASE WHEN grouping(u.target_group) = 1 THEN 'all' ELSE u.target_group END AS tg,
            count(*) FILTER (WHERE ${inYear('e.activated_at')}) AS enrollments,
            count(DISTINCT e.user_id) FILTER (WHERE ${inYear('e.activated_at')}) AS learners,
            count(DISTINCT e.user_id) FILTER (WHERE ${inYear('e.activated_at')} AND e.channel = 'online') AS learners_online,
            count(DISTINCT e.user_id) FILTER (WHERE ${inYear('e.activated_at')} AND e.channel = 'onsite') AS learners_onsite,
            count(DISTINCT e.user_id) FILTER (WHERE ${inYear('e.started_at')}) AS attendees,
            count(DISTINCT e.user_id) FILTER (WHERE ${inYear('e.completed_at')}) AS completers,
            count(DISTINCT e.user_id) FILTER (WHERE ${inYear('e.activated_at')} OR ${inYear('e.started_at')}) AS participants,
            coalesce(sum(c.learning_hours) FILTER (WHERE ${inYear('e.completed_at')}), 0) AS learning_hours
       FROM enrollment e JOIN app_user u ON u.id = e.user_id JOIN course c ON c.id = e.course_id
      GROUP BY GROUPING SETS ((u.target_group), ())`,
    [start, end],
  );
  const classes: Record<string, string | null>[] = await manager.query(
    `SELECT CASE WHEN grouping(g) = 1 THEN 'all' ELSE g END AS tg,
            count(DISTINCT c.id) FILTER (WHERE c.format IN ('self_paced', 'online_class', 'blended')) AS classes_online,
            count(DISTINCT c.id) FILTER (WHERE c.format IN ('onsite_workshop', 'blended')) AS classes_onsite
       FROM course c CROSS JOIN unnest(c.target_groups) AS g
      WHERE c.published_at IS NOT NULL AND ${inYear('coalesce(c.starts_at, c.published_at)')}
      GROUP BY GROUPING SETS ((g), ())`,
    [start, end],
  );
  const [reach]: { measured: string; recorded: string }[] = await manager.query(
    `SELECT (SELECT coalesce(sum(visitors), 0) FROM report_reach_day WHERE page_key = '*' AND day >= $1 AND day < $2) AS measured,
            (SELECT coalesce(sum(reach), 0) FROM reach_campaign WHERE starts_on >= $1 AND starts_on < $2) AS recorded`,
    [bangkokDate(start), bangkokDate(end)],
  );
  const actuals = new Map<string, Partial<Record<ReportMeasure, number>>>();
  for (const row of [...people, ...classes]) {
    const { tg, ...values } = row;
    const into = actuals.get(tg as string) ?? {};
    for (const [measure, value] of Object.entries(values)) into[measure as ReportMeasure] = Number(value);
    actuals.set(tg as string, into);
  }
  const all = actuals.get('all') ?? {};
  all.reach_total = Number(reach.measured) + Number(reach.recorded);
  actuals.set('all', all);
  return actuals;
}

const bangkokDate = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * Plans for the seeded year and the current one, as an administrator would have set them: the
 * seeded year's targets within about ±9 % of what happened (so "% of plan" reads 92–109 %), the
 * current year's 5–15 % higher ("more learners year on year"). The seeded year has no certificate
 * target: its certificates are issued by the worker after the seed, so they count in the current year.
 */
export async function writeYearTargets(manager: EntityManager, fiscalYear: number, adminId: string | null): Promise<void> {
  const random = seededRandom(fiscalYear * 13 + 5);
  const actuals = await yearActuals(manager, fiscalYear);
  const rows: { year: number; group: string; measure: ReportMeasure; target: number }[] = [];
  for (const [group, values] of [...actuals.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const measures = group === 'all' ? [...GROUP_MEASURES, 'reach_total' as const] : GROUP_MEASURES;
    for (const measure of measures) {
      const actual = values[measure] ?? 0;
      if (actual <= 0) continue;
      // Small counts (classes) are planned exactly, or one more from ten; larger ones around the outcome.
      const past = actual < 20 ? actual + (actual >= 10 && random() < 0.3 ? 1 : 0) : roundTarget(actual / (0.92 + random() * 0.17));
      rows.push({ year: fiscalYear, group, measure, target: past });
      rows.push({ year: fiscalYear + 1, group, measure, target: actual < 20 ? actual + (actual >= 5 ? 1 : 0) : roundTarget(actual * (1.05 + random() * 0.1)) });
      if (measure === 'completers') rows.push({ year: fiscalYear + 1, group, measure: 'certificates', target: roundTarget(actual * (1.05 + random() * 0.1)) });
    }
  }
  await manager.query(
    `INSERT INTO report_plan (fiscal_year, target_group, measure, target, updated_by_id, updated_at)
     SELECT year, tg, measure, target, $5::uuid, now() FROM unnest($1::int[], $2::text[], $3::text[], $4::numeric[]) AS t(year, tg, measure, target)
     ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.year), rows.map((r) => r.group), rows.map((r) => r.measure), rows.map((r) => r.target), adminId],
  );
}
