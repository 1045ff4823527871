import type { PublishedCourseSnapshot } from '@baanrian/contracts';
import { CourseEntity, CourseVersionEntity } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { projectToCatalog } from './catalog.projection';

/**
 * Publishes seeded courses the way the studio's publish does (version 1 in `course_version`,
 * the catalog row), so the demo catalog reads like a real one. For the demo seed only: a course
 * without lessons could not be published from the studio.
 */
export async function publishDemoCourses(manager: EntityManager, courses: CourseEntity[]): Promise<void> {
  for (const course of courses) {
    const publishedAt = course.publishedAt ?? new Date();
    const snapshot: PublishedCourseSnapshot = {
      courseId: course.id,
      version: 1,
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      description: course.description ?? { th: '' },
      language: course.language,
      targetGroups: course.targetGroups,
      format: course.format,
      categorySlug: null,
      tags: course.tags ?? [],
      coverMediaId: null,
      capacity: course.capacity ?? null,
      enrollmentOpensAt: null,
      enrollmentClosesAt: null,
      startsAt: course.startsAt?.toISOString() ?? null,
      endsAt: course.endsAt?.toISOString() ?? null,
      learningHours: course.learningHours ?? null,
      sequential: false,
      ownerId: course.ownerId ?? '',
      instructorIds: [],
      modules: [],
      publishedAt: publishedAt.toISOString(),
      publishedById: '',
    };
    await manager.insert(CourseVersionEntity, { courseId: course.id, version: 1, snapshot, publishedAt });
    await manager.update(CourseEntity, course.id, { publishedVersion: 1 });
    await projectToCatalog(manager, snapshot, publishedAt);
  }
}
