import { writeOutboxEvent } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { updateReturning } from '../accounts/user-accounts';
import { promoteWaiting } from '../enrollments/enrollment-seats';

/**
 * Folds a walk-in enrolment into the claimer's own enrolment in the same course, so the person is
 * counted once: attendance per session keeps the better record (present wins), progress keeps the
 * furthest, the seat row counts one seat, and the walk-in enrolment row goes. Caller's transaction;
 * both enrolment rows are locked by the caller. Answers the attendance records that became the
 * claimer's (moved, or turned present), for their `attendance.recorded` events.
 */
export async function mergeEnrollment(
  manager: EntityManager,
  ids: { from: string; into: string; userId: string },
  requestId: string | null,
): Promise<{ id: string; lesson_id: string }[]> {
  const { from, into, userId } = ids;
  const [pair]: { from_status: string; into_status: string; course_id: string; from_activated_at: Date | null }[] = await manager.query(
    `SELECT f.status AS from_status, i.status AS into_status, i.course_id, f.activated_at AS from_activated_at
     FROM enrollment f, enrollment i WHERE f.id = $1 AND i.id = $2`,
    [from, into],
  );

  // Attendance: where both have a record for a session, "present" wins; then the walk-in's
  // duplicate goes and the rest move over.
  const upgraded = await updateReturning<{ id: string; lesson_id: string }>(
    manager,
    `UPDATE session_attendance mine
     SET status = 'present', method = theirs.method, marked_by_id = theirs.marked_by_id, recorded_at = theirs.recorded_at, updated_at = now()
     FROM session_attendance theirs
     WHERE theirs.enrollment_id = $1 AND mine.user_id = $2 AND mine.lesson_id = theirs.lesson_id
       AND theirs.status = 'present' AND mine.status <> 'present'
     RETURNING mine.id, mine.lesson_id`,
    [from, userId],
  );
  await manager.query(
    `DELETE FROM session_attendance theirs USING session_attendance mine
     WHERE theirs.enrollment_id = $1 AND mine.user_id = $2 AND mine.lesson_id = theirs.lesson_id`,
    [from, userId],
  );
  const moved = await updateReturning<{ id: string; lesson_id: string }>(
    manager,
    `UPDATE session_attendance SET user_id = $2, enrollment_id = $3, updated_at = now() WHERE enrollment_id = $1 RETURNING id, lesson_id`,
    [from, userId, into],
  );

  // Started (reports' attendees): the earlier of the two starts, and the event if the claimer had none.
  const [started] = await updateReturning<{ first: boolean }>(
    manager,
    `UPDATE enrollment i SET started_at = f.started_at FROM enrollment f, (SELECT started_at IS NULL AS first FROM enrollment WHERE id = $2) prior
     WHERE i.id = $2 AND f.id = $1 AND f.started_at IS NOT NULL AND (i.started_at IS NULL OR f.started_at < i.started_at)
     RETURNING prior.first`,
    [from, into],
  );
  if (started?.first) await writeOutboxEvent(manager, 'enrollment.started', { enrollmentId: into, courseId: pair.course_id, userId }, requestId);

  // Progress: the furthest of the two (percent only rises; completed stays completed).
  await manager.query(
    `INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, position_seconds, completed_at)
     SELECT $2, lesson_id, status, percent, position_seconds, completed_at FROM lesson_progress WHERE enrollment_id = $1
     ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET
       percent = GREATEST(lesson_progress.percent, EXCLUDED.percent),
       status = CASE WHEN 'completed' IN (lesson_progress.status, EXCLUDED.status) THEN 'completed' ELSE lesson_progress.status END,
       completed_at = LEAST(lesson_progress.completed_at, EXCLUDED.completed_at),
       position_seconds = COALESCE(lesson_progress.position_seconds, EXCLUDED.position_seconds),
       updated_at = now()`,
    [from, into],
  );
  await manager.query(`DELETE FROM lesson_progress WHERE enrollment_id = $1`, [from]);

  // Seats: one person holds at most one. A claimer who was waiting or had withdrawn takes over the
  // walk-in's seat (a waiting one leaves the waitlist); one already seated gives the extra seat back.
  const fromSeated = ['active', 'completed'].includes(pair.from_status);
  const intoSeated = ['active', 'completed'].includes(pair.into_status);
  if (fromSeated && !intoSeated) {
    await manager.query(
      `UPDATE enrollment SET status = 'active', channel = 'onsite', activated_at = $2, withdrawn_at = NULL, updated_at = now() WHERE id = $1`,
      [into, pair.from_activated_at],
    );
    if (pair.into_status === 'waitlisted') await manager.query(`UPDATE course_seat SET waitlisted = waitlisted - 1 WHERE course_id = $1`, [pair.course_id]);
  } else if (fromSeated && intoSeated) {
    await manager.query(`UPDATE course_seat SET taken = taken - 1 WHERE course_id = $1`, [pair.course_id]);
    // The seat given back goes to the first learner waiting, as after a withdrawal.
    await promoteWaiting(manager, pair.course_id, requestId);
  } else if (pair.from_status === 'waitlisted') {
    await manager.query(`UPDATE course_seat SET waitlisted = waitlisted - 1 WHERE course_id = $1`, [pair.course_id]);
  }
  await manager.query(`DELETE FROM enrollment WHERE id = $1`, [from]);
  return [...upgraded, ...moved];
}
