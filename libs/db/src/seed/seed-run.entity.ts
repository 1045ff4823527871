import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Marks a seed as applied. Written in the same transaction as the seed's rows, so an interrupted
 * seed leaves neither rows nor marker and the next start redoes it.
 */
@Entity('seed_run')
export class SeedRunEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}
