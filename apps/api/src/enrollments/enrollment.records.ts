import type { EnrollmentChannel, EnrollmentSource, EnrollmentStatus } from '@baanrian/contracts';
import { writeOutboxEvent } from '@baanrian/db';
import type { DataSource, EntityManager } from 'typeorm';
import { currentRequestId } from '../observability/request-context';
import type { EnrollmentDto } from './enrollment.dto';
import { ensureSeatRow } from './enrollment-seats';

/** An enrolment row as the SQL below selects it. */
export interface EnrollmentRow {
  id: string;
  course_id: string;
  user_id: string;
  status: EnrollmentStatus;
  channel: EnrollmentChannel;
  source: EnrollmentSource;
  waitlisted_at: Date | null;
  created_at: Date;
  activated_at: Date | null;
  completed_at: Date | null;
}

export const ENROLLMENT_COLUMNS = 'id, course_id, user_id, status, channel, source, waitlisted_at, created_at, activated_at, completed_at';
const COLUMNS = ENROLLMENT_COLUMNS;

export async function findEnrollment(manager: EntityManager, courseId: string, userId: string, options: { lock?: boolean } = {}): Promise<EnrollmentRow | null> {
  const [row]: EnrollmentRow[] = await manager.query(
    `SELECT ${COLUMNS} FROM enrollment WHERE course_id = $1 AND user_id = $2${options.lock ? ' FOR UPDATE' : ''}`,
    [courseId, userId],
  );
  return row ?? null;
}

/** The DTO, with the learner's place in the queue when waiting (1 = next to get a seat). */
export async function toEnrollmentDto(manager: EntityManager, row: EnrollmentRow): Promise<EnrollmentDto> {
  let waitlistPosition: number | null = null;
  if (row.status === 'waitlisted' && row.waitlisted_at) {
    const [{ n }]: { n: string }[] = await manager.query(
      // Compared in SQL: waitlisted_at has microseconds, a JavaScript Date only milliseconds.
      `SELECT count(*) AS n FROM enrollment w JOIN enrollment me ON me.id = $1
       WHERE w.course_id = me.course_id AND w.status = 'waitlisted' AND (w.waitlisted_at, w.id) <= (me.waitlisted_at, me.id)`,
      [row.id],
    );
    waitlistPosition = Number(n);
  }
  return {
    id: row.id,
    courseId: row.course_id,
    userId: row.user_id,
    status: row.status,
    channel: row.channel,
    source: row.source,
    waitlistPosition,
    createdAt: new Date(row.created_at).toISOString(),
    activatedAt: row.activated_at ? new Date(row.activated_at).toISOString() : null,
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  };
}

export interface EnrollParams {
  courseId: string;
  capacity: number | null;
  userId: string;
  channel: EnrollmentChannel;
  source: EnrollmentSource;
  enrolledById: string | null;
  /** The learner's row if the caller already read it (undefined: not read yet). */
  existing?: EnrollmentRow | null;
}

/** Thrown inside the transaction to roll back the seat when a concurrent request enrolled first. */
class AlreadyEnrolled extends Error {}

/**
 * One statement, so the seat row lock is held for one round trip and the commit: take a seat with
 * the contract's conditional UPDATE (`taken < capacity`), else count one more on the waitlist;
 * insert the enrolment (or reuse a withdrawn row) and its `enrollment.created` outbox event.
 * `waited` only runs when `took` matched nothing, so the seat row changes once.
 */
