import { NOTIFICATION_TYPES, type NotificationType } from '@baanrian/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { sqlList } from '../sql-list';

/**
 * An entry in a person's notification list. `data` holds ids and the titles at the time, never
 * rendered text: the portal words it in the reader's language. `dedupeKey` (e.g.
 * `session.reminder-day:<lesson>:<user>`) is unique, so a retried or duplicated job adds nothing.
 */
@Entity('notification')
@Unique('UQ_notification_dedupe_key', ['dedupeKey'])
@Index('notification_user_created_idx', ['userId', 'createdAt'])
@Check('notification_type_check', `type IN (${sqlList(NOTIFICATION_TYPES)})`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notification' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  type: NotificationType;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_user' })
  user?: UserEntity;
}
