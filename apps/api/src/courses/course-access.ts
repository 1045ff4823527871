import { CourseEntity, CourseInstructorEntity } from '@baanrian/db';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { asCourse } from '../authz/ability.factory';
import type { AppAbility, AppAction } from '../authz/authz.types';
import { ensureCan, missingObject } from '../authz/policy';
import type { DomainException } from '../problem/domain.exception';
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
  if (!course) throw missingInStudio(ability, action, new CoursesException('COURSE_NOT_FOUND'));
  const coTeacherIds = await acceptedCoTeacherIds(manager, courseId);
  ensureCan(ability, action, asCourse({ id: course.id, status: course.status, ownerId: course.ownerId, coTeacherIds }));
  return { course, coTeacherIds };
}

export async function acceptedCoTeacherIds(manager: EntityManager, courseId: string): Promise<string[]> {
  const rows = await manager.find(CourseInstructorEntity, { where: { courseId, acceptedAt: Not(IsNull()) }, order: { acceptedAt: 'ASC' } });
  return rows.map((row) => row.userId);
}

/** A course that belongs to nobody: only rights over every course (administrators) reach it. */
const NOBODYS_COURSE = asCourse({ id: '', status: 'draft', ownerId: null, coTeacherIds: [] });

/**
 * A studio id (course, module, lesson, question, quiz, category, import, session) that names
 * nothing: administrators get `notFound`; anyone else the 403 of another instructor's course, so
 * an instructor cannot tell a colleague's object from one that does not exist.
 */
export function missingInStudio(ability: AppAbility, action: AppAction, notFound: DomainException): DomainException {
  return missingObject(ability, action, NOBODYS_COURSE, notFound);
}

/**
 * An object of a known course that is gone (soft-deleted) or not of the right kind: those who
 * teach the course learn it (`notFound`), anyone else gets the 403 of the course.
 */
export async function missingInCourse(
  manager: EntityManager,
  ability: AppAbility,
  action: AppAction,
  courseId: string | null | undefined,
  notFound: DomainException,
): Promise<DomainException> {
  if (courseId) await loadCourseFor(manager, ability, action, courseId);
  return courseId ? notFound : missingInStudio(ability, action, notFound);
}
