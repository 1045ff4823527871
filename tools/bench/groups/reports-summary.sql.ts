import type pg from 'pg';

/**
 * The fiscal-year summary (the Chiang Mai layout: totals, by target group, by month) in the
 * plainest SQL over the same rollups the API reads (report_area_month, report_learner_bucket,
 * course, reach and plans), for the bare baseline handler: five statements, no validation, no
 * authorisation, no labels, no ORM.
 */
export const SUMMARY_STATEMENTS = {
  /** Additive measures per target group and per month, and their totals. */
  courseDays: `
    SELECT CASE WHEN grouping(target_group) = 1 THEN NULL ELSE target_group END AS target_group, CASE WHEN grouping(m) = 1 THEN NULL ELSE m END AS month,
           sum(enrollments)::int AS enrollments, sum(certificates)::int AS certificates, sum(learning_hours)::float AS learning_hours,
           sum(cohort_completions)::int AS cohort_completions
      FROM (SELECT *, to_char(month, 'YYYY-MM') AS m FROM report_area_month WHERE month BETWEEN $1 AND $2) d
     GROUP BY GROUPING SETS ((), (target_group), (m))`,
  /** Distinct learners per target group and in total: the year's bucket (4095, every fiscal month) of the learner buckets. */
  learners: `
    SELECT CASE WHEN grouping(target_group) = 1 THEN NULL ELSE target_group END AS target_group,
           coalesce(sum(learners_online), 0)::int AS learners_online, coalesce(sum(learners_onsite), 0)::int AS learners_onsite,
           coalesce(sum(completers), 0)::int AS completers, coalesce(sum(participants), 0)::int AS participants
      FROM report_learner_bucket WHERE fiscal_year = $1 AND bucket = 4095
     GROUP BY GROUPING SETS ((), (target_group))`,
  /** Distinct learners per fiscal month: each month's bucket (1 << b, October = bit 0). */
  learnerMonths: `
    SELECT b AS fiscal_month, coalesce(sum(r.learners_online), 0)::int AS learners_online, coalesce(sum(r.learners_onsite), 0)::int AS learners_onsite,
           coalesce(sum(r.completers), 0)::int AS completers, coalesce(sum(r.participants), 0)::int AS participants
      FROM generate_series(0, 11) AS b LEFT JOIN report_learner_bucket r ON r.fiscal_year = $1 AND r.bucket = 1 << b GROUP BY b`,
  /** Classes held: published courses whose start (else first publish) falls in the year, by the course's target groups and month. */
  classes: `
    SELECT CASE WHEN grouping(g) = 1 THEN NULL ELSE g END AS target_group, CASE WHEN grouping(m) = 1 THEN NULL ELSE m END AS month,
           count(DISTINCT id) FILTER (WHERE format IN ('self_paced', 'online_class', 'blended'))::int AS classes_online,
           count(DISTINCT id) FILTER (WHERE format IN ('onsite_workshop', 'blended'))::int AS classes_onsite
      FROM (SELECT c.id, c.format, g, to_char(coalesce(c.starts_at, c.published_at) AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM') AS m
              FROM course c CROSS JOIN unnest(c.target_groups) AS g
             WHERE c.published_at IS NOT NULL
               AND coalesce(c.starts_at, c.published_at) >= ($1::date::timestamp AT TIME ZONE 'Asia/Bangkok')
               AND coalesce(c.starts_at, c.published_at) < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Bangkok')) c
     GROUP BY GROUPING SETS ((), (g), (m))`,
  /** Reach per month, measured and recorded apart, and the year's plans. */
  reachAndPlans: `
    SELECT 'measured' AS kind, to_char(day, 'YYYY-MM') AS month, NULL AS target_group, NULL AS measure, sum(visitors)::float AS value
      FROM report_reach_day WHERE page_key = '*' AND day BETWEEN $1 AND $2 GROUP BY 2
    UNION ALL
    SELECT 'recorded', to_char(starts_on, 'YYYY-MM'), NULL, NULL, sum(reach)::float FROM reach_campaign WHERE starts_on BETWEEN $1 AND $2 GROUP BY 2
    UNION ALL
    SELECT 'plan', NULL, target_group, measure, target::float FROM report_plan WHERE fiscal_year = $3`,
} as const;

/** First and last day (inclusive, Bangkok) of a fiscal year BE. */
export function fiscalYearDays(fiscalYear: number): { from: string; to: string } {
  const ce = fiscalYear - 543;
  return { from: `${ce - 1}-10-01`, to: `${ce}-09-30` };
}

/** Runs the five statements (in parallel when `db` is a pool) and returns their rows, unshaped. */
export async function fiscalYearSummary(db: pg.Pool | pg.ClientBase, fiscalYear: number): Promise<Record<keyof typeof SUMMARY_STATEMENTS, Record<string, unknown>[]>> {
  const { from, to } = fiscalYearDays(fiscalYear);
  const params: Record<keyof typeof SUMMARY_STATEMENTS, unknown[]> = {
    courseDays: [from, to],
    learners: [fiscalYear],
    learnerMonths: [fiscalYear],
    classes: [from, to],
    reachAndPlans: [from, to, fiscalYear],
  };
  const names = Object.keys(SUMMARY_STATEMENTS) as (keyof typeof SUMMARY_STATEMENTS)[];
  const results = await Promise.all(names.map((name) => db.query(SUMMARY_STATEMENTS[name], params[name])));
  return Object.fromEntries(names.map((name, i) => [name, results[i].rows])) as Record<keyof typeof SUMMARY_STATEMENTS, Record<string, unknown>[]>;
}
