import {
  ENROLLMENT_CHANNELS,
  ENROLLMENT_SOURCES,
  ENROLLMENT_STATUSES,
  type EnrollmentChannel,
  type EnrollmentSource,
  type EnrollmentStatus,
} from '@baanrian/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { CourseEntity } from '../courses/course.entity';
import { sqlList } from '../sql-list';

/**
 * One learner in one course, for good: withdrawing and enrolling again reuse the row, so the
 * unique key makes a double-clicked enrol one enrolment and reports count each person once.
 * Rows are never deleted (erasure keeps them against the anonymous tombstone user).
 */
@Entity('enrollment')
@Unique('UQ_enrollment_course_user', ['courseId', 'userId'])
@Index('enrollment_user_status_idx', ['userId', 'status'])
@Index('enrollment_course_status_idx', ['courseId', 'status'])
// The waitlist in order: the first waiting learner is promoted when a seat frees up.
@Index('enrollment_waitlist_idx', ['courseId', 'waitlistedAt', 'id'], { where: `status = 'waitlisted'` })
@Check('enrollment_status_check', `status IN (${sqlList(ENROLLMENT_STATUSES)})`)
@Check('enrollment_channel_check', `channel IN (${sqlList(ENROLLMENT_CHANNELS)})`)
@Check('enrollment_source_check', `source IN (${sqlList(ENROLLMENT_SOURCES)})`)
export class EnrollmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_enrollment' })
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  status: EnrollmentStatus;

  @Column({ type: 'text', default: 'online' })
  channel: EnrollmentChannel;

  @Column({ type: 'text', default: 'self' })
  source: EnrollmentSource;

  /** The guardian, instructor or administrator who enrolled the learner; null for self-enrolment. */
  @Column({ name: 'enrolled_by_id', type: 'uuid', nullable: true })
  enrolledById: string | null;

  /** When the learner joined the waitlist (its order); null when they never waited. */
  @Column({ name: 'waitlisted_at', type: 'timestamptz', nullable: true })
  waitlistedAt: Date | null;

  /** When the learner took a seat (enrolled directly or promoted from the waitlist). */
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /**
   * When the learner first took part: attended a session or opened a lesson. Reports count
   * "attendees" by it; set once, in the transaction of that first attendance or progress.
   */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_enrollment_course' })
  course?: CourseEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_enrollment_user' })
  user?: UserEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'enrolled_by_id', foreignKeyConstraintName: 'FK_enrollment_enrolled_by' })
  enrolledBy?: UserEntity | null;
}
