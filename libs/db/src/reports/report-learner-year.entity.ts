import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const months = { type: 'int', default: 0 } as const;

/**
 * One row per learner and fiscal year they took part in, so distinct counts (unique learners,
 * attendees, completers, participants de-duplicated across online and onsite) over any month,
 * quarter, half or the whole year read one narrow row per person instead of every enrolment.
 * Each `*_months` column is a 12-bit mask of fiscal months: bit 0 is October, bit 11 September.
 * Recomputed per learner from the raw tables by the worker.
 */
@Entity('report_learner_year')
@Index('report_learner_year_user_idx', ['userId'])
// A one-fiscal-year report groups the year's rows by their masks: an index-only scan in group order.
@Index('report_learner_year_masks_idx', ['fiscalYear', 'targetGroup', 'enrolledMonths', 'onlineMonths', 'onsiteMonths', 'startedMonths', 'completedMonths'])
export class ReportLearnerYearEntity {
  /** Buddhist Era, e.g. 2569 = 1 Oct 2025 – 30 Sep 2026. */
  @PrimaryColumn({ name: 'fiscal_year', type: 'smallint', primaryKeyConstraintName: 'PK_report_learner_year' })
  fiscalYear: number;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_report_learner_year' })
  userId: string;

  @Column({ name: 'target_group', type: 'text' })
  targetGroup: string;

  @Column({ type: 'text', default: '' })
  province: string;

  @Column({ type: 'text', default: '' })
  district: string;

  /** Months with an enrolment activated, any channel. */
  @Column({ name: 'enrolled_months', ...months })
  enrolledMonths: number;

  @Column({ name: 'online_months', ...months })
  onlineMonths: number;

  @Column({ name: 'onsite_months', ...months })
  onsiteMonths: number;

  /** Months in which an enrolment started (first session attended or first lesson opened). */
  @Column({ name: 'started_months', ...months })
  startedMonths: number;

  @Column({ name: 'completed_months', ...months })
  completedMonths: number;

  /*
   * The same five masks of the person's previous fiscal year (0 without a row then). A period over
   * two fiscal years counts each person once without DISTINCT: on the first year's row if it
   * matches, else on the second year's row when it matches and its previous-year mask does not.
   */
  @Column({ name: 'prev_enrolled_months', ...months })
  prevEnrolledMonths: number;

  @Column({ name: 'prev_online_months', ...months })
  prevOnlineMonths: number;

  @Column({ name: 'prev_onsite_months', ...months })
  prevOnsiteMonths: number;

  @Column({ name: 'prev_started_months', ...months })
  prevStartedMonths: number;

  @Column({ name: 'prev_completed_months', ...months })
  prevCompletedMonths: number;
}
