import type { EnrollmentChannel, EnrollmentSource, EnrollmentStatus } from '@baanrian/contracts';
import { copyRows, type CopyValue } from './data.copy';
import { type DataContext, type DataGenerator, type MadeQuizEnrollment } from './data.generator';
import { popularityOrder, rankOf } from './data.popularity';
import { stableUuid } from './data.random';

const DAY = 86_400_000;
/** Enrolments per learner: 5–15, about ten on average (2.5 million for 250,000 learners). */
const PER_LEARNER: readonly [number, number] = [5, 15];
const STATUS_MIX: readonly (readonly [EnrollmentStatus, number])[] = [['completed', 40], ['active', 52], ['withdrawn', 8]];
const BENCH_ENROLLMENTS = `SELECT e.id FROM enrollment e JOIN course c ON c.id = e.course_id WHERE c.slug LIKE 'bench-%'`;

const ENROLLMENT_COLUMNS = [
  'id', 'course_id', 'user_id', 'status', 'channel', 'source', 'waitlisted_at', 'activated_at', 'started_at', 'withdrawn_at', 'completed_at', 'created_at', 'updated_at',
] as const;
/** Share of enrolments that ever started (attended a session or opened a lesson), by status; completed ones all did. */
const STARTED: Readonly<Record<EnrollmentStatus, number>> = { completed: 1, active: 0.85, withdrawn: 0.4, waitlisted: 0 };

/**
 * How far an enrolment that did not complete got: the first 28 bits of its id (a sha1-derived
 * uuid, so uniform), which SQL reads as `('x' || substr(id::text, 1, 7))::bit(28)::int`. It
 * completed the tracked lessons numbered below `progressHash(id) % (tracked - 1)` and has the next one in
 * progress, so it never completes the last tracked lesson, which is required: an enrolment that did
 * not complete never meets the completion rule.
 */
export const progressHash = (enrollmentId: string) => parseInt(enrollmentId.slice(0, 7), 16);

/**
 * Enrolments, lesson progress, session attendance and seat counts for the generated courses.
 * Enrolments come from the seeded stream (popular courses draw more learners; onsite workshops
 * fill up and then waitlist); progress and attendance follow from them inside PostgreSQL, set-based,
 * with the enrolment id as the dice, so 25 million rows never cross the socket and every run writes
 * the same rows. The tables load bare and are indexed and checked afterwards (BULK_TABLES).
 */
export const learningGenerator: DataGenerator = {
  name: 'learning',

  async clear(client) {
    await client.query(`DELETE FROM session_attendance WHERE enrollment_id IN (${BENCH_ENROLLMENTS})`);
    await client.query(`DELETE FROM lesson_progress WHERE enrollment_id IN (${BENCH_ENROLLMENTS})`);
    await client.query(`DELETE FROM enrollment WHERE id IN (${BENCH_ENROLLMENTS})`);
    await client.query(`DELETE FROM course_seat WHERE course_id IN (SELECT id FROM course WHERE slug LIKE 'bench-%')`);
  },

  generate: generateLearning,
};

