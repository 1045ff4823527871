import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';

/**
 * One mail handed to the SMTP server. `key` names what the mail is about (e.g.
 * `password-reset:<token id>`) and is unique: the worker inserts the row in a transaction, sends,
 * and commits, so a retried or duplicated job finds the row (or waits on the uncommitted one) and
 * sends nothing. No address or content is kept: only what is needed to say "already sent".
 */
@Entity('mail_delivery')
export class MailDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_mail_delivery' })
  id: string;

  @Column({ type: 'text' })
  @Index('UQ_mail_delivery_key', { unique: true })
  key: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_mail_delivery_user' })
  user?: UserEntity | null;

  /** The outbox event that asked for the mail, for following it through the logs. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId: string | null;

  /** The Message-ID the SMTP server accepted. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  @Index('mail_delivery_sent_at_idx')
  sentAt: Date;
}
