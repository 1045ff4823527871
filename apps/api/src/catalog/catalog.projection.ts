import { thaiFiscalYear, type PublishedCourseSnapshot } from '@baanrian/contracts';
import { CatalogEntryEntity } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { buildSearchText } from './search-text';

/**
 * Writes the public catalog row for a course's newly published version, in the publisher's
 * transaction, so the catalog never shows a version that did not commit. Catalog reads then
 * need this one table and no joins.
 */
export async function projectToCatalog(manager: EntityManager, snapshot: PublishedCourseSnapshot, firstPublishedAt: Date): Promise<void> {
  await manager.getRepository(CatalogEntryEntity).upsert(
    {
      courseId: snapshot.courseId,
      slug: snapshot.slug,
      version: snapshot.version,
      title: snapshot.title,
      summary: snapshot.summary,
      language: snapshot.language,
      targetGroups: snapshot.targetGroups,
      format: snapshot.format,
      categorySlug: snapshot.categorySlug,
      tags: snapshot.tags,
      coverMediaId: snapshot.coverMediaId,
      startsAt: snapshot.startsAt ? new Date(snapshot.startsAt) : null,
      endsAt: snapshot.endsAt ? new Date(snapshot.endsAt) : null,
      enrollmentClosesAt: snapshot.enrollmentClosesAt ? new Date(snapshot.enrollmentClosesAt) : null,
      // Undated (self-paced) courses count in the year they were first published.
      fiscalYear: thaiFiscalYear(snapshot.startsAt ?? firstPublishedAt),
      learningHours: snapshot.learningHours,
      searchText: buildSearchText(snapshot),
      publishedAt: firstPublishedAt,
      updatedAt: new Date(snapshot.publishedAt),
    },
    ['courseId'],
  );
}

/** Archiving: the course leaves the catalog; its versions and learners' history stay. */
export async function removeFromCatalog(manager: EntityManager, courseId: string): Promise<void> {
  await manager.getRepository(CatalogEntryEntity).delete({ courseId });
}
