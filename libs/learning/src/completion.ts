import type { PublishedCourseSnapshot } from '@baanrian/contracts';
import { EnrollmentEntity, writeOutboxEvent } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { assessCompletion, type CompletionAssessment } from './completion.rule';

export interface CompletionOutcome extends CompletionAssessment {
  /** True only for the call that completed the enrolment (and wrote the event). */
  completedNow: boolean;
}

/**
 * Applies the completion rule inside the caller's transaction, after anything that can complete a
 * course: a lesson completed or a session attended (API), a quiz passed (grading worker). It locks
 * the enrolment row, so two concurrent completions write one `enrollment.completed` event; it
 * never un-completes. Shared by both apps, hence a library.
 */
export async function evaluateCompletion(manager: EntityManager, enrollmentId: string, requestId: string | null): Promise<CompletionOutcome | null> {
  // FOR NO KEY UPDATE, not FOR UPDATE: every caller has just written a row that references the
  // enrolment (lesson_progress, session_attendance), which holds a KEY SHARE lock on it. Two such
  // callers at once (a learner finishing a lesson while the worker grades their quiz) would each
  // wait for the other's KEY SHARE to upgrade to FOR UPDATE: a deadlock, answered 500 (fault
  // scenario 6 found it). NO KEY UPDATE does not conflict with KEY SHARE, so the second waits for
  // the first to commit and then reads the enrolment afresh, still writing one event.
  const enrollment = await manager.findOne(EnrollmentEntity, { where: { id: enrollmentId }, lock: { mode: 'for_no_key_update' } });
  if (!enrollment) return null;
  const snapshot = await publishedSnapshot(manager, enrollment.courseId);
  if (!snapshot) return null;
  const [completed, attended] = await Promise.all([
    manager.query<{ lesson_id: string }[]>(`SELECT lesson_id FROM lesson_progress WHERE enrollment_id = $1 AND status = 'completed'`, [enrollmentId]),
    manager.query<{ lesson_id: string }[]>(`SELECT lesson_id FROM session_attendance WHERE enrollment_id = $1 AND status = 'present'`, [enrollmentId]),
  ]);
  const assessment = assessCompletion(
    snapshot,
    new Set(completed.map((row) => row.lesson_id)),
    new Set(attended.map((row) => row.lesson_id)),
  );
  if (!assessment.met || enrollment.status !== 'active') return { ...assessment, completedNow: false };

  await manager.update(EnrollmentEntity, { id: enrollment.id }, { status: 'completed', completedAt: () => 'now()' });
  await writeOutboxEvent(manager, 'enrollment.completed', { enrollmentId: enrollment.id, courseId: enrollment.courseId, userId: enrollment.userId }, requestId);
  return { ...assessment, completedNow: true };
}

async function publishedSnapshot(manager: EntityManager, courseId: string): Promise<PublishedCourseSnapshot | null> {
  const rows = await manager.query<{ snapshot: PublishedCourseSnapshot }[]>(
    `SELECT v.snapshot FROM course c JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version WHERE c.id = $1`,
    [courseId],
  );
  return rows[0]?.snapshot ?? null;
}
