import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Each running worker upserts its row every few seconds; readiness needs one seen recently. */
@Entity('worker_heartbeat')
export class WorkerHeartbeatEntity {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;
}
