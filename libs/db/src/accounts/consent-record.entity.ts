import { CONSENT_PURPOSES, type ConsentPurpose } from '@baanrian/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { sqlList } from '../sql-list';
import { UserEntity } from './user.entity';

/**
 * One consent: whose data (subject), for what purpose, under which policy version, when, and who
 * gave it (the person themselves, or a guardian for a child). Withdrawing sets `withdrawn_at`; the
 * record stays as evidence. Erasing an account deletes the records about it (see README).
 */
@Entity('consent_record')
@Index('consent_record_subject_idx', ['subjectId'])
@Index('consent_record_given_by_idx', ['givenById'])
@Check('consent_record_purpose_check', `purpose IN (${sqlList(CONSENT_PURPOSES)})`)
export class ConsentRecordEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_consent_record' })
  id: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subject_id', foreignKeyConstraintName: 'FK_consent_record_subject' })
  subject?: UserEntity;

  @Column({ type: 'text' })
  purpose: ConsentPurpose;

  @Column({ name: 'policy_version', type: 'text' })
  policyVersion: string;

  @Column({ name: 'given_at', type: 'timestamptz', default: () => 'now()' })
  givenAt: Date;

  @Column({ name: 'given_by_id', type: 'uuid' })
  givenById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'given_by_id', foreignKeyConstraintName: 'FK_consent_record_given_by' })
  givenBy?: UserEntity;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
