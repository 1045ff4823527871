import { rebuildRollups } from '@baanrian/reports';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { lockRollups } from './rollup-lock';

/**
 * Both rollups from scratch, in one transaction (reports read the old numbers until COMMIT): after
 * an upgrade, a restore or the demo seed. Waits for running refreshes, and they for it.
 */
@Injectable()
export class ReportsRebuildJob {
  private readonly logger = new Logger(ReportsRebuildJob.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(): Promise<{ courseDays: number; learnerYears: number }> {
    const started = Date.now();
    const counts = await this.db.transaction(async (manager) => {
      await lockRollups(manager);
      await rebuildRollups(manager);
      const [row]: { course_days: number; learner_years: number }[] = await manager.query(
        `SELECT (SELECT count(*) FROM report_course_day)::int AS course_days, (SELECT count(*) FROM report_learner_year)::int AS learner_years`,
      );
      return { courseDays: row.course_days, learnerYears: row.learner_years };
    });
    this.logger.log({ ...counts, ms: Date.now() - started }, 'report rollups rebuilt');
    return counts;
  }
}
