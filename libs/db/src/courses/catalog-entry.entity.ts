import type { CourseFormat, Locale, LocalizedText, TargetGroup } from '@baanrian/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseEntity } from './course.entity';

/**
 * The public catalog: one row per published (not archived) course, projected from its latest
 * `course_version` at publish time, so catalog reads never touch drafts or join lessons.
 * Archiving deletes the row; the course and its versions stay.
 */
@Entity('catalog_entry')
// GIN indexes (target-group containment, trigram search) are created by the migration by hand.
@Index('catalog_entry_target_groups_idx', { synchronize: false })
@Index('catalog_entry_search_trgm_idx', { synchronize: false })
@Index('catalog_entry_newest_idx', ['publishedAt', 'courseId'])
@Index('catalog_entry_starts_idx', ['startsAt', 'courseId'])
export class CatalogEntryEntity {
  @PrimaryColumn({ name: 'course_id', type: 'uuid', primaryKeyConstraintName: 'PK_catalog_entry' })
  courseId: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'jsonb' })
  summary: LocalizedText;

  @Column({ type: 'text' })
  language: Locale;

  @Column({ name: 'target_groups', type: 'text', array: true })
  targetGroups: TargetGroup[];

  @Column({ type: 'text' })
  format: CourseFormat;

  @Column({ name: 'category_slug', type: 'text', nullable: true })
  categorySlug: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ name: 'cover_media_id', type: 'uuid', nullable: true })
  coverMediaId: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ name: 'enrollment_closes_at', type: 'timestamptz', nullable: true })
  enrollmentClosesAt: Date | null;

  /** Thai fiscal year (Buddhist Era) of the start date, or of the first publish when undated. */
  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear: number;

  @Column({ name: 'learning_hours', type: 'numeric', precision: 6, scale: 1, nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  learningHours: number | null;

  /**
   * Lower-cased, NFC, diacritic-free text of titles, summaries and tags, with Thai and Vietnamese
   * words separated by spaces (Intl.Segmenter at publish time). Searched through a trigram index.
   */
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  /** First publish. */
  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'FK_catalog_entry_course' })
  course?: CourseEntity;
}
