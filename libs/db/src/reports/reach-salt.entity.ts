import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The salt of one Bangkok day's visitor hashes; deleted once the day is over. */
@Entity('reach_salt')
export class ReachSaltEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_reach_salt' })
  day: string;

  @Column({ type: 'bytea' })
  salt: Buffer;
}
