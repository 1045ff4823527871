import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Measured reach per day: unique visitors per page and source. The row with page_key '*' counts a
 * visitor once per day across all pages (what "measured reach" sums); course rows feed the
 * course filter. Recomputed per day from `reach_visit` by the worker.
 */
@Entity('report_reach_day')
export class ReportReachDayEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_report_reach_day' })
  day: string;

  @PrimaryColumn({ name: 'page_key', type: 'text', primaryKeyConstraintName: 'PK_report_reach_day' })
  pageKey: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_reach_day' })
  source: string;

  @PrimaryColumn({ name: 'utm_campaign', type: 'text', primaryKeyConstraintName: 'PK_report_reach_day' })
  utmCampaign: string;

  @Column({ name: 'course_id', type: 'uuid', nullable: true })
  courseId: string | null;

  @Column({ type: 'int', default: 0 })
  visitors: number;
}
