import type { AttendanceMethod } from '@baanrian/contracts';
import { writeOutboxEvent } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { markEnrollmentStarted } from '../enrollments/enrollment.records';
import type { CompletionService } from '../progress/completion.service';
import { AttendanceException } from './attendance.exception';
import type { SessionInfo } from './session.lookup';

/** The learner's enrolment holding a seat in the session's course, or 403 ATTENDANCE_NOT_ENROLLED. */
export async function requireSeat(manager: EntityManager, courseId: string, userId: string): Promise<string> {
  const [row]: { id: string }[] = await manager.query(
    `SELECT id FROM enrollment WHERE course_id = $1 AND user_id = $2 AND status IN ('active', 'completed')`,
    [courseId, userId],
  );
  if (!row) throw new AttendanceException('ATTENDANCE_NOT_ENROLLED');
  return row.id;
}

export interface PresentResult {
  attendanceId: string;
  recordedAt: Date;
  /** The learner was already marked present: nothing changed. */
  already: boolean;
}

/**
 * Marks one learner present (QR scan, join, walk-in) on the unique (lesson, user) key: a second
 * scan changes nothing and says so; an earlier "absent" becomes "present". Each change writes
 * `attendance.recorded`, starts the enrolment (first time only) and re-evaluates completion in the
 * caller's transaction.
 */
export async function markPresent(
  manager: EntityManager,
  completion: CompletionService,
  input: { session: SessionInfo; enrollmentId: string; userId: string; method: AttendanceMethod; markedById: string | null; now: Date; requestId: string | null },
): Promise<PresentResult> {
  const [changed]: { id: string; recorded_at: Date }[] = await manager.query(
    `INSERT INTO session_attendance (lesson_id, course_id, enrollment_id, user_id, status, method, marked_by_id, recorded_at)
     VALUES ($1, $2, $3, $4, 'present', $5, $6, $7)
     ON CONFLICT ON CONSTRAINT "UQ_session_attendance_lesson_user" DO UPDATE
       SET status = 'present', method = EXCLUDED.method, marked_by_id = EXCLUDED.marked_by_id, recorded_at = EXCLUDED.recorded_at, updated_at = now()
       WHERE session_attendance.status <> 'present'
     RETURNING id, recorded_at`,
    [input.session.lessonId, input.session.courseId, input.enrollmentId, input.userId, input.method, input.markedById, input.now],
  );
  if (!changed) {
    const [existing]: { id: string; recorded_at: Date }[] = await manager.query(
      `SELECT id, recorded_at FROM session_attendance WHERE lesson_id = $1 AND user_id = $2`,
      [input.session.lessonId, input.userId],
    );
    return { attendanceId: existing.id, recordedAt: existing.recorded_at, already: true };
  }
  await writeOutboxEvent(manager, 'attendance.recorded', { attendanceId: changed.id, lessonId: input.session.lessonId, userId: input.userId }, input.requestId);
  await markEnrollmentStarted(manager, input.enrollmentId, input.requestId);
  await completion.evaluate(manager, input.enrollmentId, input.requestId);
  return { attendanceId: changed.id, recordedAt: changed.recorded_at, already: false };
}
