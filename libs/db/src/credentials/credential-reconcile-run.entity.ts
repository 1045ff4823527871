import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What one reconciliation run found and fixed (eligible minus issued), for administrators. */
export interface ReconcileSummary {
  /** Completed enrolments that had no credential: issued now. */
  issued: number;
  /** Credentials with no rendered current PDF: rendered now. */
  rendered: number;
  /** Credentials whose mail never went out (or whose claim went stale): mailed now. */
  mailed: number;
  /** Ids of the enrolments fixed, capped, for the log. */
  enrollmentIds: string[];
}

@Entity('credential_reconcile_run')
export class CredentialReconcileRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_credential_reconcile_run' })
  id: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt: Date;

  @Column({ type: 'jsonb' })
  summary: ReconcileSummary;
}
