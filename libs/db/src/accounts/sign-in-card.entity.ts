import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A printed sign-in card: its one-time code, stored only as a keyed hash (HMAC with the
 * instance's secret), valid until it expires, is used (the holder chose a PIN or password) or
 * is replaced by a new card. The partial unique index keeps at most one live card per account.
 */
@Entity('sign_in_card')
@Index('sign_in_card_live_uq', ['userId'], { unique: true, where: 'used_at IS NULL AND revoked_at IS NULL' })
export class SignInCardEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_sign_in_card' })
  id: string;

  @Index('sign_in_card_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sign_in_card_user' })
  user?: UserEntity;

  /** Hex HMAC-SHA256 of the one-time code; the code itself is only ever printed. */
  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  /** Who printed it (instructor or administrator); null once their account is gone. */
  @Column({ name: 'issued_by_id', type: 'uuid', nullable: true })
  issuedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'issued_by_id', foreignKeyConstraintName: 'FK_sign_in_card_issued_by' })
  issuedBy?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Set when the holder chose their PIN or password: the card stops working. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** Set when a new card replaced this one (lost card, forgotten PIN). */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
