import { writeOutboxEvent } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { asCourse } from '../authz/ability.factory';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { ensureCan } from '../authz/policy';
import { currentRequestId } from '../observability/request-context';
import type { EnrollDto, EnrollmentDto, EnrollmentSummaryDto, MyEnrollmentStateDto } from './enrollment.dto';
import { allowedChannels, enrollmentOpen, loadEnrollableCourse, resolveChannel } from './enrollment-course';
import { resolveLearner } from './enrollment-learner';
import { enrollLearner, type EnrollmentRow, findEnrollment, toEnrollmentDto } from './enrollment.records';
import { lockSeatRow, promoteWaiting, updateReturning } from './enrollment-seats';
import { EnrollmentsException } from './enrollments.exception';

/** A learner (or their guardian) enrolling, withdrawing, and looking at their enrolments. */
@Injectable()
export class EnrollmentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async enroll(ability: AppAbility, caller: AuthUser, courseId: string, dto: EnrollDto): Promise<{ created: boolean; enrollment: EnrollmentDto }> {
    const learner = await resolveLearner(this.db.manager, caller, dto.forUserId);
    const course = await loadEnrollableCourse(this.db.manager, courseId, learner.userId);
    // Already enrolled (a double click, a reload): the same answer, even once the window closed.
    if (course.enrollment && course.enrollment.status !== 'withdrawn') return { created: false, enrollment: await toEnrollmentDto(this.db.manager, course.enrollment) };
    if (!enrollmentOpen(course)) throw new EnrollmentsException('ENROLLMENT_CLOSED');
    ensureCan(ability, 'enroll', asCourse({ id: course.id, status: course.status, ownerId: course.ownerId, coTeacherIds: [] }));
    const channel = resolveChannel(course.snapshot.format, dto.channel);
    return enrollLearner(this.db, { courseId, capacity: course.snapshot.capacity, channel, ...learner, existing: course.enrollment });
  }

  /**
   * Gives the seat back and, in the same transaction, promotes the first waiting learner
   * (`enrollment.promoted`). Withdrawing twice answers the withdrawn enrolment again.
   */
  async withdraw(caller: AuthUser, courseId: string, forUserId?: string): Promise<EnrollmentDto> {
    const course = await loadEnrollableCourse(this.db.manager, courseId);
    const learner = await resolveLearner(this.db.manager, caller, forUserId);
    return this.db.transaction(async (manager) => {
      await lockSeatRow(manager, courseId, course.snapshot.capacity);
      const row = await findEnrollment(manager, courseId, learner.userId, { lock: true });
      if (!row) throw new EnrollmentsException('ENROLLMENT_NOT_FOUND');
      if (row.status === 'completed') throw new EnrollmentsException('ENROLLMENT_ALREADY_COMPLETED');
      if (row.status === 'withdrawn') return toEnrollmentDto(manager, row);
      const [withdrawn] = await updateReturning<EnrollmentRow>(
        manager,
        `UPDATE enrollment SET status = 'withdrawn', withdrawn_at = now(), updated_at = now() WHERE id = $1
         RETURNING id, course_id, user_id, status, channel, source, waitlisted_at, created_at, activated_at, completed_at`,
        [row.id],
      );
      const column = row.status === 'active' ? 'taken' : 'waitlisted';
      await manager.query(`UPDATE course_seat SET ${column} = ${column} - 1 WHERE course_id = $1`, [courseId]);
      await writeOutboxEvent(manager, 'enrollment.withdrawn', { enrollmentId: row.id, courseId, userId: learner.userId }, currentRequestId());
      if (row.status === 'active') await promoteWaiting(manager, courseId, currentRequestId());
      return toEnrollmentDto(manager, withdrawn);
    });
  }

  /** What the course page's button needs: my (or my child's) enrolment, the seats, the window. */
  async state(caller: AuthUser, courseId: string, forUserId?: string): Promise<MyEnrollmentStateDto> {
    const manager = this.db.manager;
    const course = await loadEnrollableCourse(manager, courseId);
    const learner = await resolveLearner(manager, caller, forUserId);
    const row = await findEnrollment(manager, courseId, learner.userId);
    const [seat]: { capacity: number | null; taken: number; waitlisted: number }[] = await manager.query(
      `SELECT capacity, taken, waitlisted FROM course_seat WHERE course_id = $1`,
      [courseId],
    );
    return {
      enrollment: row ? await toEnrollmentDto(manager, row) : null,
      seats: seat ?? { capacity: course.snapshot.capacity, taken: 0, waitlisted: 0 },
      open: enrollmentOpen(course),
      opensAt: course.snapshot.enrollmentOpensAt,
      closesAt: course.snapshot.enrollmentClosesAt,
      channels: allowedChannels(course.snapshot.format),
    };
  }

  /** My enrolments (not withdrawn), newest first; with `includeChildren`, my children's too. */
  async mine(caller: AuthUser, includeChildren = false): Promise<EnrollmentSummaryDto[]> {
    const rows: {
      id: string; course_id: string; user_id: string; display_name: string; snapshot: Record<string, never>; status: EnrollmentSummaryDto['status'];
      channel: EnrollmentSummaryDto['channel']; created_at: Date; completed_at: Date | null;
    }[] = await this.db.query(
      `SELECT e.id, e.course_id, e.user_id, u.display_name, e.status, e.channel, e.created_at, e.completed_at,
              jsonb_build_object('slug', v.snapshot->'slug', 'title', v.snapshot->'title', 'format', v.snapshot->'format',
                                 'startsAt', v.snapshot->'startsAt', 'endsAt', v.snapshot->'endsAt') AS snapshot
       FROM enrollment e
       JOIN app_user u ON u.id = e.user_id
       JOIN course c ON c.id = e.course_id
       JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
       WHERE e.status <> 'withdrawn' AND (e.user_id = $1 OR ($2::boolean AND u.guardian_id = $1 AND u.erased_at IS NULL))
       ORDER BY e.created_at DESC, e.id
       LIMIT 500`,
      [caller.id, includeChildren && !caller.isChild],
    );
    return rows.map((r) => ({
      enrollmentId: r.id,
      courseId: r.course_id,
      userId: r.user_id,
      learnerName: r.display_name,
      slug: r.snapshot.slug,
      title: r.snapshot.title,
      format: r.snapshot.format,
      status: r.status,
      channel: r.channel,
      startsAt: r.snapshot.startsAt ?? null,
      endsAt: r.snapshot.endsAt ?? null,
      createdAt: new Date(r.created_at).toISOString(),
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    }));
  }
}
