import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A visitor seen on a catalog or course page on one day, known only by
 * sha256(daily salt ‖ IP ‖ user agent): no cookie, no raw IP. The day's salt is deleted after the
 * day, so a hash can never be recomputed or linked to another day. Rows are kept a few days for
 * the rollup, then deleted.
 */
@Entity('reach_visit')
@Index('reach_visit_day_idx', ['day'])
export class ReachVisitEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_reach_visit' })
  day: string;

  @PrimaryColumn({ name: 'visitor_hash', type: 'bytea', primaryKeyConstraintName: 'PK_reach_visit' })
  visitorHash: Buffer;

  /** `catalog` or `course:<course id>`. */
  @PrimaryColumn({ name: 'page_key', type: 'text', primaryKeyConstraintName: 'PK_reach_visit' })
  pageKey: string;

  @Column({ name: 'course_id', type: 'uuid', nullable: true })
  courseId: string | null;

  /** Where the first visit of the day came from: facebook, line, google, direct, other … */
  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'utm_source', type: 'text', default: '' })
  utmSource: string;

  @Column({ name: 'utm_medium', type: 'text', default: '' })
  utmMedium: string;

  @Column({ name: 'utm_campaign', type: 'text', default: '' })
  utmCampaign: string;
}
