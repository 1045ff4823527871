import { Column, Entity, PrimaryColumn } from 'typeorm';

const count = { type: 'int', default: 0 } as const;

/**
 * The course-less monthly rollup: `report_course_day` summed over courses and the days of each
 * Bangkok month, per learner slice. A few thousand rows a fiscal year (against millions of course
 * days), so a report without a course or instructor filter and over whole months reads this.
 * Kept exact by delta: every recount of courses subtracts their old course-day rows and adds the
 * new ones in the same transaction (see `recomputeCourses`); the nightly reconciliation compares it
 * with the GROUP BY of `report_course_day`. Columns mean what they mean in `report_course_day`.
 */
@Entity('report_area_month')
export class ReportAreaMonthEntity {
  /** First day of the Bangkok calendar month. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_report_area_month' })
  month: string;

  @PrimaryColumn({ name: 'target_group', type: 'text', primaryKeyConstraintName: 'PK_report_area_month' })
  targetGroup: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_area_month' })
  province: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_area_month' })
  district: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_area_month' })
  channel: string;

  @Column(count)
  enrollments: number;

  @Column(count)
  withdrawals: number;

  @Column(count)
  starts: number;

  @Column(count)
  completions: number;

  @Column({ name: 'cohort_completions', type: 'int', default: 0 })
  cohortCompletions: number;

  @Column(count)
  certificates: number;

  @Column({ name: 'learning_hours', type: 'numeric', precision: 12, scale: 1, default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  learningHours: number;
}
