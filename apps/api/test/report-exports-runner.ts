import type { Locale, ReportBreakdown, ReportPeriod, ReportQuery, ReportResult } from '@baanrian/contracts';
import { parsePeriod } from '@baanrian/contracts';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../src/authz/authz.types';
import type { ReportRunner } from '../src/report-exports/report-runner';

/**
 * Stands in for ReportQueryService (apps/api/src/reports, built in parallel) behind REPORT_RUNNER:
 * enrolments and distinct learners of the period from the raw tables, by target group and by
 * course, with the fiscal year's plan as target. `extraRows` adds a district breakdown of that many
 * rows, to push a report past the direct-export limit.
 */
export class SqlReportRunner implements ReportRunner {
  extraRows = 0;
  readonly calls: { query: ReportQuery; viewer: AuthUser; locale: Locale }[] = [];

  constructor(private readonly db: () => DataSource) {}

  async run(query: ReportQuery, viewer: AuthUser, locale: Locale): Promise<ReportResult> {
    this.calls.push({ query, viewer, locale });
    const period = parsePeriod(query.period) as ReportPeriod;
    const params: unknown[] = [period.from, period.to];
    let where = `(e.activated_at AT TIME ZONE 'Asia/Bangkok')::date BETWEEN $1::date AND $2::date`;
    if (query.filters?.instructorId) {
      params.push(query.filters.instructorId);
      where += ` AND c.owner_id = $3`;
    }
    const from = `FROM enrollment e JOIN course c ON c.id = e.course_id JOIN app_user u ON u.id = e.user_id WHERE ${where}`;
    const [totals] = await this.db().query(`SELECT count(*)::int AS enrollments, count(DISTINCT e.user_id)::int AS learners ${from}`, params);
    const groups = await this.db().query(
      `SELECT u.target_group AS key, u.target_group AS label, count(*)::int AS enrollments, count(DISTINCT e.user_id)::int AS learners ${from} GROUP BY 1 ORDER BY 1`,
      params,
    );
    const courses = await this.db().query(
      `SELECT c.id::text AS key, c.title->>'th' AS label, count(*)::int AS enrollments, count(DISTINCT e.user_id)::int AS learners ${from} GROUP BY 1, 2 ORDER BY 2`,
      params,
    );
    const [plan] = await this.db().query(`SELECT target FROM report_plan WHERE fiscal_year = $1 AND target_group = 'all' AND measure = 'enrollments'`, [period.fiscalYear]);
    const target = period.kind === 'fiscal_year' && plan ? Number(plan.target) : null;
    const rows = (list: { key: string; label: string; enrollments: number; learners: number }[]) =>
      list.map((r) => ({ key: r.key, label: r.label, values: { enrollments: r.enrollments, learners: r.learners } }));
    const breakdowns: ReportBreakdown[] = [
      { dimension: 'target_group', rows: rows(groups) },
      { dimension: 'course', rows: rows(courses) },
    ];
    if (this.extraRows > 0) {
      const districts = await this.db().query(`SELECT 'd' || g AS key, 'อำเภอ ' || g AS label, g AS enrollments, 1 AS learners FROM generate_series(1, $1::int) g`, [this.extraRows]);
      breakdowns.push({ dimension: 'district', rows: rows(districts) });
    }
    return {
      period: { key: period.key, kind: period.kind, from: period.from, to: period.to, fiscalYear: period.fiscalYear, label: `ปีงบประมาณ ${period.fiscalYear}` },
      preset: query.preset ?? null,
      measures: ['enrollments', 'learners'],
      filters: query.filters ?? {},
      totals: {
        enrollments: { actual: totals.enrollments, target, percentOfPlan: target ? Math.round((totals.enrollments / target) * 1000) / 10 : null },
        learners: { actual: totals.learners, target: null, percentOfPlan: null },
      },
      breakdowns,
      funnel: { reach: 0, enrolled: totals.learners, attended: 0, completed: 0 },
      freshAt: new Date().toISOString(),
    };
  }
}
