import { type LocalizedText, type PublishedCourseSnapshot, type PublishedLesson, thaiFiscalYear } from '@baanrian/contracts';
import type { CoursePageDto, CoursePageLessonDto } from './course-page.dto';
import { renderMarkdown } from './markdown.renderer';

/**
 * The public course page of a snapshot: a pure function, shared by the catalog (a published
 * version) and the studio preview (the draft as it would be published).
 *
 * @param instructorNames display names by user id; people missing from it (erased accounts) are left out
 * @param firstPublishedAt the course's first publish, for the fiscal year of undated courses
 *   (defaults to this snapshot's publish time)
 */
export function buildCoursePage(
  snapshot: PublishedCourseSnapshot,
  instructorNames: Readonly<Record<string, string>>,
  options: { firstPublishedAt?: Date | string | null; preview?: boolean } = {},
): CoursePageDto {
  const names = [snapshot.ownerId, ...snapshot.instructorIds.filter((id) => id !== snapshot.ownerId)]
    .map((id) => instructorNames[id])
    .filter((name): name is string => Boolean(name));
  return {
    courseId: snapshot.courseId,
    slug: snapshot.slug,
    version: snapshot.version,
    preview: options.preview ?? false,
    title: snapshot.title,
    summary: snapshot.summary,
    descriptionHtml: renderAll(snapshot.description),
    language: snapshot.language,
    targetGroups: snapshot.targetGroups,
    format: snapshot.format,
    categorySlug: snapshot.categorySlug,
    tags: snapshot.tags,
    coverMediaId: snapshot.coverMediaId,
    capacity: snapshot.capacity,
    enrollmentOpensAt: snapshot.enrollmentOpensAt,
    enrollmentClosesAt: snapshot.enrollmentClosesAt,
    startsAt: snapshot.startsAt,
    endsAt: snapshot.endsAt,
    learningHours: snapshot.learningHours,
    sequential: snapshot.sequential,
    fiscalYear: thaiFiscalYear(snapshot.startsAt ?? options.firstPublishedAt ?? snapshot.publishedAt),
    instructors: names,
    publishedAt: snapshot.publishedAt,
    modules: snapshot.modules.map((module) => ({ id: module.id, title: module.title, lessons: module.lessons.map((l) => toPageLesson(l, options.preview ?? false)) })),
  };
}

function renderAll(text: LocalizedText): LocalizedText {
  return Object.fromEntries(Object.entries(text).map(([locale, markdown]) => [locale, renderMarkdown(markdown ?? '')])) as LocalizedText;
}

// Picks fields one by one, never spreading content: anything new in a lesson's content stays
// private until someone decides it belongs on the public page.
export function toPageLesson(lesson: PublishedLesson, preview: boolean): CoursePageLessonDto {
  const page: CoursePageLessonDto = {
    id: lesson.id,
    type: lesson.type,
    title: lesson.title,
    required: lesson.required,
    durationMinutes: lesson.durationMinutes,
    startsAt: null,
    endsAt: null,
    venue: null,
    address: null,
    mapUrl: null,
    // The instructor checks how a text lesson reads; learners get bodies in the lesson player.
    bodyHtml: preview && lesson.type === 'text' ? renderMarkdown((lesson.content as { body: string }).body) : null,
  };
  const content = lesson.content as Partial<Record<'startsAt' | 'endsAt' | 'venue' | 'address' | 'mapUrl', string | null>>;
  if (lesson.type === 'live_session' || lesson.type === 'onsite_session') {
    page.startsAt = content.startsAt ?? null;
    page.endsAt = content.endsAt ?? null;
  }
  if (lesson.type === 'onsite_session') {
    page.venue = content.venue ?? null;
    page.address = content.address ?? null;
    page.mapUrl = content.mapUrl ?? null;
  }
  return page;
}
