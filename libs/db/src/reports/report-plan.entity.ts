import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';

/** A target for one measure in one fiscal year, for one target group or for all ('all'). */
@Entity('report_plan')
export class ReportPlanEntity {
  @PrimaryColumn({ name: 'fiscal_year', type: 'smallint', primaryKeyConstraintName: 'PK_report_plan' })
  fiscalYear: number;

  /** A target group, or 'all' for the programme as a whole. */
  @PrimaryColumn({ name: 'target_group', type: 'text', primaryKeyConstraintName: 'PK_report_plan' })
  targetGroup: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_report_plan' })
  measure: string;

  @Column({ type: 'numeric', precision: 14, scale: 1, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  target: number;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'FK_report_plan_updated_by' })
  updatedBy?: UserEntity | null;
}
