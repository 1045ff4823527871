import { evaluateCompletion } from '@baanrian/learning';
import type { EntityManager } from 'typeorm';

/** Demo enrolments and progress arrived with issue 7: demo databases seeded before get them on the next start. */
export const DEMO_LEARNING_SEED = 'demo-learning-v1';

interface DemoEnrollment {
  login: string;
  slug: string;
  /** How many of the course's non-session lessons are done; `all` completes the course. */
  done: number | 'all';
}

/**
 * So that "My learning", the player and the instructor's roster show something on first start:
 * the demo learner is half-way through a self-paced course and enrolled in an upcoming online
 * class; the elderly demo learner finished one course and is enrolled in another.
 */
const DEMO_ENROLLMENTS: readonly DemoEnrollment[] = [
  { login: 'learner@demo.baanrian.test', slug: 'online-selling-basics', done: 2 },
  { login: 'learner@demo.baanrian.test', slug: 'coding-for-youth', done: 0 },
  { login: 'BR-25001', slug: 'healthy-ageing-at-home', done: 'all' },
  { login: 'BR-25001', slug: 'smartphone-for-seniors', done: 1 },
];

/**
 * Writes the demo enrolments as the enrolment code would (a seat taken in `course_seat`, the
 * `enrollment.created` event), then progress, then applies the completion rule, which completes
 * the finished course and writes its `enrollment.completed` event: the worker takes it from there.
 */
export async function seedLearning(manager: EntityManager): Promise<void> {
  for (const demo of DEMO_ENROLLMENTS) {
    const [target]: { user_id: string; course_id: string; format: string }[] = await manager.query(
      `SELECT u.id AS user_id, c.id AS course_id, c.format FROM app_user u, course c
       WHERE coalesce(u.email::text, u.account_code) = $1 AND c.slug = $2 AND c.published_version IS NOT NULL`,
      [demo.login, demo.slug],
    );
    if (!target) continue; // someone removed the demo account or course: leave their demo alone
    const channel = target.format === 'onsite_workshop' ? 'onsite' : 'online';
    const [enrollment]: { id: string }[] = await manager.query(
      `INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at)
       VALUES ($1, $2, 'active', $3, 'self', now()) ON CONFLICT (course_id, user_id) DO NOTHING RETURNING id`,
      [target.course_id, target.user_id, channel],
    );
    if (!enrollment) continue;
    await manager.query(
      `INSERT INTO course_seat (course_id, capacity, taken) SELECT $1, (v.snapshot->>'capacity')::int, 1
       FROM course c JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version WHERE c.id = $1
       ON CONFLICT (course_id) DO UPDATE SET taken = course_seat.taken + 1`,
      [target.course_id],
    );
    await manager.query(
      `INSERT INTO outbox_event (type, payload) VALUES ('enrollment.created', jsonb_build_object('enrollmentId', $1::uuid, 'courseId', $2::uuid, 'userId', $3::uuid))`,
      [enrollment.id, target.course_id, target.user_id],
    );
    await manager.query(
      `INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, completed_at)
       SELECT $1, l.id, 'completed', 100, now() FROM lesson l JOIN course_module m ON m.id = l.module_id
       WHERE l.course_id = $2 AND l.deleted_at IS NULL AND l.starts_at IS NULL
       ORDER BY m.position, l.position LIMIT $3`,
      [enrollment.id, target.course_id, demo.done === 'all' ? null : demo.done],
    );
    // A learner with progress has started, as the progress service would record it (reports count attendees by it).
    await manager.query(
      `UPDATE enrollment SET started_at = now() WHERE id = $1 AND started_at IS NULL AND EXISTS (SELECT 1 FROM lesson_progress WHERE enrollment_id = $1)`,
      [enrollment.id],
    );
    await evaluateCompletion(manager, enrollment.id, null);
  }
}
