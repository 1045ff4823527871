import { LESSON_TYPES, type LessonContent, type LessonType } from '@baanrian/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CourseEntity } from './course.entity';
import { CourseModuleEntity } from './course-module.entity';
import { sqlList } from '../sql-list';

/**
 * A lesson of a course's draft. Its id is the lesson's identity for good: publishing copies it
 * into the version snapshot unchanged, so progress (issue 7) keyed by lesson id survives edits.
 * Removed lessons are soft-deleted for the same reason.
 */
@Entity('lesson')
@Index('lesson_module_idx', ['moduleId', 'position'])
@Index('lesson_course_idx', ['courseId'])
// Upcoming live and onsite sessions (calendar export, attendance): only session rows.
@Index('lesson_session_starts_idx', ['startsAt'], { where: 'starts_at IS NOT NULL' })
@Check('lesson_type_check', `type IN (${sqlList(LESSON_TYPES)})`)
export class LessonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'module_id', type: 'uuid' })
  moduleId: string;

  @Column({ type: 'text' })
  type: LessonType;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'boolean', default: true })
  required: boolean;

  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'duration_minutes', type: 'int', nullable: true })
  durationMinutes: number | null;

  /** Type-specific fields (see LessonContentByType), validated by the API. */
  @Column({ type: 'jsonb' })
  content: LessonContent;

  /** Copied from the content of session lessons, so sessions can be queried by time. */
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_lesson_course' })
  course?: CourseEntity;

  @ManyToOne(() => CourseModuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'FK_lesson_module' })
  module?: CourseModuleEntity;
}