async function generateLearning({ plan, client, random, made, log }: DataContext): Promise<Record<string, number>> {
  const learners = made.learnerIds ?? [];
  const courses = made.courses ?? [];
  if (!learners.length || !courses.length) throw new Error('learning needs the learners and courses generators to run first');
  const byPopularity = popularityOrder(plan.seed, courses.length);
  const seats = new Map<number, number>();
  const quizEnrollments: MadeQuizEnrollment[] = [];
  // What the progress statement below must insert, counted here from the same rule: a check that
  // SQL and TypeScript read the depth alike (the quizzes generator relies on the statuses).
  let expectedProgress = 0;

  function* enrollments(): Generator<CopyValue[]> {
    let n = 0;
    for (const userId of learners) {
      const chosen = new Set<number>();
      const count = random.int(PER_LEARNER[0], PER_LEARNER[1]);
      for (let tries = 0; chosen.size < count && tries < count * 3; tries++) chosen.add(byPopularity[rankOf(random.next(), courses.length)]);
      for (const index of chosen) {
        const course = courses[index];
        const createdAt = course.publishedAt + random.int(0, 45) * DAY + random.int(0, DAY);
        let status = random.weighted(STATUS_MIX);
        if (course.capacity !== null && status !== 'withdrawn') {
          const taken = seats.get(index) ?? 0;
          if (taken >= course.capacity) status = 'waitlisted';
          else seats.set(index, taken + 1);
        }
        const channel: EnrollmentChannel = course.format === 'onsite_workshop' || (course.format === 'blended' && random.next() < 0.5) ? 'onsite' : 'online';
        const source: EnrollmentSource = channel === 'onsite' && random.next() < 0.05 ? 'walk_in' : random.next() < 0.1 ? 'bulk' : 'self';
        const activated = status === 'waitlisted' ? null : new Date(createdAt);
        const finishedAt = new Date(createdAt + random.int(7, 60) * DAY);
        // Reports count attendees by `started_at`: the first lesson opened within three days (progress below follows it).
        const startedAt = random.next() < STARTED[status] ? new Date(createdAt + random.int(0, 3 * DAY)) : null;
        const id = stableUuid(plan.seed, 'enrollment', n++);
        if (startedAt) expectedProgress += status === 'completed' ? course.trackedLessons : (progressHash(id) % (course.trackedLessons - 1)) + 1;
        if (course.quiz && startedAt && (status === 'active' || status === 'completed')) {
          quizEnrollments.push({ id, userId, course: index, status, startedAt: startedAt.getTime(), completedAt: status === 'completed' ? finishedAt.getTime() : null });
        }
        yield [
          id, course.id, userId, status, channel, source,
          status === 'waitlisted' ? new Date(createdAt) : null, activated, startedAt,
          status === 'withdrawn' ? finishedAt : null, status === 'completed' ? finishedAt : null,
          new Date(createdAt), status === 'active' || status === 'waitlisted' ? new Date(createdAt) : finishedAt,
        ];
      }
    }
  }
  let t0 = performance.now();
  const enrollment = await copyRows(client, 'enrollment', ENROLLMENT_COLUMNS, enrollments());
  made.quizEnrollments = quizEnrollments;
  log(`  enrollment COPY: ${((performance.now() - t0) / 1000).toFixed(1)} s; ${expectedProgress} progress rows to insert`);

  // Progress in the tracked lessons (not sessions, not quizzes: those are attendance and
  // attempts), numbered in outline order: all of them for completed enrolments, spread from the
  // start to the completion; up to progressHash's depth for the others, four hours apart;
  // never-started ones have none. Cheap integer mixing of that hash gives percentages and
  // video positions, so 25 million rows cost no per-row hashing of text.
  t0 = performance.now();
  const progress = await client.query(`
    INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, position_seconds, completed_at, updated_at)
    SELECT e.id, o.id,
           CASE WHEN e.done OR o.ord < e.h % (o.n - 1) THEN 'completed' ELSE 'in_progress' END,
           CASE WHEN e.done OR o.ord < e.h % (o.n - 1) THEN 100 ELSE 5 + (e.h + o.ord * 7919) % 80 END,
           CASE WHEN o.type = 'video' THEN (e.h + o.ord * 104729) % 720 END,
           CASE WHEN e.done THEN e.started_at + (e.completed_at - e.started_at) * ((o.ord + 1)::float8 / (o.n + 1))
                WHEN o.ord < e.h % (o.n - 1) THEN e.started_at + o.ord * interval '4 hours' END,
           CASE WHEN e.done THEN e.started_at + (e.completed_at - e.started_at) * ((o.ord + 1)::float8 / (o.n + 1))
                ELSE e.started_at + o.ord * interval '4 hours' END
    FROM (SELECT id, course_id, started_at, completed_at, status = 'completed' AS done, ('x' || substr(id::text, 1, 7))::bit(28)::int AS h
            FROM enrollment WHERE started_at IS NOT NULL) e
    JOIN (
      SELECT l.id, l.course_id, l.type, (row_number() OVER w - 1)::int AS ord, (count(*) OVER (PARTITION BY l.course_id))::int AS n
      FROM lesson l JOIN course_module m ON m.id = l.module_id JOIN course c ON c.id = l.course_id
      WHERE c.slug LIKE 'bench-%' AND l.starts_at IS NULL AND l.type <> 'quiz'
      WINDOW w AS (PARTITION BY l.course_id ORDER BY m.position, l.position)
    ) o ON o.course_id = e.course_id
    WHERE e.done OR o.ord <= e.h % (o.n - 1)`);
  log(`  lesson_progress INSERT: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (progress.rowCount !== expectedProgress) throw new Error(`learning: ${progress.rowCount} progress rows where the plan makes ${expectedProgress}`);

  // Everyone who completed a dated course attended its session; seven in ten of the others who started did.
  const attendance = await client.query(`
    INSERT INTO session_attendance (id, lesson_id, course_id, enrollment_id, user_id, status, method, recorded_at, updated_at)
    SELECT md5(e.id::text || l.id::text)::uuid, l.id, e.course_id, e.id, e.user_id,
           CASE WHEN e.status = 'completed' OR (e.started_at IS NOT NULL AND abs(hashtext(e.id::text || 'present')) % 10 < 7) THEN 'present' ELSE 'absent' END,
           CASE WHEN e.source = 'walk_in' THEN 'walk_in' WHEN l.type = 'live_session' THEN 'join'
                WHEN abs(hashtext(e.id::text || 'method')) % 3 = 0 THEN 'roster' ELSE 'qr' END,
           l.starts_at + interval '10 minutes', l.starts_at + interval '10 minutes'
    FROM enrollment e JOIN lesson l ON l.course_id = e.course_id AND l.starts_at IS NOT NULL
    WHERE e.status IN ('active', 'completed') AND e.id IN (${BENCH_ENROLLMENTS})`);

  const seatRows = await client.query(`
    INSERT INTO course_seat (course_id, capacity, taken, waitlisted)
    SELECT c.id, c.capacity,
           count(e.id) FILTER (WHERE e.status IN ('active', 'completed'))::int,
           count(e.id) FILTER (WHERE e.status = 'waitlisted')::int
    FROM course c LEFT JOIN enrollment e ON e.course_id = c.id
    WHERE c.slug LIKE 'bench-%' GROUP BY c.id`);

  return { enrollment, lesson_progress: progress.rowCount ?? 0, session_attendance: attendance.rowCount ?? 0, course_seat: seatRows.rowCount ?? 0 };
}
