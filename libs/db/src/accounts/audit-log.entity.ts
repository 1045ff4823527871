import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/** What an administrator (or an operator's command) did, written in the same transaction as the change. */
@Entity('audit_log')
@Index('audit_log_at_idx', ['at'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_audit_log' })
  id: string;

  /** Null for operator commands (`create-admin`) and for actors whose account is gone. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_audit_log_actor' })
  actor?: UserEntity | null;

  /** e.g. `user.role.grant`; see AuditAction in the API. */
  @Column({ type: 'text' })
  action: string;

  /** The user (or other object) acted on; no foreign key, so entries outlive what they describe. */
  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
