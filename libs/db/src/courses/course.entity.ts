import { COURSE_FORMATS, COURSE_STATUSES, type CourseFormat, type CourseStatus, type Locale, type LocalizedText, type TargetGroup } from '@baanrian/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { CourseCategoryEntity } from './course-category.entity';
import { sqlList } from '../sql-list';

/**
 * A course as its instructors edit it: the working draft. Learners never read these columns;
 * they read the last published version (`course_version`, projected into `catalog_entry`).
 */
@Entity('course')
@Index('course_owner_idx', ['ownerId'])
@Check('course_format_check', `format IN (${sqlList(COURSE_FORMATS)})`)
@Check('course_completion_attendance_check', 'completion_attendance_percent BETWEEN 1 AND 100')
@Check('course_status_check', `status IN (${sqlList(COURSE_STATUSES)})`)
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable, human-readable identifier used in shared links; never changes once published. */
  @Column({ type: 'text', unique: true })
  slug: string;

  /** Null only for rows that predate ownership (the demo seed gives every course an owner). */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'jsonb' })
  summary: LocalizedText;

  /** Markdown per language, sanitised on the way in and again on the way out. */
  @Column({ type: 'jsonb', default: () => `'{"th": ""}'` })
  description: LocalizedText;

  /** The language the course is taught in. */
  @Column({ type: 'text', default: 'th' })
  language: Locale;

  @Column({ name: 'target_groups', type: 'text', array: true })
  targetGroups: TargetGroup[];

  @Column({ type: 'text' })
  format: CourseFormat;

  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ name: 'cover_media_id', type: 'uuid', nullable: true })
  coverMediaId: string | null;

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ name: 'enrollment_opens_at', type: 'timestamptz', nullable: true })
  enrollmentOpensAt: Date | null;

  @Column({ name: 'enrollment_closes_at', type: 'timestamptz', nullable: true })
  enrollmentClosesAt: Date | null;

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ name: 'learning_hours', type: 'numeric', precision: 6, scale: 1, nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  learningHours: number | null;

  /** Lessons unlock in order (enforced by enrollment and progress, issue 7). */
  @Column({ type: 'boolean', default: false })
  sequential: boolean;

  /**
   * Completion rule: with a number, sessions count together (attended at least this share of
   * them); null, each required session must be attended like any other required lesson.
   */
  @Column({ name: 'completion_attendance_percent', type: 'smallint', nullable: true })
  completionAttendancePercent: number | null;

  @Column({ type: 'text', default: 'draft' })
  status: CourseStatus;

  /** The version learners see; null until the first publish. */
  @Column({ name: 'published_version', type: 'int', nullable: true })
  publishedVersion: number | null;

  /** First publish: the catalog's "new" order and reports use it. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  /** Bumped on every save; the studio sends it back so two editors cannot overwrite each other. */
  @VersionColumn({ name: 'draft_revision', default: 1 })
  draftRevision: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'FK_course_owner' })
  owner?: UserEntity;

  @ManyToOne(() => CourseCategoryEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'FK_course_category' })
  category?: CourseCategoryEntity;
}
