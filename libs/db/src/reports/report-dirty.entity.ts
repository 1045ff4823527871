import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Rollup cells waiting to be recomputed. Event handlers mark a cell (ON CONFLICT DO NOTHING); the
 * `reports.refresh` job claims marks with FOR UPDATE SKIP LOCKED, recomputes each cell from the raw
 * tables and deletes the mark in the same transaction. A mark made during a refresh is a new row,
 * so no change is ever missed, and many events on one course collapse into one recompute.
 */
@Entity('report_dirty')
export class ReportDirtyEntity {
  /** `course_day` (key `<course id>|<YYYY-MM-DD>`) or `learner_year` (key `<user id>|<fiscal year BE>`). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_dirty' })
  kind: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_dirty' })
  key: string;

  @CreateDateColumn({ name: 'marked_at', type: 'timestamptz' })
  markedAt: Date;
}