const ENROL_SQL = `
  WITH took AS (
    UPDATE course_seat SET taken = taken + 1 WHERE course_id = $1 AND (capacity IS NULL OR taken < capacity) RETURNING taken
  ), waited AS (
    UPDATE course_seat SET waitlisted = waitlisted + 1 WHERE course_id = $1 AND NOT EXISTS (SELECT 1 FROM took) RETURNING waitlisted
  ), decided AS (
    SELECT CASE WHEN EXISTS (SELECT 1 FROM took) THEN 'active' ELSE 'waitlisted' END AS status
    WHERE EXISTS (SELECT 1 FROM took) OR EXISTS (SELECT 1 FROM waited)
  ), inserted AS (
    INSERT INTO enrollment (course_id, user_id, status, channel, source, enrolled_by_id, waitlisted_at, activated_at)
    SELECT $1, $2, d.status, $3, $4, $5,
           -- clock_timestamp(): read after the seat lock, so the waitlist order is the lock order.
           CASE WHEN d.status = 'waitlisted' THEN clock_timestamp() END,
           CASE WHEN d.status = 'active' THEN now() END
    FROM decided d
    ON CONFLICT (course_id, user_id) DO UPDATE SET
      status = EXCLUDED.status, channel = EXCLUDED.channel, source = EXCLUDED.source, enrolled_by_id = EXCLUDED.enrolled_by_id,
      waitlisted_at = EXCLUDED.waitlisted_at, activated_at = EXCLUDED.activated_at, withdrawn_at = NULL, completed_at = NULL, updated_at = now()
    WHERE enrollment.status = 'withdrawn'
    RETURNING ${ENROLLMENT_COLUMNS}
  ), event AS (
    INSERT INTO outbox_event (type, payload, request_id)
    SELECT 'enrollment.created', jsonb_build_object('enrollmentId', i.id, 'courseId', i.course_id, 'userId', i.user_id), $6 FROM inserted i
  )
  SELECT i.*, EXISTS (SELECT 1 FROM took) OR EXISTS (SELECT 1 FROM waited) AS seat_row FROM inserted i
  RIGHT JOIN (SELECT 1) one ON true`;

/**
 * Enrols one learner: a seat if one is free, else the waitlist, with `enrollment.created` in the
 * same transaction. Idempotent: an existing (not withdrawn) enrolment is returned as it is, and a
 * withdrawn one is reused (one row per learner and course for good). A concurrent duplicate (a
 * double click) waits on the seat row lock, finds the row on insert and rolls its seat back.
 */
export async function enrollLearner(db: DataSource, params: EnrollParams): Promise<{ created: boolean; enrollment: EnrollmentDto }> {
  const existing = params.existing !== undefined ? params.existing : await findEnrollment(db.manager, params.courseId, params.userId);
  if (existing && existing.status !== 'withdrawn') return { created: false, enrollment: await toEnrollmentDto(db.manager, existing) };
  try {
    return await db.transaction(async (manager) => {
      const args = [params.courseId, params.userId, params.channel, params.source, params.enrolledById, currentRequestId()];
      let [row]: (EnrollmentRow & { id: string | null; seat_row: boolean })[] = await manager.query(ENROL_SQL, args);
      if (!row.seat_row) {
        // Courses published before seat rows existed (or by fixtures) get theirs on first use.
        await ensureSeatRow(manager, params.courseId, params.capacity);
        [row] = await manager.query(ENROL_SQL, args);
      }
      if (!row.id) throw new AlreadyEnrolled();
      return { created: true, enrollment: await toEnrollmentDto(manager, row) };
    });
  } catch (error) {
    if (!(error instanceof AlreadyEnrolled)) throw error;
    const row = await findEnrollment(db.manager, params.courseId, params.userId);
    if (!row) throw error;
    return { created: false, enrollment: await toEnrollmentDto(db.manager, row) };
  }
}

/**
 * The learner took part for the first time (first lesson-progress write, or marked present at a
 * session): sets `started_at` once and, only when this call set it, writes `enrollment.started`
 * (reports count attendees by it). The conditional update makes it once however many requests
 * race; later progress or attendance changes nothing. Caller's transaction.
 */
export async function markEnrollmentStarted(manager: EntityManager, enrollmentId: string, requestId: string | null): Promise<boolean> {
  const [rows] = (await manager.query(
    `UPDATE enrollment SET started_at = now() WHERE id = $1 AND started_at IS NULL RETURNING course_id, user_id`,
    [enrollmentId],
  )) as [{ course_id: string; user_id: string }[], number];
  if (rows.length === 0) return false;
  await writeOutboxEvent(manager, 'enrollment.started', { enrollmentId, courseId: rows[0].course_id, userId: rows[0].user_id }, requestId);
  return true;
}
