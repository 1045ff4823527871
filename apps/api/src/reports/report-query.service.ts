import type { Locale, ReportMeasure, ReportQuery, ReportResult, ReportValue } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import { buildBreakdown } from './report-breakdown';
import { readLearnerBuckets } from './report-buckets.query';
import { periodLabel } from './report-labels';
import { TOTAL } from './report-learners.sql';
import { COURSE_DAY_MEASURES, computeRows, readCourseDays, readLearnerYears } from './report-measures';
import { ReportPlansService } from './report-plans.service';
import { resolveCourseScope } from './report-scope';
import { resolveSpec } from './report-spec';
import type { ReportContext } from './report-sql';

/** Measures the dashboard's funnel needs, computed with the totals whatever the report shows. */
const FUNNEL_MEASURES: ReportMeasure[] = ['reach_total', 'learners', 'attendees', 'completers'];

/**
 * Participation reports from the rollup tables: checks the query, narrows it to the viewer's
 * scope, then computes totals, each breakdown, plan targets and freshness in parallel. Used by
 * GET /reports and by exports (same numbers in every format).
 */
@Injectable()
export class ReportQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: ReportPlansService,
  ) {}

  async run(query: ReportQuery, viewer: AuthUser, locale: Locale): Promise<ReportResult> {
    const spec = resolveSpec(query);
    const courseIds = await resolveCourseScope(this.db, viewer, spec.filters);
    const { filters, period } = spec;
    const ctx: ReportContext = {
      period,
      targetGroups: filters.targetGroups ?? null,
      format: filters.format ?? null,
      province: filters.province ?? null,
      district: filters.district ?? null,
      courseIds,
    };
    // The daily course rollup is the largest table: one scan serves the totals and every breakdown.
    const courseDays = spec.measures.some((m) => COURSE_DAY_MEASURES.includes(m)) ? readCourseDays(this.db, ctx, [null, ...spec.breakdowns]) : undefined;
    const totalMeasures = [...new Set([...spec.measures, ...FUNNEL_MEASURES])];
    // Likewise the learner-year rollup: one read gives every distinct count of a fiscal-year report
    // (of the learner buckets when the period is one fiscal year, half, quarter or month).
    const learnerYears = readLearnerBuckets(this.db, ctx, [null, ...spec.breakdowns], totalMeasures) ?? readLearnerYears(this.db, ctx, [null, ...spec.breakdowns], totalMeasures);
    const [totals, breakdowns, targets, freshAt] = await Promise.all([
      computeRows(this.db, ctx, null, totalMeasures, courseDays, learnerYears),
      Promise.all(spec.breakdowns.map((dimension) => buildBreakdown(this.db, ctx, dimension, spec.measures, locale, courseDays, learnerYears))),
      this.plans.targetsFor(period, ctx.targetGroups),
      this.freshAt(),
    ]);
    const total = totals.rows.get(TOTAL) ?? {};
    const actual = (m: ReportMeasure) => total[m] ?? 0;
    return {
      period: { key: period.key, kind: period.kind, from: period.from, to: period.to, fiscalYear: period.fiscalYear, label: periodLabel(period, locale) },
      preset: spec.preset,
      measures: spec.measures,
      filters,
      totals: Object.fromEntries(spec.measures.map((m) => [m, valueOf(actual(m), targets.get(m))])),
      breakdowns,
      funnel: { reach: actual('reach_total'), enrolled: actual('learners'), attended: actual('attendees'), completed: actual('completers') },
      freshAt,
    };
  }

  /** The oldest change not yet in the rollups (a pending dirty mark), else now. */
  private async freshAt(): Promise<string> {
    const [row]: { oldest: Date | null }[] = await this.db.query(`SELECT min(marked_at) AS oldest FROM report_dirty`);
    return (row?.oldest ?? new Date()).toISOString();
  }
}

function valueOf(actual: number, target: number | undefined): ReportValue {
  if (target === undefined) return { actual, target: null, percentOfPlan: null };
  return { actual, target, percentOfPlan: target > 0 ? Math.round((actual * 1000) / target) / 10 : null };
}
