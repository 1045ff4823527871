import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { CourseEntity } from '../courses/course.entity';

/** One accepted line of a bulk file: the account it names and the channel it asks for. */
export interface EnrollmentImportRow {
  line: number;
  userId: string;
  channel: 'online' | 'onsite';
}

/** One rejected line, with the reason code the report shows (translated when answered). */
export interface EnrollmentImportRejection {
  line: number;
  identifier: string;
  reason: string;
}

/**
 * A bulk enrolment file between preview and confirmation. Nothing is enrolled until the uploader
 * confirms; the accepted rows wait here (jsonb, read back with jsonb_to_recordset so the confirm
 * is one set-based INSERT … SELECT). Previews expire: an old report must not enrol people later.
 */
@Entity('enrollment_import')
@Index('enrollment_import_expires_idx', ['expiresAt'], { where: `status = 'preview'` })
@Check('enrollment_import_status_check', `status IN ('preview', 'confirmed')`)
export class EnrollmentImportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_enrollment_import' })
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ type: 'text', default: 'preview' })
  status: 'preview' | 'confirmed';

  @Column({ name: 'total_rows', type: 'int' })
  totalRows: number;

  @Column({ name: 'accepted_rows', type: 'jsonb' })
  acceptedRows: EnrollmentImportRow[];

  @Column({ type: 'jsonb' })
  rejected: EnrollmentImportRejection[];

  /** What the confirmation did: `{ enrolled, waitlisted, alreadyEnrolled }`; null until confirmed. */
  @Column({ type: 'jsonb', nullable: true })
  result: { enrolled: number; waitlisted: number; alreadyEnrolled: number } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_enrollment_import_course' })
  course?: CourseEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_enrollment_import_created_by' })
  createdBy?: UserEntity | null;
}
