import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Rollup cells waiting to be recomputed. Event handlers mark a cell (ON CONFLICT DO NOTHING); the
 * `reports.refresh` job claims marks with FOR UPDATE SKIP LOCKED, recomputes each cell from the raw
 * tables and deletes the mark in the same transaction. A mark made during a refresh is a new row,
 * so no change is ever missed, and many events on one course collapse into one recompute.
 */
@Entity('report_dirty')
export class ReportDirtyEntity {
  /** `course` (key: the course id; all its report_course_day rows) or `learner` (key: the user id; all their report_learner_year rows). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_dirty' })
  kind: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_dirty' })
  key: string;

  @CreateDateColumn({ name: 'marked_at', type: 'timestamptz' })
  markedAt: Date;
}
