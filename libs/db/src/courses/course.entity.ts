import type { CourseFormat, CourseStatus, LocalizedText, TargetGroup } from '@baanrian/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('course')
@Index('course_target_groups_idx', ['targetGroups'])
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable, human-readable identifier used in shared links. */
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'jsonb' })
  summary: LocalizedText;

  /** The language the course is taught in. */
  @Column({ type: 'text', default: 'th' })
  language: string;

  @Column({ name: 'target_groups', type: 'text', array: true })
  targetGroups: TargetGroup[];

  @Column({ type: 'text' })
  format: CourseFormat;

  @Column({ type: 'text', default: 'draft' })
  status: CourseStatus;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
