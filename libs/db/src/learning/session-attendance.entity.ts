import { ATTENDANCE_METHODS, ATTENDANCE_STATUSES, type AttendanceMethod, type AttendanceStatus } from '@baanrian/contracts';
import { sqlList } from '../sql-list';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { CourseEntity } from '../courses/course.entity';
import { LessonEntity } from '../courses/lesson.entity';
import { EnrollmentEntity } from './enrollment.entity';

/**
 * Whether a learner attended one live or onsite session. One row per learner and session (the
 * unique key makes a repeated QR scan one check-in); an instructor's later roster mark updates it.
 */
@Entity('session_attendance')
@Unique('UQ_session_attendance_lesson_user', ['lessonId', 'userId'])
@Index('session_attendance_course_idx', ['courseId'])
@Index('session_attendance_enrollment_idx', ['enrollmentId'])
@Check('session_attendance_status_check', `status IN (${sqlList(ATTENDANCE_STATUSES)})`)
@Check('session_attendance_method_check', `method IN (${sqlList(ATTENDANCE_METHODS)})`)
export class SessionAttendanceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_session_attendance' })
  id: string;

  /** A `live_session` or `onsite_session` lesson. */
  @Column({ name: 'lesson_id', type: 'uuid' })
  lessonId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  status: AttendanceStatus;

  @Column({ type: 'text' })
  method: AttendanceMethod;

  /** The instructor who marked the roster; null for QR scans and joins. */
  @Column({ name: 'marked_by_id', type: 'uuid', nullable: true })
  markedById: string | null;

  /** When the learner checked in, or when the mark was first made. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => LessonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'FK_session_attendance_lesson' })
  lesson?: LessonEntity;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_session_attendance_course' })
  course?: CourseEntity;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrollment_id', foreignKeyConstraintName: 'FK_session_attendance_enrollment' })
  enrollment?: EnrollmentEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_session_attendance_user' })
  user?: UserEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'marked_by_id', foreignKeyConstraintName: 'FK_session_attendance_marked_by' })
  markedBy?: UserEntity | null;
}
