import type { LocalizedText, PublishedCourseSnapshot, PublishedLesson } from '@baanrian/contracts';
import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { renderMarkdown } from '../courses/markdown.renderer';
import { CatalogCache, catalogCacheKey } from './catalog.cache';
import { encodeCursor } from './catalog.cursor';
import type { CatalogCoursePageDto, CatalogCourseSummaryDto, CatalogLessonDto, CatalogListDto, ListCatalogQueryDto } from './catalog.dto';
import { CatalogException } from './catalog.exception';
import { buildCatalogQuery, SUMMARY_COLUMNS } from './catalog.query';

interface CatalogRow {
  course_id: string;
  slug: string;
  version: number;
  title: LocalizedText;
  summary: LocalizedText;
  language: CatalogCourseSummaryDto['language'];
  target_groups: CatalogCourseSummaryDto['targetGroups'];
  format: CatalogCourseSummaryDto['format'];
  category_slug: string | null;
  tags: string[];
  cover_media_id: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  enrollment_closes_at: Date | null;
  fiscal_year: number;
  learning_hours: string | null;
  published_at: Date;
  updated_at: Date;
}

/** Where a cover image is served (media storage, `GET /media/{id}`). */
export const coverImagePath = (mediaId: string | null): string | null => (mediaId ? `/api/v1/media/${mediaId}` : null);

/** The public catalog, read from the `catalog_entry` projection only: filters, search and keyset pages in SQL. */
@Injectable()
export class CatalogService {
  private readonly listings: CatalogCache<CatalogListDto>;

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.listings = new CatalogCache(config.catalog.cacheSeconds * 1000);
  }

  list(query: ListCatalogQueryDto): Promise<CatalogListDto> {
    return this.listings.get(catalogCacheKey(query), () => this.query(query));
  }

  private async query(query: ListCatalogQueryDto): Promise<CatalogListDto> {
    const built = buildCatalogQuery(query);
    const run = async (manager: EntityManager) => {
      // Measured at 3,000 courses: a Thai substring through the trigram index takes ~1 ms, a
      // sequential scan ~8 ms (LIKE on long UTF-8 text costs more than the planner assumes),
      // yet the planner prefers the scan on a table this small. Searches therefore plan
      // without sequential scans; other listings keep the planner's choice.
      if (built.searching) await manager.query('SET LOCAL enable_seqscan = off');
      return (await manager.query(built.sql, built.params)) as (CatalogRow & { sort_key: string })[];
    };
    const rows = built.searching ? await this.db.transaction(run) : await run(this.db.manager);
    const page = rows.slice(0, built.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > built.limit && last ? encodeCursor({ sort: built.sort, q: built.normalized, key: last.sort_key, id: last.course_id }) : null;
    return { items: page.map(toSummary), nextCursor };
  }

  /** The course page: the version the catalog points at. Drafts, archived and unknown slugs are 404. */
  async coursePage(slug: string): Promise<CatalogCoursePageDto> {
    const [row]: (CatalogRow & { snapshot: PublishedCourseSnapshot; category_name: LocalizedText | null })[] = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, v.snapshot, c.name AS category_name
         FROM catalog_entry e
         JOIN course_version v ON v.course_id = e.course_id AND v.version = e.version
         LEFT JOIN course_category c ON c.slug = e.category_slug
        WHERE e.slug = $1`,
      [slug],
    );
    if (!row) throw new CatalogException('COURSE_NOT_FOUND');
    const snapshot = row.snapshot;
    const instructorIds = [...new Set([snapshot.ownerId, ...snapshot.instructorIds].filter(Boolean))];
    const people: { id: string; display_name: string }[] = instructorIds.length
      ? await this.db.query(`SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])`, [instructorIds])
      : [];
    const names = new Map(people.map((p) => [p.id, p.display_name]));

    return {
      ...toSummary(row),
      version: row.version,
      description: snapshot.description,
      descriptionHtml: mapText(snapshot.description, renderMarkdown),
      category: row.category_slug && row.category_name ? { slug: row.category_slug, name: row.category_name as CatalogCoursePageDto['title'] } : null,
      capacity: snapshot.capacity,
      enrollmentOpensAt: snapshot.enrollmentOpensAt,
      sequential: snapshot.sequential,
      instructors: instructorIds.flatMap((id) => (names.has(id) ? [{ displayName: names.get(id) as string }] : [])),
      modules: [...snapshot.modules]
        .sort((a, b) => a.position - b.position)
        .map((module) => ({
          id: module.id,
          title: module.title,
          lessons: [...module.lessons].sort((a, b) => a.position - b.position).map(toLesson),
        })),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}

function mapText(text: LocalizedText, render: (value: string) => string): CatalogCoursePageDto['title'] {
  return Object.fromEntries(Object.entries(text).map(([lang, value]) => [lang, typeof value === 'string' ? render(value) : value])) as unknown as CatalogCoursePageDto['title'];
}

const httpUrl = (url: string | null | undefined): string | null => (url && /^https?:\/\//i.test(url) ? url : null);

function toLesson(lesson: PublishedLesson): CatalogLessonDto {
  let session: CatalogLessonDto['session'] = null;
  if (lesson.type === 'onsite_session') {
    const c = lesson.content as { venue: string; address: string; mapUrl: string | null; startsAt: string; endsAt: string; capacity: number | null };
    session = { kind: 'onsite_session', startsAt: c.startsAt, endsAt: c.endsAt, venue: c.venue, address: c.address, mapUrl: httpUrl(c.mapUrl), capacity: c.capacity };
  } else if (lesson.type === 'live_session') {
    // The meeting URL is for enrolled learners only.
    const c = lesson.content as { startsAt: string; endsAt: string };
    session = { kind: 'live_session', startsAt: c.startsAt, endsAt: c.endsAt, venue: null, address: null, mapUrl: null, capacity: null };
  }
  return { id: lesson.id, type: lesson.type, title: lesson.title, required: lesson.required, durationMinutes: lesson.durationMinutes, session };
}

function toSummary(row: CatalogRow): CatalogCourseSummaryDto {
  return {
    id: row.course_id,
    slug: row.slug,
    title: row.title as CatalogCourseSummaryDto['title'],
    summary: row.summary as CatalogCourseSummaryDto['summary'],
    language: row.language,
    targetGroups: row.target_groups,
    format: row.format,
    categorySlug: row.category_slug,
    tags: row.tags,
    coverImageUrl: coverImagePath(row.cover_media_id),
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at?.toISOString() ?? null,
    enrollmentClosesAt: row.enrollment_closes_at?.toISOString() ?? null,
    fiscalYear: row.fiscal_year,
    learningHours: row.learning_hours === null ? null : Number(row.learning_hours),
    publishedAt: row.published_at.toISOString(),
  };
}
