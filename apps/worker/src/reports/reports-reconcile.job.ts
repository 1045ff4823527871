import type { ReportReconcileSummary } from '@baanrian/db';
import { differingAreaMonths, differingLearnerBucketYears, rebuildAreaMonths, rebuildLearnerBuckets } from '@baanrian/reports';
import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { requestRefresh } from './report-refresh.requester';
import { differingKeys } from './rollup-compare';
import { lockRollups } from './rollup-lock';

/** How far back activity is checked: a month and a bit, so a late-lost event is still caught. */
export const RECONCILE_DAYS = 40;
const BATCH = { course: 100, learner: 1000 } as const;

/** Enrolment facts (and the row's own updates: moves, re-enrolments) inside the window. */
const RECENT_ENROLLMENT = `(e.updated_at >= $1 OR e.activated_at >= $1 OR e.withdrawn_at >= $1 OR e.started_at >= $1 OR e.completed_at >= $1)`;

// Profile edits and erasure change a person's slice without an enrolment event: app_user.updated_at.
const RECENT_COURSES = `
  SELECT e.course_id::text AS key FROM enrollment e WHERE ${RECENT_ENROLLMENT}
  UNION SELECT e.course_id::text FROM credential c JOIN enrollment e ON e.id = c.enrollment_id WHERE c.kind = 'course' AND c.issued_at >= $1
  UNION SELECT e.course_id::text FROM enrollment e JOIN app_user u ON u.id = e.user_id WHERE u.updated_at >= $1
  UNION SELECT course_id::text FROM report_course_day WHERE day >= ($1::timestamptz AT TIME ZONE 'Asia/Bangkok')::date`;
const RECENT_LEARNERS = `
  SELECT e.user_id::text AS key FROM enrollment e WHERE ${RECENT_ENROLLMENT}
  UNION SELECT id::text FROM app_user WHERE updated_at >= $1`;

/**
 * Nightly proof that the rollups are exact: every course and learner with activity in the last
 * 40 days is recounted and compared with what is stored; what differs is marked dirty (the next
 * refresh fixes it), logged and recorded in `report_reconcile_run`. Non-zero means an event was lost.
 * The monthly area rollup is compared whole with the GROUP BY of the daily one (it is small); a
 * month that differs is rebuilt from the daily rollup at once, under the rebuild lock. The learner
 * buckets are compared with the GROUP BY of the learner years the same way, per fiscal year.
 */
@Injectable()
export class ReportsReconcileJob {
  private readonly logger = new Logger(ReportsReconcileJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Reports) private readonly queue: Queue,
  ) {}

  async handle(): Promise<ReportReconcileSummary> {
    const startedAt = new Date();
    const since = new Date(startedAt.getTime() - RECONCILE_DAYS * 86_400_000);
    const courses = await this.check('course', RECENT_COURSES, since);
    const learners = await this.check('learner', RECENT_LEARNERS, since);
    const areaMonths = await this.checkAreaMonths();
    const bucketYears = await this.checkLearnerBuckets();
    const summary: ReportReconcileSummary = {
      coursesChecked: courses.checked,
      learnersChecked: learners.checked,
      coursesDiffering: courses.differing.length,
      learnersDiffering: learners.differing.length,
      courseIds: courses.differing.slice(0, 100),
      userIds: learners.differing.slice(0, 100),
      areaMonthsDiffering: areaMonths.length,
      areaMonths: areaMonths.slice(0, 100),
      learnerBucketYearsDiffering: bucketYears.length,
      learnerBucketYears: bucketYears,
    };
    if (courses.differing.length + learners.differing.length > 0) await requestRefresh(this.queue);
    await this.db.query(`INSERT INTO report_reconcile_run (started_at, finished_at, summary) VALUES ($1, now(), $2)`, [startedAt, summary]);
    const log = { ...summary, courseIds: summary.courseIds.slice(0, 10), userIds: summary.userIds.slice(0, 10) };
    if (log.coursesDiffering + log.learnersDiffering + log.areaMonthsDiffering + bucketYears.length > 0) this.logger.warn(log, 'report rollups differed from the raw tables: marked for refresh');
    else this.logger.log(log, 'report rollups reconciled');
    return summary;
  }

  /**
   * The area-month rows must equal the sum of the course-day rows (whatever those hold: a course
   * found stale above is marked, and its refresh then moves both by the same delta). The comparison
   * is one read-only statement; the rebuild of the months found waits for running refreshes.
   */
  private async checkAreaMonths(): Promise<string[]> {
    const months = await differingAreaMonths(this.db);
    if (months.length === 0) return months;
    await this.db.transaction(async (manager) => {
      await lockRollups(manager);
      await rebuildAreaMonths(manager, months);
    });
    return months;
  }

  /** Likewise the learner buckets must equal the GROUP BY of the learner years: a year that differs is rebuilt from them. */
  private async checkLearnerBuckets(): Promise<number[]> {
    const years = await differingLearnerBucketYears(this.db);
    if (years.length === 0) return years;
    await this.db.transaction(async (manager) => {
      await lockRollups(manager);
      await rebuildLearnerBuckets(manager, years);
    });
    return years;
  }

  private async check(kind: 'course' | 'learner', candidates: string, since: Date): Promise<{ checked: number; differing: string[] }> {
    const keys: string[] = (await this.db.query(candidates, [since])).map((row: { key: string }) => row.key);
    const differing: string[] = [];
    for (let i = 0; i < keys.length; i += BATCH[kind]) {
      const found = await differingKeys(this.db, kind, keys.slice(i, i + BATCH[kind]));
      if (found.length === 0) continue;
      await this.db.query(`INSERT INTO report_dirty (kind, key) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [kind, found]);
      differing.push(...found);
    }
    return { checked: keys.length, differing };
  }
}
