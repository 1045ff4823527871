import type { CourseFormat, EnrollmentChannel, PublishedCourseSnapshot } from '@baanrian/contracts';
import type { EntityManager } from 'typeorm';
import { ENROLLMENT_COLUMNS, type EnrollmentRow } from './enrollment.records';
import { EnrollmentsException } from './enrollments.exception';

/** The published snapshot's fields enrolment reads (never the draft; never the whole outline). */
export type EnrollmentTerms = Pick<PublishedCourseSnapshot, 'format' | 'capacity' | 'enrollmentOpensAt' | 'enrollmentClosesAt'>;

/** A course as enrolment sees it: its row's status and the PUBLISHED snapshot's terms. */
export interface EnrollableCourse {
  id: string;
  status: 'published' | 'archived';
  ownerId: string | null;
  snapshot: EnrollmentTerms;
}

/**
 * The published (or archived) course's terms; drafts are 404 like unknown ids. With `userId`, that
 * learner's enrolment comes in the same query (the enrol fast path needs both).
 */
export async function loadEnrollableCourse(manager: EntityManager, courseId: string): Promise<EnrollableCourse>;
export async function loadEnrollableCourse(manager: EntityManager, courseId: string, userId: string): Promise<EnrollableCourse & { enrollment: EnrollmentRow | null }>;
export async function loadEnrollableCourse(manager: EntityManager, courseId: string, userId?: string): Promise<EnrollableCourse & { enrollment?: EnrollmentRow | null }> {
  const [row]: (EnrollmentTerms & { id: string; status: string; owner_id: string | null; enrollment: EnrollmentRow | null })[] = await manager.query(
    `SELECT c.id, c.status, c.owner_id, v.snapshot->>'format' AS format, (v.snapshot->>'capacity')::int AS capacity,
            v.snapshot->>'enrollmentOpensAt' AS "enrollmentOpensAt", v.snapshot->>'enrollmentClosesAt' AS "enrollmentClosesAt",
            ${userId ? `(SELECT row_to_json(e) FROM (SELECT ${ENROLLMENT_COLUMNS} FROM enrollment WHERE course_id = c.id AND user_id = $2) e)` : 'NULL'} AS enrollment
     FROM course c JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
     WHERE c.id = $1 AND c.status IN ('published', 'archived')`,
    userId ? [courseId, userId] : [courseId],
  );
  if (!row) throw new EnrollmentsException('ENROLLMENT_COURSE_NOT_FOUND');
  const { id, status, owner_id: ownerId, enrollment, ...snapshot } = row;
  return { id, status: status as EnrollableCourse['status'], ownerId, snapshot, ...(userId ? { enrollment } : {}) };
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
