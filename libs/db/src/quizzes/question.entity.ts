import { QUESTION_TYPES, type Question, type QuestionType } from '@baanrian/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { CourseEntity } from '../courses/course.entity';
import { sqlList } from '../sql-list';
import { QuestionCategoryEntity } from './question-category.entity';

/**
 * A question of a course's bank. `definition` is the whole authored question (stem, options,
 * answer key, feedback) as `Question` in @baanrian/contracts, and never reaches a learner as is.
 * `keyRevision` goes up when the answer key changes, which is what starts a regrade. Soft-deleted,
 * so attempts that delivered it can still be reviewed and regraded.
 */
@Entity('question')
@Index('question_course_category_idx', ['courseId', 'categoryId'])
@Check('question_type_check', `type IN (${sqlList(QUESTION_TYPES)})`)
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_question' })
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId: string | null;

  @Column({ type: 'text' })
  type: QuestionType;

  @Column({ type: 'jsonb' })
  definition: Question;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ name: 'key_revision', type: 'int', default: 1 })
  keyRevision: number;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_question_course' })
  course?: CourseEntity;

  @ManyToOne(() => QuestionCategoryEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'FK_question_category' })
  category?: QuestionCategoryEntity | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_question_created_by' })
  createdBy?: UserEntity | null;
}
