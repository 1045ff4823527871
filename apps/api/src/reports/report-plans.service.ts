import type { ReportMeasure, ReportPeriod, TargetGroup } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import type { ReportPlanDto, SaveReportPlanDto } from './report-admin.dto';
import { ReportsException } from './reports.exception';

interface PlanRow {
  target_group: string;
  measure: ReportMeasure;
  target: string;
  updated_at: Date;
}

/** Plan targets per fiscal year × target group (or 'all') × measure, set by administrators. */
@Injectable()
export class ReportPlansService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(fiscalYear: number): Promise<ReportPlanDto> {
    const rows: PlanRow[] = await this.db.query(
      `SELECT target_group, measure, target, updated_at FROM report_plan WHERE fiscal_year = $1 ORDER BY target_group = 'all' DESC, target_group, measure`,
      [fiscalYear],
    );
    const updatedAt = rows.reduce<Date | null>((latest, row) => (!latest || row.updated_at > latest ? row.updated_at : latest), null);
    return {
      fiscalYear,
      targets: rows.map((row) => ({ targetGroup: row.target_group, measure: row.measure, target: Number(row.target) })),
      updatedAt: updatedAt?.toISOString() ?? null,
    };
  }

  /** Replaces the fiscal year's whole plan in one transaction (a target left out is removed). */
  async save(user: AuthUser, dto: SaveReportPlanDto): Promise<ReportPlanDto> {
    const seen = new Set(dto.targets.map((t) => `${t.targetGroup}:${t.measure}`));
    if (seen.size !== dto.targets.length) throw new ReportsException('REPORT_PLAN_DUPLICATE');
    await this.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM report_plan WHERE fiscal_year = $1`, [dto.fiscalYear]);
      if (dto.targets.length === 0) return;
      await manager.query(
        `INSERT INTO report_plan (fiscal_year, target_group, measure, target, updated_by_id)
         SELECT $1, t.target_group, t.measure, t.target, $5 FROM unnest($2::text[], $3::text[], $4::numeric[]) AS t(target_group, measure, target)`,
        [dto.fiscalYear, dto.targets.map((t) => t.targetGroup), dto.targets.map((t) => t.measure), dto.targets.map((t) => t.target), user.id],
      );
    });
    return this.get(dto.fiscalYear);
  }

  /**
   * The targets a report compares with: whole-year targets, so only for a fiscal-year period;
   * the group's own targets when the report is filtered to exactly one target group, else 'all'.
   */
  async targetsFor(period: ReportPeriod, targetGroups: TargetGroup[] | null): Promise<Map<ReportMeasure, number>> {
    if (period.kind !== 'fiscal_year') return new Map();
    const group = targetGroups?.length === 1 ? targetGroups[0] : 'all';
    const rows: { measure: ReportMeasure; target: string }[] = await this.db.query(`SELECT measure, target FROM report_plan WHERE fiscal_year = $1 AND target_group = $2`, [
      period.fiscalYear,
      group,
    ]);
    return new Map(rows.map((row) => [row.measure, Number(row.target)]));
  }
}
