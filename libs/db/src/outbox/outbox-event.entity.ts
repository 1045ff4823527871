import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change it describes. The worker's relay
 * moves unpublished rows to BullMQ, using `id` as the jobId so that a repeated relay adds nothing.
 */
@Entity('outbox_event')
@Index('outbox_event_unpublished_idx', ['availableAt', 'createdAt'], { where: 'published_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A job name from `@baanrian/jobs`. */
  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the relay may next try this row; pushed back after a failed attempt. */
  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
