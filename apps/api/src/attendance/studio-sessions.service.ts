import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { AttendanceMethod, AttendanceStatus, EnrollmentSource, LocalizedText, PublishedCourseSnapshot, TargetGroup } from '@baanrian/contracts';
import { writeOutboxEvent } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qrSvg } from '../accounts/sign-in-card.codes';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { loadCourseFor, missingInCourse } from '../courses/course-access';
import { markEnrollmentStarted } from '../enrollments/enrollment.records';
import { currentRequestId } from '../observability/request-context';
import { CompletionService } from '../progress/completion.service';
import { AttendanceException } from './attendance.exception';
import type { CheckInCodeDto, MarkAttendanceDto, RosterDto, SessionSummaryDto } from './attendance.dto';
import { CHECK_IN_WINDOW_SECONDS, CheckInCodes } from './check-in-codes';
import { checkInOpensAt, courseOfLesson, findSession, type SessionInfo, toSession } from './session.lookup';

interface RosterRow {
  user_id: string;
  enrollment_id: string;
  display_name: string;
  account_code: string;
  target_group: TargetGroup | null;
  source: EnrollmentSource;
  status: AttendanceStatus | null;
  method: AttendanceMethod | null;
  recorded_at: Date | null;
}

/** The instructor's side of sessions: the list with counts, the roster, marking it, and the check-in QR code. */
@Injectable()
export class StudioSessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly codes: CheckInCodes,
    private readonly completion: CompletionService,
  ) {}

  /** The published version's sessions, in course order; a course never published has none. */
  async list(ability: AppAbility, courseId: string): Promise<SessionSummaryDto[]> {
    const manager = this.db.manager;
    const { course } = await loadCourseFor(manager, ability, 'teach', courseId);
    const [published]: { snapshot: PublishedCourseSnapshot }[] = await manager.query(
      `SELECT snapshot FROM course_version WHERE course_id = $1 AND version = $2`,
      [courseId, course.publishedVersion],
    );
    if (!published) return [];
    const [{ enrolled }]: { enrolled: number }[] = await manager.query(
      `SELECT count(*)::int AS enrolled FROM enrollment WHERE course_id = $1 AND status IN ('active', 'completed')`,
      [courseId],
    );
    const counts: { lesson_id: string; present: number; absent: number; walk_ins: number }[] = await manager.query(
      `SELECT lesson_id, count(*) FILTER (WHERE status = 'present')::int AS present, count(*) FILTER (WHERE status = 'absent')::int AS absent,
              count(*) FILTER (WHERE method = 'walk_in' AND status = 'present')::int AS walk_ins
       FROM session_attendance WHERE course_id = $1 GROUP BY lesson_id`,
      [courseId],
    );
    const snapshot = published.snapshot;
    return snapshot.modules
      .flatMap((m) => m.lessons)
      .filter((lesson) => lesson.type === 'live_session' || lesson.type === 'onsite_session')
      .map((lesson) => {
        const session = toSession(courseId, course.status, snapshot.slug, snapshot.title as LocalizedText, lesson);
        const count = counts.find((c) => c.lesson_id === lesson.id);
        return {
          lessonId: session.lessonId,
          title: session.title,
          type: session.type,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
          venue: session.venue,
          enrolled,
          present: count?.present ?? 0,
          absent: count?.absent ?? 0,
          walkIns: count?.walk_ins ?? 0,
        };
      });
  }

  async roster(ability: AppAbility, lessonId: string): Promise<RosterDto> {
    const session = await this.teachable(this.db.manager, ability, lessonId);
    return this.rosterOf(this.db.manager, session);
  }

  /**
   * One set-based upsert on the unique (lesson, user) key. Only rows whose status changes are
   * written (and get an `attendance.recorded` event); a learner marked present is started (first
   * time only) and evaluated for completion. Marks for people without a seat in the course refuse
   * the whole request.
   */
  async mark(ability: AppAbility, actor: AuthUser, lessonId: string, dto: MarkAttendanceDto, now: Date): Promise<RosterDto> {
    const requestId = currentRequestId();
    return this.db.transaction(async (manager) => {
      const session = await this.teachable(manager, ability, lessonId);
      const marks = new Map(dto.marks.map((mark) => [mark.userId, mark.status]));
      const userIds = [...marks.keys()];
      const seated: { user_id: string }[] = await manager.query(
        `SELECT user_id FROM enrollment WHERE course_id = $1 AND user_id = ANY($2::uuid[]) AND status IN ('active', 'completed')`,
        [session.courseId, userIds],
      );
      const missing = userIds.filter((id) => !seated.some((row) => row.user_id === id));
      if (missing.length > 0) throw new AttendanceException('ATTENDANCE_LEARNER_NOT_ENROLLED', { userIds: missing });

      const changed: { id: string; user_id: string; enrollment_id: string; status: AttendanceStatus }[] = await manager.query(
        `INSERT INTO session_attendance (lesson_id, course_id, enrollment_id, user_id, status, method, marked_by_id, recorded_at)
         SELECT $1, $2, e.id, e.user_id, m.status, 'roster', $3, $4
         FROM unnest($5::uuid[], $6::text[]) AS m(user_id, status)
         JOIN enrollment e ON e.course_id = $2 AND e.user_id = m.user_id
         ON CONFLICT ON CONSTRAINT "UQ_session_attendance_lesson_user" DO UPDATE
           SET status = EXCLUDED.status, method = 'roster', marked_by_id = EXCLUDED.marked_by_id, updated_at = now()
           WHERE session_attendance.status <> EXCLUDED.status
         RETURNING id, user_id, enrollment_id, status`,
        [session.lessonId, session.courseId, actor.id, now, userIds, userIds.map((id) => marks.get(id))],
      );
      for (const row of changed) {
        await writeOutboxEvent(manager, 'attendance.recorded', { attendanceId: row.id, lessonId: session.lessonId, userId: row.user_id }, requestId);
        if (row.status === 'present') {
          await markEnrollmentStarted(manager, row.enrollment_id, requestId);
          await this.completion.evaluate(manager, row.enrollment_id, requestId);
        }
      }
      return this.rosterOf(manager, session);
    });
  }

  async checkInCode(ability: AppAbility, lessonId: string, now: Date): Promise<CheckInCodeDto> {
    const session = await this.teachable(this.db.manager, ability, lessonId);
    const code = this.codes.codeAt(session.lessonId, now);
    const url = `${this.config.http.publicUrl}/check-in/${session.lessonId}?c=${code}`;
    const { rotatesAt, expiresAt } = this.codes.rotation(now);
    return {
      url,
      code,
      svg: await qrSvg(url),
      rotatesAt: rotatesAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      rotatesEverySeconds: CHECK_IN_WINDOW_SECONDS,
      opensAt: checkInOpensAt(session).toISOString(),
      closesAt: session.endsAt.toISOString(),
    };
  }

  /**
   * The session, after checking the caller teaches its course. An id that is no session is 404
   * only for those who teach the lesson's course (and administrators); anyone else gets the 403
   * of another instructor's course, so ids reveal nothing.
   */
  async teachable(manager: EntityManager, ability: AppAbility, lessonId: string): Promise<SessionInfo> {
    const session = await findSession(manager, lessonId);
    if (!session) throw await missingInCourse(manager, ability, 'teach', await courseOfLesson(manager, lessonId), new AttendanceException('SESSION_NOT_FOUND'));
    await loadCourseFor(manager, ability, 'teach', session.courseId);
    return session;
  }

  /** Everyone holding a seat, and anyone with a record for this session (e.g. withdrawn since). */
  private async rosterOf(manager: EntityManager, session: SessionInfo): Promise<RosterDto> {
    const rows: RosterRow[] = await manager.query(
      `SELECT e.user_id, e.id AS enrollment_id, u.display_name, u.account_code, u.target_group, e.source, a.status, a.method, a.recorded_at
       FROM enrollment e
       JOIN app_user u ON u.id = e.user_id
       LEFT JOIN session_attendance a ON a.lesson_id = $2 AND a.user_id = e.user_id
       WHERE e.course_id = $1 AND (e.status IN ('active', 'completed') OR a.id IS NOT NULL)
       ORDER BY u.display_name, u.id`,
      [session.courseId, session.lessonId],
    );
    return {
      session: {
        lessonId: session.lessonId,
        courseId: session.courseId,
        title: session.title,
        type: session.type,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        venue: session.venue,
      },
      items: rows.map((row) => ({
        userId: row.user_id,
        enrollmentId: row.enrollment_id,
        displayName: row.display_name,
        accountCode: row.account_code,
        targetGroup: row.target_group,
        source: row.source,
        status: row.status,
        method: row.method,
        recordedAt: row.recorded_at?.toISOString() ?? null,
      })),
    };
  }
}
