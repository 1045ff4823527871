import type { LocalizedText, PublishedCourseSnapshot, PublishedLesson } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { renderMarkdown } from '../courses/markdown.renderer';
import { decodeCursor, encodeCursor } from './catalog.cursor';
import type { CatalogCoursePageDto, CatalogCourseSummaryDto, CatalogLessonDto, CatalogListDto, CatalogSort, ListCatalogQueryDto } from './catalog.dto';
import { CatalogException } from './catalog.exception';
import { searchTerms } from './search-text';

/**
 * Each sort as an SQL key, its direction and the type its cursor value is cast back to. The
 * course id breaks ties in the same direction, so `(key, id) < / > (cursor)` is one row
 * comparison. Keys come back as text (`::text`), so timestamps keep their microseconds.
 */
const SORTS: Record<CatalogSort, { key: string; desc: boolean; cast: string }> = {
  newest: { key: 'e.published_at', desc: true, cast: 'timestamptz' },
  starting: { key: `coalesce(e.starts_at, 'infinity'::timestamptz)`, desc: false, cast: 'timestamptz' },
  title: { key: `lower(coalesce(e.title->>e.language, e.title->>'th', ''))`, desc: false, cast: 'text' },
  // `$q` is replaced by the parameter holding the normalised query.
  relevance: { key: 'word_similarity($q, e.search_text)', desc: true, cast: 'real' },
};

const SUMMARY_COLUMNS = `e.course_id, e.slug, e.version, e.title, e.summary, e.language, e.target_groups, e.format,
  e.category_slug, e.tags, e.cover_media_id, e.starts_at, e.ends_at, e.enrollment_closes_at, e.fiscal_year,
  e.learning_hours, e.published_at, e.updated_at`;

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

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Where a cover image is served (media storage, `GET /media/{id}`). */
export const coverImagePath = (mediaId: string | null): string | null => (mediaId ? `/api/v1/media/${mediaId}` : null);

/** The public catalog, read from the `catalog_entry` projection only: filters, search and keyset pages in SQL. */
@Injectable()
export class CatalogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: ListCatalogQueryDto): Promise<CatalogListDto> {
    const limit = query.limit ?? 20;
    const terms = query.q ? searchTerms(query.q) : null;
    const searching = terms !== null && terms.normalized !== '';
    const sortName: CatalogSort = query.sort === 'relevance' && !searching ? 'newest' : (query.sort ?? (searching ? 'relevance' : 'newest'));
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const sort = { ...SORTS[sortName] };
    if (sortName === 'relevance') sort.key = sort.key.replace('$q', `${param(terms?.normalized)}::text`);
    const where: string[] = [];
    // `@>` rather than `= ANY(...)`: only containment uses the GIN index on target_groups.
    if (query.targetGroup) where.push(`e.target_groups @> ARRAY[${param(query.targetGroup)}]::text[]`);
    if (query.format) where.push(`e.format = ${param(query.format)}`);
    if (query.category) where.push(`e.category_slug = ${param(query.category)}`);
    if (query.language) where.push(`e.language = ${param(query.language)}`);
    if (query.fiscalYear) where.push(`e.fiscal_year = ${param(query.fiscalYear)}`);
    if (query.upcoming === true) where.push('e.starts_at >= now()');
    if (searching) {
      // Substrings use the trigram index (Thai included: pg_trgm on a C.UTF-8 database).
      for (const term of terms.substrings) where.push(`e.search_text LIKE ${param(`%${escapeLike(term)}%`)}`);
      // Too short for trigrams: a word start, i.e. the text's start or after a space (Thai words
      // are spaced in the segmented half of search_text).
      for (const term of terms.prefixes) {
        const t = escapeLike(term);
        where.push(`(e.search_text LIKE ${param(`${t}%`)} OR e.search_text LIKE ${param(`% ${t}%`)})`);
      }
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, sortName, searching ? terms.normalized : '');
      where.push(`(${sort.key}, e.course_id) ${sort.desc ? '<' : '>'} (${param(cursor.key)}::${sort.cast}, ${param(cursor.id)}::uuid)`);
    }
    const direction = sort.desc ? 'DESC' : 'ASC';
    const rows: (CatalogRow & { sort_key: string })[] = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, (${sort.key})::text AS sort_key
         FROM catalog_entry e
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${sort.key} ${direction}, e.course_id ${direction}
        LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ sort: sortName, q: searching ? terms.normalized : '', key: last.sort_key, id: last.course_id })
        : null;
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
