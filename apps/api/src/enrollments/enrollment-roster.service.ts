import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { loadCourseFor } from '../courses/course-access';
import type { AddLearnerDto, EnrollmentDto, RosterItemDto, RosterPageDto, RosterQueryDto } from './enrollment.dto';
import { loadEnrollableCourse, resolveChannel } from './enrollment-course';
import { enrollLearner } from './enrollment.records';
import { EnrollmentsException } from './enrollments.exception';

const PAGE_SIZE = 50;

/** The instructor's roster of a course (teach: owner, accepted co-instructor, administrator). */
@Injectable()
export class EnrollmentRosterService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Learners in enrolment order, filtered by status and name/email/account code; keyset pages of 50. */
  async list(ability: AppAbility, courseId: string, query: RosterQueryDto): Promise<RosterPageDto> {
    await loadCourseFor(this.db.manager, ability, 'teach', courseId);
    const cursor = decodeCursor(query.cursor);
    const q = query.q?.trim() ? `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows: (Omit<RosterItemDto, 'createdAt'> & { created_at: Date; created_key: string })[] = await this.db.query(
      `SELECT e.id AS "enrollmentId", e.user_id AS "userId", u.display_name AS "displayName", u.account_code AS "accountCode",
              u.target_group AS "targetGroup", u.district, e.status, e.channel, e.source, e.created_at, e.created_at::text AS created_key
       FROM enrollment e JOIN app_user u ON u.id = e.user_id
       WHERE e.course_id = $1
         AND ($2::text IS NULL OR e.status = $2)
         AND ($3::text IS NULL OR u.display_name ILIKE $3 OR u.email ILIKE $3 OR u.account_code ILIKE $3)
         AND ($4::timestamptz IS NULL OR (e.created_at, e.id) > ($4::timestamptz, $5::uuid))
       ORDER BY e.created_at, e.id
       LIMIT ${PAGE_SIZE + 1}`,
      [courseId, query.status ?? null, q, cursor?.at ?? null, cursor?.id ?? null],
    );
    const page = rows.slice(0, PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      items: page.map(({ created_at, created_key: _key, ...item }) => ({ ...item, createdAt: new Date(created_at).toISOString() })),
      nextCursor: rows.length > PAGE_SIZE && last ? Buffer.from(JSON.stringify([last.created_key, last.enrollmentId])).toString('base64url') : null,
    };
  }

  /**
   * One learner added by email or account code (source `bulk`, enrolled by the instructor).
   * Instructors may add outside the enrolment window; an archived course takes nobody new.
   */
  async add(ability: AppAbility, caller: AuthUser, courseId: string, dto: AddLearnerDto): Promise<{ created: boolean; enrollment: EnrollmentDto }> {
    await loadCourseFor(this.db.manager, ability, 'teach', courseId);
    const course = await loadEnrollableCourse(this.db.manager, courseId);
    if (course.status !== 'published') throw new EnrollmentsException('ENROLLMENT_CLOSED');
    const channel = resolveChannel(course.snapshot.format, dto.channel);
    const identifier = dto.identifier.trim();
    const [user]: { id: string }[] = await this.db.query(
      `SELECT id FROM app_user WHERE (email = $1 OR upper(account_code) = upper($1)) AND erased_at IS NULL AND disabled_at IS NULL LIMIT 1`,
      [identifier],
    );
    if (!user) throw new EnrollmentsException('ENROLLMENT_ACCOUNT_NOT_FOUND');
    return enrollLearner(this.db, { courseId, capacity: course.snapshot.capacity, userId: user.id, channel, source: 'bulk', enrolledById: caller.id });
  }
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (/^\d{4}-\d{2}-\d{2} [\d:.]+[+-]\d{2}(:\d{2})?$/.test(at) && /^[0-9a-f-]{36}$/.test(id)) return { at, id };
  } catch {
    // fall through: a damaged cursor starts from the beginning
  }
  return null;
}
