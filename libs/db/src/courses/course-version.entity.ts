import type { PublishedCourseSnapshot } from '@baanrian/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CourseEntity } from './course.entity';
import { UserEntity } from '../accounts/user.entity';

/**
 * One publish of a course: who published which version when, and exactly what learners saw.
 * Append-only; the unique key makes each version number happen once per course.
 */
@Entity('course_version')
@Unique('course_version_course_version_key', ['courseId', 'version'])
export class CourseVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: PublishedCourseSnapshot;

  /** Null once the publisher's account is erased; the publish itself stays on record. */
  @Column({ name: 'published_by_id', type: 'uuid', nullable: true })
  publishedById: string | null;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_version_course' })
  course?: CourseEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'published_by_id', foreignKeyConstraintName: 'FK_course_version_publisher' })
  publishedBy?: UserEntity;
}
