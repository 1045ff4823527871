import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One `system.ping` round trip: requested by the API, completed by the worker. */
@Entity('system_ping')
// Readiness asks for the newest completed ping on every probe.
@Index('system_ping_completed_at_idx', ['completedAt'], { where: 'completed_at IS NOT NULL' })
export class SystemPingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Which worker completed it, for operators following a round trip. */
  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy: string | null;
}
