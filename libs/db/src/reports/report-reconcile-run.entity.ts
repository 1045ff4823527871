import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What one nightly comparison of the rollups with the raw tables found (see `reports.reconcile`). */
export interface ReportReconcileSummary {
  /** Courses and learners with activity in the window, recomputed and compared. */
  coursesChecked: number;
  learnersChecked: number;
  /** Those whose rollup rows differed from a fresh count: marked dirty, so the next refresh fixes them. */
  coursesDiffering: number;
  learnersDiffering: number;
  /** Ids of what differed, capped, for the log and for whoever investigates. */
  courseIds: string[];
  userIds: string[];
  /** Months (`YYYY-MM-01`) whose `report_area_month` rows differed from the sum of `report_course_day`: rebuilt at once. */
  areaMonthsDiffering: number;
  areaMonths: string[];
  /** Fiscal years whose `report_learner_bucket` rows differed from the GROUP BY of `report_learner_year`: rebuilt at once (absent in runs from before buckets). */
  learnerBucketYearsDiffering?: number;
  learnerBucketYears?: number[];
}

/**
 * One row per run of the rollup reconciliation, so an administrator (or a test) can see that the
 * numbers were checked and how often they had drifted; a non-zero count means an event was lost.
 */
@Entity('report_reconcile_run')
export class ReportReconcileRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_report_reconcile_run' })
  id: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt: Date;

  @Column({ type: 'jsonb' })
  summary: ReportReconcileSummary;
}
