import type { EnrollmentChannel, EnrollmentSource, EnrollmentStatus } from '@baanrian/contracts';
import { copyRows, type CopyValue } from './data.copy';
import { type DataContext, type DataGenerator } from './data.generator';
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
 * Enrolments, lesson progress, session attendance and seat counts for the generated courses.
 * Enrolments come from the seeded stream (popular courses draw more learners; onsite workshops
 * fill up and then waitlist); progress and attendance follow from them inside PostgreSQL, set-based,
 * with `hashtext` of the enrolment id as the dice, so 15+ million rows never cross the socket and
 * every run writes the same rows.
 */
export const learningGenerator: DataGenerator = {
  name: 'learning',

  async clear(client) {
    await client.query(`DELETE FROM session_attendance WHERE enrollment_id IN (${BENCH_ENROLLMENTS})`);
    await client.query(`DELETE FROM lesson_progress WHERE enrollment_id IN (${BENCH_ENROLLMENTS})`);
    await client.query(`DELETE FROM enrollment WHERE id IN (${BENCH_ENROLLMENTS})`);
    await client.query(`DELETE FROM course_seat WHERE course_id IN (SELECT id FROM course WHERE slug LIKE 'bench-%')`);
  },

  async generate({ plan, client, random, made }: DataContext) {
    const learners = made.learnerIds ?? [];
    const courses = made.courses ?? [];
    if (!learners.length || !courses.length) throw new Error('learning needs the learners and courses generators to run first');
    // A fixed popularity order: a few courses draw many learners, most draw a few.
    const keys = courses.map((_, i) => stableUuid(plan.seed, 'popularity', i));
    const byPopularity = courses.map((_, i) => i).sort((a, b) => keys[a].localeCompare(keys[b]));
    const seats = new Map<number, number>();

    function* enrollments(): Generator<CopyValue[]> {
      let n = 0;
      for (const userId of learners) {
        const chosen = new Set<number>();
        const count = random.int(PER_LEARNER[0], PER_LEARNER[1]);
        for (let tries = 0; chosen.size < count && tries < count * 3; tries++) chosen.add(byPopularity[Math.floor(courses.length * random.next() ** 2)]);
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
          yield [
            stableUuid(plan.seed, 'enrollment', n++), course.id, userId, status, channel, source,
            status === 'waitlisted' ? new Date(createdAt) : null, activated, startedAt,
            status === 'withdrawn' ? finishedAt : null, status === 'completed' ? finishedAt : null,
            new Date(createdAt), status === 'active' || status === 'waitlisted' ? new Date(createdAt) : finishedAt,
          ];
        }
      }
    }
    const enrollment = await copyRows(client, 'enrollment', ENROLLMENT_COLUMNS, enrollments());

    // Progress in every non-session lesson up to a depth the enrolment id decides, from the day it
    // started; completed enrolments finished them all, never-started ones have none. Lessons are
    // numbered in outline order (module, then lesson).
    const progress = await client.query(`
      INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, position_seconds, completed_at, updated_at)
      SELECT e.id, o.id,
             CASE WHEN e.status = 'completed' OR o.ord < d.depth THEN 'completed' ELSE 'in_progress' END,
             CASE WHEN e.status = 'completed' OR o.ord < d.depth THEN 100 ELSE 5 + abs(hashtext(e.id::text || o.id::text)) % 80 END,
             CASE WHEN o.type = 'video' THEN abs(hashtext(o.id::text || e.id::text)) % 720 END,
             CASE WHEN e.status = 'completed' OR o.ord < d.depth THEN e.started_at + o.ord * interval '1 day' END,
             e.started_at + o.ord * interval '1 day'
      FROM enrollment e
      CROSS JOIN LATERAL (SELECT abs(hashtext(e.id::text)) % 9 AS depth) d
      JOIN (
        SELECT l.id, l.course_id, l.type, (row_number() OVER (PARTITION BY l.course_id ORDER BY m.position, l.position) - 1)::int AS ord
        FROM lesson l JOIN course_module m ON m.id = l.module_id JOIN course c ON c.id = l.course_id
        WHERE c.slug LIKE 'bench-%' AND l.starts_at IS NULL
      ) o ON o.course_id = e.course_id
      WHERE e.started_at IS NOT NULL AND (e.status = 'completed' OR o.ord <= d.depth)
        AND e.id IN (${BENCH_ENROLLMENTS})`);

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
  },
};
