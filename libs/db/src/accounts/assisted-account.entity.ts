import { CreateDateColumn, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * An account created for someone by an instructor or administrator (assisted sign-up), and by
 * whom: the instructor who created it may print it a new card; other instructors may not.
 */
@Entity('assisted_account')
export class AssistedAccountEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_assisted_account' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_assisted_account_user' })
  user?: UserEntity;

  /** Null once the creator's own account is gone; administrators can still print cards. */
  @Index('assisted_account_created_by_idx', { where: 'created_by_id IS NOT NULL' })
  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_assisted_account_created_by' })
  createdBy?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
