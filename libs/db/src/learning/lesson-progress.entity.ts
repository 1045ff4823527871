import { LESSON_PROGRESS_STATUSES, type LessonProgressStatus } from '@baanrian/contracts';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LessonEntity } from '../courses/lesson.entity';
import { sqlList } from '../sql-list';
import { EnrollmentEntity } from './enrollment.entity';

/**
 * A learner's progress in one lesson, keyed by enrolment and lesson. The largest table in the
 * system (tens of millions of rows at province scale), so it is kept narrow: no surrogate id and
 * no copies of the course or user, which the enrolment already names. No row means not started.
 */
@Entity('lesson_progress')
@Check('lesson_progress_status_check', `status IN (${sqlList(LESSON_PROGRESS_STATUSES)})`)
@Check('lesson_progress_percent_check', 'percent BETWEEN 0 AND 100')
export class LessonProgressEntity {
  @PrimaryColumn({ name: 'enrollment_id', type: 'uuid', primaryKeyConstraintName: 'PK_lesson_progress' })
  enrollmentId: string;

  @PrimaryColumn({ name: 'lesson_id', type: 'uuid', primaryKeyConstraintName: 'PK_lesson_progress' })
  lessonId: string;

  @Column({ type: 'text' })
  status: LessonProgressStatus;

  /** Only ever rises: replayed offline updates arriving late never lower it. */
  @Column({ type: 'smallint', default: 0 })
  percent: number;

  /** Where a video resumes, in seconds; null for other lessons. */
  @Column({ name: 'position_seconds', type: 'int', nullable: true })
  positionSeconds: number | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id', foreignKeyConstraintName: 'FK_lesson_progress_enrollment' })
  enrollment?: EnrollmentEntity;

  @ManyToOne(() => LessonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'FK_lesson_progress_lesson' })
  lesson?: LessonEntity;
}
