import { Column, Entity, PrimaryColumn } from 'typeorm';

const people = { type: 'int', default: 0 } as const;

/**
 * Distinct people per fiscal year, period bucket and learner slice: `report_learner_year` counted
 * once for every month, quarter, half and the whole year, so a report over one of those periods
 * reads a few hundred rows instead of one row per person. A person counts once in a bucket when any
 * month bit of the bucket is set in the matching mask of their learner-year row; a person has one
 * row per fiscal year and slice, so the counts add up across target groups and areas (never across
 * buckets). Kept exact by delta in the transaction that rewrites learner-year rows
 * (`recomputeLearners`), rebuilt by `rebuildRollups`, compared nightly with the GROUP BY of
 * `report_learner_year`. Rows with every count at zero are not kept.
 */
@Entity('report_learner_bucket')
export class ReportLearnerBucketEntity {
  /** Buddhist Era, e.g. 2569 = 1 Oct 2025 – 30 Sep 2026. */
  @PrimaryColumn({ name: 'fiscal_year', type: 'smallint', primaryKeyConstraintName: 'PK_report_learner_bucket' })
  fiscalYear: number;

  /**
   * The bucket's fiscal months as a mask (bit 0 October … bit 11 September): one bit for a month,
   * 7 << 3q for quarter q+1, 63 << 6h for half h+1, 4095 for the whole year.
   */
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'PK_report_learner_bucket' })
  bucket: number;

  @PrimaryColumn({ name: 'target_group', type: 'text', primaryKeyConstraintName: 'PK_report_learner_bucket' })
  targetGroup: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_learner_bucket' })
  province: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_learner_bucket' })
  district: string;

  /** People with an enrolment activated in the bucket (enrolled_months). */
  @Column(people)
  learners: number;

  @Column({ name: 'learners_online', ...people })
  learnersOnline: number;

  @Column({ name: 'learners_onsite', ...people })
  learnersOnsite: number;

  /** People who started in the bucket (started_months). */
  @Column(people)
  attendees: number;

  @Column(people)
  completers: number;

  /** People enrolled or started in the bucket (enrolled_months | started_months). */
  @Column(people)
  participants: number;
}
