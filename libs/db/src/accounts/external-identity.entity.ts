import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * An account at an OpenID provider (e.g. ThaiD) linked to a Baanrian user: the provider's issuer
 * and its stable subject identifier. The pair is unique, so one provider account signs in to
 * exactly one user; (user, issuer) is unique too, so an account cannot collect several subjects
 * of one provider through email linking. That second constraint also serves lookups by user.
 */
@Entity('external_identity')
@Unique('UQ_external_identity_issuer_subject', ['issuer', 'subject'])
@Unique('UQ_external_identity_user_issuer', ['userId', 'issuer'])
export class ExternalIdentityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_external_identity' })
  id: string;

  /** The provider's `iss`, exactly as in its ID tokens. */
  @Column({ type: 'text' })
  issuer: string;

  /** The provider's `sub`: pseudonymous, stable for one person at that provider. */
  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_external_identity_user' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', default: () => 'now()' })
  lastUsedAt: Date;
}
