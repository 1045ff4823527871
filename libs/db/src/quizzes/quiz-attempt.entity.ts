import {
  ATTEMPT_CLOSE_REASONS,
  ATTEMPT_STATUSES,
  type AttemptCloseReason,
  type AttemptStatus,
  type DeliveredQuestion,
  type QuestionResponse,
} from '@baanrian/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { EnrollmentEntity } from '../learning/enrollment.entity';
import { sqlList } from '../sql-list';
import { QuizEntity } from './quiz.entity';

/**
 * One attempt of one learner at one quiz. The questions (and their option order) are fixed when it
 * starts; responses autosave into `responses` until it is submitted or its time runs out. Submitting
 * writes `attempt.submitted` to the outbox in the same transaction; the worker grades it once.
 */
@Entity('quiz_attempt')
@Unique('UQ_quiz_attempt_number', ['quizId', 'userId', 'number'])
// At most one open attempt per learner and quiz: a double-clicked "start" resumes it.
@Index('UQ_quiz_attempt_open', ['quizId', 'userId'], { unique: true, where: `status = 'in_progress'` })
@Index('quiz_attempt_enrollment_idx', ['enrollmentId'])
// The sweep that closes attempts whose time ran out.
@Index('quiz_attempt_deadline_idx', ['deadlineAt'], { where: `status = 'in_progress' AND deadline_at IS NOT NULL` })
@Check('quiz_attempt_status_check', `status IN (${sqlList(ATTEMPT_STATUSES)})`)
@Check('quiz_attempt_close_reason_check', `close_reason IN (${sqlList(ATTEMPT_CLOSE_REASONS)})`)
export class QuizAttemptEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_quiz_attempt' })
  id: string;

  @Column({ name: 'quiz_id', type: 'uuid' })
  quizId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  /** 1 for the first attempt. */
  @Column({ type: 'smallint' })
  number: number;

  @Column({ type: 'text', default: 'in_progress' })
  status: AttemptStatus;

  @Column({ type: 'jsonb' })
  questions: DeliveredQuestion[];

  /** By question id; autosave replaces single entries. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  responses: Record<string, QuestionResponse>;

  /** Counts autosaves, so a late, out-of-order save can be recognised and ignored. */
  @Column({ name: 'responses_revision', type: 'int', default: 0 })
  responsesRevision: number;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  /** Time limit plus the learner's extension; null when untimed. Grace is added when checking. */
  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason: AttemptCloseReason | null;

  /** The Idempotency-Key of the submit that closed it: the same key again returns the same answer. */
  @Column({ name: 'submit_key', type: 'text', nullable: true })
  submitKey: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => QuizEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'quiz_id', foreignKeyConstraintName: 'FK_quiz_attempt_quiz' })
  quiz?: QuizEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_quiz_attempt_user' })
  user?: UserEntity;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrollment_id', foreignKeyConstraintName: 'FK_quiz_attempt_enrollment' })
  enrollment?: EnrollmentEntity;
}
