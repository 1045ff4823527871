import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A password-reset link's token, stored as a SHA-256 hash. Single use is enforced by the database:
 * a reset claims the row with a conditional UPDATE (`used_at IS NULL AND revoked_at IS NULL AND
 * expires_at > now()`), so of two concurrent uses exactly one succeeds. Issuing a new token
 * revokes the user's older live ones, and the partial unique index keeps at most one live token
 * per user even if two requests race.
 */
@Entity('password_reset_token')
@Index('password_reset_token_one_live_idx', ['userId'], { unique: true, where: 'used_at IS NULL AND revoked_at IS NULL' })
export class PasswordResetTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_password_reset_token' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_password_reset_token_user' })
  user?: UserEntity;

  /** Hex SHA-256 of the token; the token itself exists only in the mail (and sealed in its outbox event). */
  @Column({ name: 'token_hash', type: 'text' })
  @Index('UQ_password_reset_token_hash', { unique: true })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** Set when a newer token replaced this one, or when the password was reset with another. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
