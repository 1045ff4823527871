import { writeOutboxEvent } from '@baanrian/db';
import type { JobName, JobPayloads } from '@baanrian/jobs';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { person, publishedCourseWithSessions } from './learning-fixtures';

/**
 * Random participation histories for the rollup tests, applied as the API applies them: each step
 * is one transaction with the table change and its outbox event (or, for reordering, the events
 * held back and written at the end in another order). Steps the API would refuse change nothing.
 */

/** 17:00 UTC on 30 Sep 2025 is midnight in Bangkok: FY 2568 ends, FY 2569 begins. */
export const FISCAL_MIDNIGHT = Date.UTC(2025, 8, 30, 17, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

export type Step =
  | { kind: 'enroll'; course: number; user: number; channel: 'online' | 'onsite'; waitlist: boolean; at: number }
  | { kind: 'promote' | 'withdraw' | 'progress' | 'complete'; course: number; user: number; at: number }
  | { kind: 'attend'; course: number; user: number; session: number; present: boolean; at: number }
  | { kind: 'erase'; user: number; at: number }
  | { kind: 'profile'; user: number; group: number; place: number; at: number };

export interface World {
  courses: { id: string; sessionIds: string[]; textLessonId: string }[];
  users: string[];
}

export const COURSES = 2;
export const USERS = 4;

/** Mostly minutes either side of the fiscal midnight; sometimes months away, in either fiscal year. */
const instant = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -180, max: 180 }).map((m) => FISCAL_MIDNIGHT + m * MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: -200, max: 200 }).map((d) => FISCAL_MIDNIGHT + d * DAY + 5 * 3_600_000) },
);
const course = fc.nat(COURSES - 1);
const user = fc.nat(USERS - 1);

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('enroll' as const), course, user, channel: fc.constantFrom('online' as const, 'onsite' as const), waitlist: fc.nat(4).map((n) => n === 0), at: instant }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('promote' as const), course, user, at: instant }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), course, user, at: instant }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('attend' as const), course, user, session: fc.nat(1), present: fc.boolean(), at: instant }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('progress' as const), course, user, at: instant }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('complete' as const), course, user, at: instant }) },
  // A profile edit moves the person to another target group and area; no event (the nightly reconciliation finds it).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('profile' as const), user, group: fc.nat(2), place: fc.nat(2), at: instant }) },
  // Rare: it ends the person's history.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), user, at: instant }) },
);

const TARGET_GROUPS = ['youth', 'general_public', 'elderly'];
const PLACES: [string | null, string | null][] = [['เชียงใหม่', 'สันทราย'], ['เชียงใหม่', 'เมืองเชียงใหม่'], [null, null]];

/** Two published courses (one with learning hours, one without) with two sessions and a text lesson; three learners in different slices. */
export async function newWorld(db: DataSource): Promise<World> {
  const courses: World['courses'] = [];
  for (let i = 0; i < COURSES; i++) {
    const made = await publishedCourseWithSessions(db, [{ startsAt: new Date(FISCAL_MIDNIGHT) }, { startsAt: new Date(FISCAL_MIDNIGHT + DAY) }]);
    await db.query(`UPDATE course SET learning_hours = $2, format = $3 WHERE id = $1`, [made.courseId, i === 0 ? 6.5 : null, i === 0 ? 'blended' : 'self_paced']);
    const textLessonId = randomUUID();
    await db.query(
      `INSERT INTO lesson (id, course_id, module_id, type, title, position, content)
       SELECT $1, $2, id, 'text', 'อ่านก่อน', 10, '{"body": "อ่าน"}' FROM course_module WHERE course_id = $2`,
      [textLessonId, made.courseId],
    );
    courses.push({ id: made.courseId, sessionIds: made.lessonIds, textLessonId });
  }
  const users: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const { id } = await person(db, 'th');
    const [province, district] = PLACES[i % PLACES.length];
    await db.query(`UPDATE app_user SET target_group = $2, province = $3, district = $4 WHERE id = $1`, [id, TARGET_GROUPS[i % TARGET_GROUPS.length], province, district]);
    users.push(id);
  }
  return { courses, users };
}

type Event = { [N in JobName]: { type: N; payload: JobPayloads[N] } }[JobName];
/** Where a step's events go: written in its transaction, or held back for later. */
export type EventSink = (manager: EntityManager, event: Event) => Promise<void>;
export const writeNow: EventSink = async (manager, event) => {
  await writeOutboxEvent(manager, event.type, event.payload as never, 'req-history');
};

interface Row {
  id: string;
  status: string;
}

