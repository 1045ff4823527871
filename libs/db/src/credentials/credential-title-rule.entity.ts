import type { LocalizedText } from '@baanrian/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** A yearly title ("learning citizen"): learners who completed enough courses/hours in a fiscal year. */
@Entity('credential_title_rule')
export class CredentialTitleRuleEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_credential_title_rule' })
  id: string;

  /** Thai fiscal year in the Buddhist Era: FY 2570 runs 1 Oct 2026 – 30 Sep 2027. */
  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear: number;

  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ name: 'min_completed_courses', type: 'int', default: 0 })
  minCompletedCourses: number;

  @Column({ name: 'min_hours', type: 'numeric', precision: 8, scale: 2, default: 0, transformer: numeric })
  minHours: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_credential_title_rule_created_by' })
  createdBy?: UserEntity | null;
}
