import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { EnrollmentEntity } from '../learning/enrollment.entity';
import { IssuerKeyEntity } from './issuer-key.entity';

export const CREDENTIAL_KINDS = ['course', 'title'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * One signed Open Badges 3.0 credential: a completed course or a yearly title. The unique key
 * (kind, source, learner) is what makes issuing exactly once: duplicate events, retries and a
 * worker killed mid-issue all end in this one row. Never deleted; revoking sets its status bit.
 */
@Entity('credential')
@Unique('UQ_credential_kind_source_user', ['kind', 'sourceId', 'userId'])
@Unique('UQ_credential_verification_code', ['verificationCode'])
@Unique('UQ_credential_status_index', ['statusIndex'])
@Index('credential_user_idx', ['userId', 'issuedAt'])
// The mail sweep: credentials whose certificate mail has not gone out yet.
@Index('credential_unmailed_idx', ['issuedAt'], { where: `mailed_at IS NULL` })
@Check('credential_kind_check', `kind IN ('course', 'title')`)
export class CredentialEntity {
  /** Also the credential's `id` (`urn:uuid:<id>`), so it is chosen before signing. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_credential' })
  id: string;

  @Column({ type: 'text' })
  kind: CredentialKind;

  /** The course id (kind course) or the title rule id (kind title). */
  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  /** Null once the learner's account is erased; the credential still verifies. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'enrollment_id', type: 'uuid', nullable: true })
  enrollmentId: string | null;

  /** 10 characters of Crockford base32, random: the public verification link. */
  @Column({ name: 'verification_code', type: 'text' })
  verificationCode: string;

  /** The name as printed on the certificate at issue time. */
  @Column({ name: 'learner_name', type: 'text' })
  learnerName: string;

  @Column({ name: 'achievement_name', type: 'text' })
  achievementName: string;

  @Column({ type: 'numeric', precision: 8, scale: 2, transformer: numeric })
  hours: number;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'issuer_key_id', type: 'uuid' })
  issuerKeyId: string;

  /** The credential's bit in the revocation status list: `nextval('credential_status_index_seq')`, never reused. */
  @Column({ name: 'status_index', type: 'int' })
  statusIndex: number;

  /** The signed OB3 credential (Data Integrity proof). */
  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;

  /** The same credential as a VC-JWT. */
  @Column({ type: 'text' })
  jwt: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason: string | null;

  @Column({ name: 'revoked_by_id', type: 'uuid', nullable: true })
  revokedById: string | null;

  /** Set when a worker starts mailing; with `mailed_at` this makes the mail go out once. */
  @Column({ name: 'mail_claimed_at', type: 'timestamptz', nullable: true })
  mailClaimedAt: Date | null;

  @Column({ name: 'mailed_at', type: 'timestamptz', nullable: true })
  mailedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_credential_user' })
  user?: UserEntity | null;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'enrollment_id', foreignKeyConstraintName: 'FK_credential_enrollment' })
  enrollment?: EnrollmentEntity | null;

  @ManyToOne(() => IssuerKeyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_key_id', foreignKeyConstraintName: 'FK_credential_issuer_key' })
  issuerKey?: IssuerKeyEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'revoked_by_id', foreignKeyConstraintName: 'FK_credential_revoked_by' })
  revokedBy?: UserEntity | null;
}