/** One step, in one transaction, as the API would apply it. */
export async function applyStep(db: DataSource, world: World, step: Step, sink: EventSink): Promise<void> {
  const at = new Date(step.at);
  const userId = world.users[step.user];
  await db.transaction(async (manager) => {
    const [erased] = await manager.query(`SELECT 1 FROM app_user WHERE id = $1 AND erased_at IS NOT NULL`, [userId]);
    if (erased) return; // an erased person does nothing more
    if (step.kind === 'erase') {
      await manager.query(
        `UPDATE app_user SET email = NULL, display_name = '', phone = NULL, birth_year = NULL, district = NULL,
                account_code = 'ERASED-' || replace(id::text, '-', ''), disabled_at = $2, erased_at = $2, updated_at = now() WHERE id = $1`,
        [userId, at],
      );
      return sink(manager, { type: 'account.erased', payload: { userId } });
    }
    if (step.kind === 'profile') {
      // As a profile edit saves it (profile.service.ts): no outbox event, only updated_at, which the reconciliation looks for.
      const [province, district] = PLACES[step.place];
      await manager.query(`UPDATE app_user SET target_group = $2, province = $3, district = $4, updated_at = now() WHERE id = $1`, [userId, TARGET_GROUPS[step.group], province, district]);
      return;
    }
    const target = world.courses[step.course];
    const ids = { courseId: target.id, userId };
    const [row]: Row[] = await manager.query(`SELECT id, status FROM enrollment WHERE course_id = $1 AND user_id = $2 FOR UPDATE`, [target.id, userId]);
    const seated = row && (row.status === 'active' || row.status === 'completed');
    switch (step.kind) {
      case 'enroll': {
        if (row && row.status !== 'withdrawn') return; // already enrolled: answered as it is
        const status = step.waitlist ? 'waitlisted' : 'active';
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO enrollment (course_id, user_id, status, channel, waitlisted_at, activated_at)
           VALUES ($1, $2, $3, $4, CASE WHEN $3 = 'waitlisted' THEN $5::timestamptz END, CASE WHEN $3 = 'active' THEN $5::timestamptz END)
           ON CONFLICT (course_id, user_id) DO UPDATE SET status = EXCLUDED.status, channel = EXCLUDED.channel, waitlisted_at = EXCLUDED.waitlisted_at,
             activated_at = EXCLUDED.activated_at, withdrawn_at = NULL, completed_at = NULL, updated_at = now()
           RETURNING id`,
          [target.id, userId, status, step.channel, at],
        );
        return sink(manager, { type: 'enrollment.created', payload: { enrollmentId: id, ...ids } });
      }
      case 'promote':
        if (row?.status !== 'waitlisted') return;
        await manager.query(`UPDATE enrollment SET status = 'active', activated_at = $2, updated_at = now() WHERE id = $1`, [row.id, at]);
        return sink(manager, { type: 'enrollment.promoted', payload: { enrollmentId: row.id, ...ids } });
      case 'withdraw':
        if (!row || (row.status !== 'active' && row.status !== 'waitlisted')) return; // completed ones may not withdraw
        await manager.query(`UPDATE enrollment SET status = 'withdrawn', withdrawn_at = $2, updated_at = now() WHERE id = $1`, [row.id, at]);
        return sink(manager, { type: 'enrollment.withdrawn', payload: { enrollmentId: row.id, ...ids } });
      case 'complete':
        if (row?.status !== 'active') return;
        await manager.query(`UPDATE enrollment SET status = 'completed', completed_at = $2, updated_at = now() WHERE id = $1`, [row.id, at]);
        return sink(manager, { type: 'enrollment.completed', payload: { enrollmentId: row.id, ...ids } });
      case 'progress': {
        if (!seated) return;
        await manager.query(
          `INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, completed_at, updated_at) VALUES ($1, $2, 'completed', 100, $3, $3)
           ON CONFLICT (enrollment_id, lesson_id) DO NOTHING`,
          [row.id, target.textLessonId, at],
        );
        return started(manager, row.id, ids, at, sink);
      }
      case 'attend': {
        if (!seated) return;
        const lessonId = target.sessionIds[step.session];
        const [changed]: { id: string }[] = await manager.query(
          `INSERT INTO session_attendance (lesson_id, course_id, enrollment_id, user_id, status, method, recorded_at) VALUES ($1, $2, $3, $4, $5, 'roster', $6)
           ON CONFLICT ON CONSTRAINT "UQ_session_attendance_lesson_user" DO UPDATE SET status = EXCLUDED.status, updated_at = now()
             WHERE session_attendance.status <> EXCLUDED.status
           RETURNING id`,
          [lessonId, target.id, row.id, userId, step.present ? 'present' : 'absent', at],
        );
        if (!changed) return;
        await sink(manager, { type: 'attendance.recorded', payload: { attendanceId: changed.id, lessonId, userId } });
        if (step.present) await started(manager, row.id, ids, at, sink);
        return;
      }
    }
  });
}

/** The first attendance or progress: `started_at` once, and its event only then. */
async function started(manager: EntityManager, enrollmentId: string, ids: { courseId: string; userId: string }, at: Date, sink: EventSink): Promise<void> {
  const [rows] = await manager.query(`UPDATE enrollment SET started_at = $2 WHERE id = $1 AND started_at IS NULL RETURNING id`, [enrollmentId, at]);
  if (rows.length > 0) await sink(manager, { type: 'enrollment.started', payload: { enrollmentId, ...ids } });
}
