import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';

/**
 * A large export run by the worker. The file is written under a temporary key and the row set to
 * `ready` with its final key in one step, so a worker killed mid-file never leaves a half file on
 * offer; a restarted job starts the file again.
 */
@Entity('report_export')
@Index('report_export_requested_by_idx', ['requestedById', 'createdAt'])
export class ReportExportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_report_export' })
  id: string;

  @Column({ name: 'requested_by_id', type: 'uuid', nullable: true })
  requestedById: string | null;

  /** csv, xlsx or pdf. */
  @Column({ type: 'text' })
  format: string;

  /** `report` (a report's tables) or `enrollments` (one row per enrolment). */
  @Column({ type: 'text' })
  kind: string;

  /** The report query as the API validated it, and the requester's scope (instructor id). */
  @Column({ type: 'jsonb' })
  query: Record<string, unknown>;

  @Column({ type: 'text', default: 'en' })
  locale: string;

  /** queued, running, ready, failed, expired. */
  @Column({ type: 'text', default: 'queued' })
  status: string;

  /** 0–100. */
  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ name: 'row_count', type: 'int', nullable: true })
  rowCount: number | null;

  /** Media-storage key of the finished file; null until ready. */
  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey: string | null;

  @Column({ name: 'byte_size', type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  byteSize: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'FK_report_export_requested_by' })
  requestedBy?: UserEntity | null;
}
