import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';

export const REFRESH_EVERY_MS = 15_000;

/**
 * Fixed scheduler ids keep one schedule per cluster: a refresh every 15 s (the safety net for a
 * queued refresh that was lost, e.g. Redis down while marking) and the nightly reconciliation, in
 * Bangkok time. On boot, an install upgraded from before reports has enrolments but no rollups yet:
 * one rebuild fills them (deduplicated, so several workers booting queue it once).
 */
@Injectable()
export class ReportsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsScheduler.name);

  constructor(
    @InjectQueue(QueueName.Reports) private readonly queue: Queue,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const done = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler('reports.refresh', { every: REFRESH_EVERY_MS }, { name: 'reports.refresh', data: {}, opts: done });
    await this.queue.upsertJobScheduler('reports.reconcile', { pattern: '15 3 * * *', tz: 'Asia/Bangkok' }, { name: 'reports.reconcile', data: {} });
    await this.rebuildIfMissing();
  }

  async rebuildIfMissing(): Promise<boolean> {
    const [{ missing }]: { missing: boolean }[] = await this.db.query(
      `SELECT NOT EXISTS (SELECT 1 FROM report_course_day) AND EXISTS (SELECT 1 FROM enrollment WHERE activated_at IS NOT NULL) AS missing`,
    );
    if (!missing) return false;
    await this.queue.add('reports.rebuild', {}, { deduplication: { id: 'reports.rebuild' } });
    this.logger.log('report rollups are empty but enrolments exist: rebuild queued');
    return true;
  }
}
