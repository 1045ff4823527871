import type { Locale, PublishedCourseSnapshot } from '@baanrian/contracts';
import type { CourseEntity } from '@baanrian/db';
import type { PublishBlocker } from './courses.exception';
import type { LiveOutline } from './studio-course.mapper';

/** What learners will see: the draft's fields and its live modules and lessons, ids unchanged. */
export function buildSnapshot(
  course: CourseEntity,
  outline: LiveOutline,
  meta: { version: number; publishedAt: Date; publishedById: string; categorySlug: string | null; instructorIds: string[] },
): PublishedCourseSnapshot {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    courseId: course.id,
    version: meta.version,
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    description: course.description,
    language: course.language,
    targetGroups: course.targetGroups,
    format: course.format,
    categorySlug: meta.categorySlug,
    tags: course.tags,
    coverMediaId: course.coverMediaId,
    capacity: course.capacity,
    enrollmentOpensAt: iso(course.enrollmentOpensAt),
    enrollmentClosesAt: iso(course.enrollmentClosesAt),
    startsAt: iso(course.startsAt),
    endsAt: iso(course.endsAt),
    learningHours: course.learningHours,
    sequential: course.sequential,
    completionAttendancePercent: course.completionAttendancePercent,
    // Rows from before ownership have no owner; the publisher answers for them.
    ownerId: course.ownerId ?? meta.publishedById,
    instructorIds: meta.instructorIds,
    modules: outline.modules.map((module, moduleIndex) => ({
      id: module.id,
      title: module.title,
      position: moduleIndex + 1,
      lessons: outline.lessons
        .filter((lesson) => lesson.moduleId === module.id)
        .map((lesson, lessonIndex) => ({
          id: lesson.id,
          type: lesson.type,
          title: lesson.title,
          required: lesson.required,
          position: lessonIndex + 1,
          durationMinutes: lesson.durationMinutes,
          content: lesson.content,
        })),
    })),
    publishedAt: meta.publishedAt.toISOString(),
    publishedById: meta.publishedById,
  };
}

/** Every reason the draft cannot be published yet, so the instructor sees them all at once. */
export function publishBlockers(course: CourseEntity, outline: LiveOutline): PublishBlocker[] {
  const blockers: PublishBlocker[] = [];
  const inLanguage = (text: object) => ((text as Partial<Record<Locale, string>>)[course.language] ?? '').trim() !== '';
  if (outline.lessons.length === 0) blockers.push('COURSE_HAS_NO_LESSONS');
  if (!inLanguage(course.title)) blockers.push('PUBLISH_TITLE_MISSING');
  if (!inLanguage(course.summary)) blockers.push('PUBLISH_SUMMARY_MISSING');
  if (outline.lessons.length > 0 && outline.modules.some((m) => !outline.lessons.some((l) => l.moduleId === m.id))) blockers.push('PUBLISH_EMPTY_MODULE');
  if (outline.lessons.some((l) => l.startsAt && l.endsAt && l.endsAt <= l.startsAt)) blockers.push('PUBLISH_SESSION_ENDS_BEFORE_START');
  return blockers;
}
