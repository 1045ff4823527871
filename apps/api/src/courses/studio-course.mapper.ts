import { CourseEntity, CourseModuleEntity, LessonEntity } from '@baanrian/db';
import { IsNull, type EntityManager } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import type { LoadedCourse } from './course-access';
import type { StudioCourseDto, StudioCourseSummaryDto } from './studio-course.dto';
import type { StudioLessonDto, StudioModuleDto } from './studio-outline.dto';

export interface LiveOutline {
  modules: CourseModuleEntity[];
  lessons: LessonEntity[];
}

/** The draft's live (not deleted) modules and lessons, in order. */
export async function loadLiveOutline(manager: EntityManager, courseId: string): Promise<LiveOutline> {
  // One after the other: inside a transaction both would queue on the same connection anyway.
  const modules = await manager.find(CourseModuleEntity, { where: { courseId, deletedAt: IsNull() }, order: { position: 'ASC', createdAt: 'ASC' } });
  const lessons = await manager.find(LessonEntity, { where: { courseId, deletedAt: IsNull() }, order: { position: 'ASC', createdAt: 'ASC' } });
  const live = new Set(modules.map((m) => m.id));
  return { modules, lessons: lessons.filter((l) => live.has(l.moduleId)) };
}

export function myRole(course: CourseEntity, coTeacherIds: string[], user: AuthUser): StudioCourseSummaryDto['myRole'] {
  if (course.ownerId === user.id) return 'owner';
  return coTeacherIds.includes(user.id) ? 'co_instructor' : 'admin';
}

export function toStudioSummary(course: CourseEntity, role: StudioCourseSummaryDto['myRole']): StudioCourseSummaryDto {
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    language: course.language,
    format: course.format,
    status: course.status,
    publishedVersion: course.publishedVersion,
    myRole: role,
    updatedAt: course.updatedAt.toISOString(),
  };
}

export function toStudioLesson(lesson: LessonEntity): StudioLessonDto {
  return {
    id: lesson.id,
    moduleId: lesson.moduleId,
    type: lesson.type,
    title: lesson.title,
    required: lesson.required,
    position: lesson.position,
    durationMinutes: lesson.durationMinutes,
    content: lesson.content,
  };
}

export function toStudioModules(outline: LiveOutline): StudioModuleDto[] {
  return outline.modules.map((module) => ({
    id: module.id,
    title: module.title,
    position: module.position,
    lessons: outline.lessons.filter((l) => l.moduleId === module.id).map(toStudioLesson),
  }));
}

/**
 * The draft differs from the last publish when anything in it (course fields, modules, lessons,
 * deletions included: they touch `updated_at`) changed after that publish.
 */
export async function hasUnpublishedChanges(manager: EntityManager, course: CourseEntity): Promise<boolean> {
  if (course.publishedVersion === null) return true;
  const [row] = await manager.query(
    `SELECT greatest(
        (SELECT updated_at FROM course WHERE id = $1),
        (SELECT max(updated_at) FROM course_module WHERE course_id = $1),
        (SELECT max(updated_at) FROM lesson WHERE course_id = $1)
      ) > (SELECT published_at FROM course_version WHERE course_id = $1 AND version = $2) AS changed`,
    [course.id, course.publishedVersion],
  );
  return Boolean(row?.changed);
}

export async function toStudioCourse(manager: EntityManager, loaded: LoadedCourse, user: AuthUser): Promise<StudioCourseDto> {
  const { course } = loaded;
  const outline = await loadLiveOutline(manager, course.id);
  const changed = await hasUnpublishedChanges(manager, course);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    ...toStudioSummary(course, myRole(course, loaded.coTeacherIds, user)),
    ownerId: course.ownerId,
    summary: course.summary,
    description: course.description,
    targetGroups: course.targetGroups,
    categoryId: course.categoryId,
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
    publishedAt: iso(course.publishedAt),
    archivedAt: iso(course.archivedAt),
    draftRevision: course.draftRevision,
    hasUnpublishedChanges: changed,
    modules: toStudioModules(outline),
  };
}
