import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CourseEntity } from './course.entity';

/**
 * A module of a course's draft, in order. Removed modules are soft-deleted (`deleted_at`):
 * the published version may still show them until the next publish.
 */
@Entity('course_module')
@Index('course_module_course_idx', ['courseId', 'position'])
export class CourseModuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_module_course' })
  course?: CourseEntity;
}
