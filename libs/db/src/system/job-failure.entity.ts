import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';

export const JOB_FAILURE_STATUSES = ['open', 'retried', 'dismissed'] as const;
export type JobFailureStatus = (typeof JOB_FAILURE_STATUSES)[number];

/**
 * A BullMQ job that failed for good (no attempts left, or an UnrecoverableError), so that
 * administrators see it and can retry or dismiss it. One row per (queue, job id): the worker's
 * recorder upserts it, so a failure seen twice (event and sweep, or two workers) stays one row.
 * A retried job that fails again reopens its row (`failures` + 1, `last_failed_at` moves on).
 */
@Entity('job_failure')
@Unique('UQ_job_failure_job', ['queue', 'jobId'])
@Index('job_failure_status_idx', ['status', 'lastFailedAt'])
@Check('job_failure_status_check', `status IN ('open', 'retried', 'dismissed')`)
export class JobFailureEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_job_failure' })
  id: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ name: 'job_id', type: 'text' })
  jobId: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName: string;

  /** The payload's ids only (other values replaced by `"[omitted]"`): never personal data or tokens. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'error_message', type: 'text' })
  errorMessage: string;

  /** The error's `code` when it has one (e.g. a PostgreSQL SQLSTATE), else its class name. */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  /** Attempts made before BullMQ gave up, in the latest failure. */
  @Column({ type: 'int' })
  attempts: number;

  /** How many times this job failed for good (more than 1 once a retry failed again). */
  @Column({ type: 'int', default: 1 })
  failures: number;

  @Column({ name: 'first_failed_at', type: 'timestamptz' })
  firstFailedAt: Date;

  /** BullMQ's `finishedOn` of the latest failure: a failure delivered again carries the same time. */
  @Column({ name: 'last_failed_at', type: 'timestamptz' })
  lastFailedAt: Date;

  @Column({ type: 'text', default: 'open' })
  status: JobFailureStatus;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by_id', type: 'uuid', nullable: true })
  resolvedById: string | null;

  /** Why it was dismissed (the administrator's words). */
  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'resolved_by_id', foreignKeyConstraintName: 'FK_job_failure_resolved_by' })
  resolvedBy?: UserEntity | null;
}
