import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CourseEntity } from '../courses/course.entity';

/**
 * A category of a course's question bank, named by its path (`Grammar/Tones`), as GIFT's
 * `$CATEGORY:` names them; a draw from `Grammar` includes `Grammar/Tones`.
 */
@Entity('question_category')
@Unique('UQ_question_category_course_path', ['courseId', 'path'])
export class QuestionCategoryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_question_category' })
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'text' })
  path: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_question_category_course' })
  course?: CourseEntity;
}
