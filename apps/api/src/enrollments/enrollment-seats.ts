import type { EntityManager } from 'typeorm';

/**
 * Seat accounting on `course_seat`, always inside the caller's transaction. Every path that
 * changes who holds a seat locks the course's seat row first (enrol, withdraw, bulk confirm,
 * publish), so the lock order is seat row → enrolment rows and concurrent changes serialise.
 */

/**
 * Rows of an `UPDATE … RETURNING`: TypeORM's raw query answers UPDATE and DELETE as
 * `[rows, affectedCount]`, unlike SELECT and INSERT.
 */
export async function updateReturning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/**
 * The seat row of a published course, created on first use: courses published by older code or
 * by fixtures may lack one. `taken`/`waitlisted` start from the enrolments that already exist.
 */
export async function ensureSeatRow(manager: EntityManager, courseId: string, capacity: number | null): Promise<void> {
  await manager.query(
    `INSERT INTO course_seat (course_id, capacity, taken, waitlisted)
     SELECT $1, $2,
       (SELECT count(*) FROM enrollment WHERE course_id = $1 AND status IN ('active', 'completed')),
       (SELECT count(*) FROM enrollment WHERE course_id = $1 AND status = 'waitlisted')
     ON CONFLICT (course_id) DO NOTHING`,
    [courseId, capacity],
  );
}

/** Locks the seat row (creating it if needed) before a withdrawal or a bulk confirm. */
export async function lockSeatRow(manager: EntityManager, courseId: string, capacity: number | null): Promise<{ capacity: number | null; taken: number; waitlisted: number }> {
  await ensureSeatRow(manager, courseId, capacity);
  const [row]: { capacity: number | null; taken: number; waitlisted: number }[] = await manager.query(
    `SELECT capacity, taken, waitlisted FROM course_seat WHERE course_id = $1 FOR UPDATE`,
    [courseId],
  );
  return row;
}

/**
 * Moves waiting learners onto free seats, first come first served (waitlisted_at, id), in one
 * statement, and writes one `enrollment.promoted` outbox event per promoted learner in the same
 * transaction. The caller holds the seat row lock. Returns the promoted enrolment ids in order.
 */
export async function promoteWaiting(manager: EntityManager, courseId: string, requestId: string | null): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `WITH seat AS (
       SELECT CASE WHEN capacity IS NULL THEN NULL ELSE greatest(capacity - taken, 0) END AS free FROM course_seat WHERE course_id = $1
     ), next AS (
       SELECT e.id, e.user_id, e.waitlisted_at FROM enrollment e
       WHERE e.course_id = $1 AND e.status = 'waitlisted'
       ORDER BY e.waitlisted_at, e.id
       LIMIT (SELECT free FROM seat)
       FOR UPDATE OF e
     ), promoted AS (
       UPDATE enrollment e SET status = 'active', activated_at = now(), updated_at = now()
       FROM next WHERE e.id = next.id
       RETURNING e.id, e.user_id, next.waitlisted_at
     ), counted AS (
       UPDATE course_seat SET taken = taken + (SELECT count(*) FROM promoted), waitlisted = waitlisted - (SELECT count(*) FROM promoted)
       WHERE course_id = $1 AND EXISTS (SELECT 1 FROM promoted)
     ), events AS (
       INSERT INTO outbox_event (type, payload, request_id)
       SELECT 'enrollment.promoted', jsonb_build_object('enrollmentId', p.id, 'courseId', $1::uuid, 'userId', p.user_id), $2 FROM promoted p
     )
     SELECT id FROM promoted ORDER BY waitlisted_at, id`,
    [courseId, requestId],
  );
  return rows.map((r) => r.id);
}

/**
 * Publishing: the seat row takes the published capacity, and a raised (or removed) capacity
 * promotes waiting learners in the publish transaction. A lowered capacity never demotes anyone.
 */
export async function syncSeatsOnPublish(manager: EntityManager, courseId: string, capacity: number | null, requestId: string | null): Promise<string[]> {
  await ensureSeatRow(manager, courseId, capacity);
  await manager.query(`UPDATE course_seat SET capacity = $2 WHERE course_id = $1`, [courseId, capacity]);
  return promoteWaiting(manager, courseId, requestId);
}
