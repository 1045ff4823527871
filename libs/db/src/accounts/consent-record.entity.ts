import { CONSENT_PURPOSES, type ConsentPurpose } from '@baanrian/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { sqlList } from '../sql-list';
import { UserEntity } from './user.entity';

/**
 * One consent: whose data (subject), for what purpose, under which policy version, when, and who
 * gave it (the person themselves, or a guardian for a child). Withdrawing sets `withdrawn_at`; the
 * record stays as evidence. Erasing an account anonymises its records: the subject and giver ids
 * become NULL while purpose, policy version and times stay, so the proof that consent was given
 * outlives the personal data (see README).
 */
@Entity('consent_record')
@Index('consent_record_subject_idx', ['subjectId'])
@Index('consent_record_given_by_idx', ['givenById'])
@Check('consent_record_purpose_check', `purpose IN (${sqlList(CONSENT_PURPOSES)})`)
export class ConsentRecordEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_consent_record' })
  id: string;

  /** NULL once the subject's account was erased. */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subject_id', foreignKeyConstraintName: 'FK_consent_record_subject' })
  subject?: UserEntity;

  @Column({ type: 'text' })
  purpose: ConsentPurpose;

  @Column({ name: 'policy_version', type: 'text' })
  policyVersion: string;

  @Column({ name: 'given_at', type: 'timestamptz', default: () => 'now()' })
  givenAt: Date;

  /** NULL once the giver's account (or the subject's) was erased. */
  @Column({ name: 'given_by_id', type: 'uuid', nullable: true })
  givenById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'given_by_id', foreignKeyConstraintName: 'FK_consent_record_given_by' })
  givenBy?: UserEntity;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
