import type { CourseFormat, EnrollmentChannel, PublishedCourseSnapshot } from '@baanrian/contracts';
import type { EntityManager } from 'typeorm';
import { EnrollmentsException } from './enrollments.exception';

/** A course as enrolment sees it: its row's status and the PUBLISHED snapshot, never the draft. */
export interface EnrollableCourse {
  id: string;
  status: 'published' | 'archived';
  ownerId: string | null;
  snapshot: PublishedCourseSnapshot;
}

/** The published (or archived) course with its published snapshot; drafts are 404 like unknown ids. */
export async function loadEnrollableCourse(manager: EntityManager, courseId: string): Promise<EnrollableCourse> {
  const [row]: { id: string; status: string; owner_id: string | null; snapshot: PublishedCourseSnapshot }[] = await manager.query(
    `SELECT c.id, c.status, c.owner_id, v.snapshot
     FROM course c JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
     WHERE c.id = $1 AND c.status IN ('published', 'archived')`,
    [courseId],
  );
  if (!row) throw new EnrollmentsException('ENROLLMENT_COURSE_NOT_FOUND');
  return { id: row.id, status: row.status as EnrollableCourse['status'], ownerId: row.owner_id, snapshot: row.snapshot };
}

/** Open for new enrolments: published (not archived) and inside enrollmentOpensAt..enrollmentClosesAt. */
export function enrollmentOpen(course: EnrollableCourse, now = new Date()): boolean {
  if (course.status !== 'published') return false;
  const { enrollmentOpensAt: opens, enrollmentClosesAt: closes } = course.snapshot;
  if (opens && now < new Date(opens)) return false;
  if (closes && now > new Date(closes)) return false;
  return true;
}

/** The channels a format offers: workshops are onsite, blended lets the learner choose, the rest are online. */
export function allowedChannels(format: CourseFormat): EnrollmentChannel[] {
  if (format === 'onsite_workshop') return ['onsite'];
  if (format === 'blended') return ['online', 'onsite'];
  return ['online'];
}

/** The channel to record: the requested one if the format offers it (else 422), or the format's default. */
export function resolveChannel(format: CourseFormat, requested: string | undefined | null): EnrollmentChannel {
  const allowed = allowedChannels(format);
  if (!requested) return allowed[0];
  if (!allowed.includes(requested as EnrollmentChannel)) throw new EnrollmentsException('ENROLLMENT_CHANNEL_INVALID');
  return requested as EnrollmentChannel;
}
