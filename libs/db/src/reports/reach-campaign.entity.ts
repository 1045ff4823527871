import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { CourseEntity } from '../courses/course.entity';

/** Reach an administrator recorded from a social-media campaign (Facebook insights, LINE OA …). */
@Entity('reach_campaign')
@Index('reach_campaign_starts_on_idx', ['startsOn'])
export class ReachCampaignEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_reach_campaign' })
  id: string;

  /** facebook, line, youtube, tiktok, website, radio, print, other. */
  @Column({ type: 'text' })
  channel: string;

  /** Reports count a campaign in the period holding its first day. */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ name: 'course_id', type: 'uuid', nullable: true })
  courseId: string | null;

  /** A programme name when the campaign was not for one course. */
  @Column({ type: 'text', nullable: true })
  programme: string | null;

  @Column({ type: 'int', nullable: true })
  impressions: number | null;

  @Column({ type: 'int' })
  reach: number;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => CourseEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_reach_campaign_course' })
  course?: CourseEntity | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_reach_campaign_created_by' })
  createdBy?: UserEntity | null;
}
