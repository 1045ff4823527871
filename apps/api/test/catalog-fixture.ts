import type { PublishedCourseSnapshot, PublishedModule } from '@baanrian/contracts';
import { CourseEntity, CourseVersionEntity } from '@baanrian/db';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { projectToCatalog } from '../src/catalog/catalog.projection';

export type TestCourse = Partial<Omit<PublishedCourseSnapshot, 'courseId' | 'version' | 'publishedAt' | 'publishedById'>> & {
  slug: string;
  /** First publish (catalog `publishedAt`); defaults to now. */
  firstPublishedAt?: Date;
};

let counter = 0;

/**
 * A published course as the studio's publish will write it (until that lands here): the draft
 * row, version 1 in course_version, and the catalog projection, in one transaction.
 */
export async function publishTestCourse(db: DataSource | EntityManager, course: TestCourse): Promise<PublishedCourseSnapshot> {
  const manager: EntityManager = 'createQueryRunner' in db ? db.manager : db;
  const firstPublishedAt = course.firstPublishedAt ?? new Date(Date.now() - counter++ * 1000);
  const title = course.title ?? { th: `หลักสูตร ${course.slug}` };
  const draft = await manager.getRepository(CourseEntity).save({
    slug: course.slug,
    title,
    summary: course.summary ?? { th: '' },
    description: course.description ?? { th: '' },
    language: course.language ?? 'th',
    targetGroups: course.targetGroups ?? ['general_public'],
    format: course.format ?? 'self_paced',
    tags: course.tags ?? [],
    startsAt: course.startsAt ? new Date(course.startsAt) : null,
    endsAt: course.endsAt ? new Date(course.endsAt) : null,
    status: 'published' as const,
    publishedVersion: 1,
    publishedAt: firstPublishedAt,
    ownerId: course.ownerId ?? null,
  });
  const snapshot: PublishedCourseSnapshot = {
    courseId: draft.id,
    version: 1,
    slug: course.slug,
    title,
    summary: course.summary ?? { th: '' },
    description: course.description ?? { th: '' },
    language: course.language ?? 'th',
    targetGroups: course.targetGroups ?? ['general_public'],
    format: course.format ?? 'self_paced',
    categorySlug: course.categorySlug ?? null,
    tags: course.tags ?? [],
    coverMediaId: course.coverMediaId ?? null,
    capacity: course.capacity ?? null,
    enrollmentOpensAt: course.enrollmentOpensAt ?? null,
    enrollmentClosesAt: course.enrollmentClosesAt ?? null,
    startsAt: course.startsAt ?? null,
    endsAt: course.endsAt ?? null,
    learningHours: course.learningHours ?? null,
    sequential: course.sequential ?? false,
    ownerId: course.ownerId ?? randomUUID(),
    instructorIds: course.instructorIds ?? [],
    modules: course.modules ?? [textModule('บทนำ')],
    publishedAt: firstPublishedAt.toISOString(),
    publishedById: randomUUID(),
  };
  await manager.getRepository(CourseVersionEntity).insert({ courseId: draft.id, version: 1, snapshot, publishedAt: firstPublishedAt });
  await projectToCatalog(manager, snapshot, firstPublishedAt);
  return snapshot;
}

export function textModule(title: string): PublishedModule {
  return {
    id: randomUUID(),
    title,
    position: 0,
    lessons: [{ id: randomUUID(), type: 'text', title: `${title}: อ่าน`, required: true, position: 0, durationMinutes: 10, content: { body: 'เนื้อหาสำหรับผู้เรียนที่ลงทะเบียนเท่านั้น' } }],
  };
}
