import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const count = { type: 'int', default: 0 } as const;

/**
 * The daily rollup reports read instead of the raw tables: per Bangkok calendar day, course and
 * learner slice (target group, province, district, enrolment channel), the additive counts of
 * what happened that day. The worker recomputes a whole (course, day) from the raw tables on every
 * event that touches it, so a duplicated or reordered event can never make it drift.
 * Province and district are '' when unknown (erased people keep their province, never a district).
 */
@Entity('report_course_day')
@Index('report_course_day_day_idx', ['day'])
export class ReportCourseDayEntity {
  @PrimaryColumn({ name: 'course_id', type: 'uuid', primaryKeyConstraintName: 'PK_report_course_day' })
  courseId: string;

  /** Calendar day in Asia/Bangkok, never UTC: 30 Sep and 1 Oct belong to different fiscal years. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_report_course_day' })
  day: string;

  @PrimaryColumn({ name: 'target_group', type: 'text', primaryKeyConstraintName: 'PK_report_course_day' })
  targetGroup: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_course_day' })
  province: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_course_day' })
  district: string;

  /** The enrolment's channel (online or onsite), not the course's format. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_course_day' })
  channel: string;

  /** Enrolments that took a seat (activated) this day. */
  @Column(count)
  enrollments: number;

  /** Enrolments withdrawn this day. */
  @Column(count)
  withdrawals: number;

  /** Enrolments whose learner first attended a session or first opened a lesson this day. */
  @Column(count)
  starts: number;

  /** Enrolments completed this day. */
  @Column(count)
  completions: number;

  /** Of the enrolments activated this day, those completed by now (the completion rate's numerator). */
  @Column({ name: 'cohort_completions', type: 'int', default: 0 })
  cohortCompletions: number;

  /** Course credentials issued this day (revoked ones included: they were issued). */
  @Column(count)
  certificates: number;

  /** The course's learning hours for each completion this day. */
  @Column({ name: 'learning_hours', type: 'numeric', precision: 12, scale: 1, default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  learningHours: number;
}
