import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseEntity } from './course.entity';
import { UserEntity } from '../accounts/user.entity';

/**
 * A co-instructor of a course (the owner is `course.owner_id`). An invitation is a row with
 * `accepted_at` null; the primary key makes each person a co-instructor at most once.
 */
@Entity('course_instructor')
@Index('course_instructor_user_idx', ['userId'])
export class CourseInstructorEntity {
  @PrimaryColumn({ name: 'course_id', type: 'uuid', primaryKeyConstraintName: 'PK_course_instructor' })
  courseId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_course_instructor' })
  userId: string;

  @Column({ name: 'invited_by_id', type: 'uuid', nullable: true })
  invitedById: string | null;

  @CreateDateColumn({ name: 'invited_at', type: 'timestamptz' })
  invitedAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_course_instructor_course' })
  course?: CourseEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_course_instructor_user' })
  user?: UserEntity;
}
