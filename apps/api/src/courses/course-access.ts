import { CourseEntity, CourseInstructorEntity } from '@baanrian/db';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { asCourse } from '../authz/ability.factory';
import type { AppAbility, AppAction } from '../authz/authz.types';
import { ensureCan } from '../authz/policy';
import { CoursesException } from './courses.exception';

export interface LoadedCourse {
  course: CourseEntity;
  /** Accepted co-instructors only: invitations grant nothing. */
  coTeacherIds: string[];
}

/**
 * Loads a course and checks the caller may do `action` on it: the object-level rule (owner,
 * accepted co-instructor, administrator) lives in ability.factory.ts and is applied here, in one
 * place, for every studio endpoint. `lock` takes the row lock writers serialise on.
 */
export async function loadCourseFor(
  manager: EntityManager,
  ability: AppAbility,
  action: AppAction,
  courseId: string,
  options: { lock?: boolean } = {},
): Promise<LoadedCourse> {
  const course = await manager.findOne(CourseEntity, { where: { id: courseId }, ...(options.lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  if (!course) throw new CoursesException('COURSE_NOT_FOUND');
  const coTeacherIds = await acceptedCoTeacherIds(manager, courseId);
  ensureCan(ability, action, asCourse({ id: course.id, status: course.status, ownerId: course.ownerId, coTeacherIds }));
  return { course, coTeacherIds };
}

export async function acceptedCoTeacherIds(manager: EntityManager, courseId: string): Promise<string[]> {
  const rows = await manager.find(CourseInstructorEntity, { where: { courseId, acceptedAt: Not(IsNull()) }, order: { acceptedAt: 'ASC' } });
  return rows.map((row) => row.userId);
}
