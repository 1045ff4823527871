import type { AttemptGrade, DeliveredQuestion, PublishedCourseSnapshot, Question, QuestionResponse } from '@baanrian/contracts';
import { assessCompletion } from '@baanrian/learning';
import { createTestDatabase, type TestDatabase } from '@baanrian/testing';
import pg from 'pg';
import { verifyPassword } from '../../../apps/api/src/accounts/password-hash';
import { buildSearchText } from '../../../apps/api/src/catalog/search-text';
import { computeGrade } from '../../../apps/worker/src/grading/grading.records';
import { generateBenchData, planFor } from './bench-data';
import { BENCH_PASSWORD } from './data.generator';
import { ATTEMPTS_PER_LEARNER } from './quizzes.generator';

const TABLES = [
  'app_user', 'user_role', 'course_category', 'course', 'course_module', 'lesson', 'course_version', 'catalog_entry', 'enrollment', 'lesson_progress',
  'session_attendance', 'course_seat', 'question', 'quiz', 'quiz_attempt', 'quiz_grade', 'issuer_key', 'credential', 'reach_campaign', 'report_reach_day', 'report_course_day', 'report_learner_year', 'report_plan',
];

/** One digest per table of every row's full text, in a stable order. */
async function digests(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const { rows } = await client.query<{ digest: string; n: number }>(`SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest, count(*)::int AS n FROM "${table}" t`);
      out[table] = `${rows[0].n}:${rows[0].digest}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

describe('bench data generator (size S)', () => {
  const databases: TestDatabase[] = [];
  afterAll(() => Promise.all(databases.map((db) => db.drop())));

  it('writes the same rows for the same seed, replaces its own rows when run again, and differs for another seed', async () => {
    const [a, b, c] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase()]);
    databases.push(a, b, c);
    const first = await generateBenchData(a.url, planFor('S'));
    expect(first.rows).toMatchObject({ app_user: 2_060, course: 3_000, course_version: 3_000, catalog_entry: 3_000, course_seat: 3_000 });
    // About ten enrolments per learner, and over ten progress rows per enrolment (25 million at L).
    expect(first.rows.enrollment).toBeGreaterThan(15_000);
    expect(first.rows.lesson_progress).toBeGreaterThan(10 * first.rows.enrollment);
    // 0.2 quiz attempts per learner (50,000 at L), each graded once unless still open.
    expect(first.rows.quiz_attempt).toBe(2_000 * ATTEMPTS_PER_LEARNER);
    expect(first.rows.quiz).toBeGreaterThan(20);
    expect(first.rows.question).toBe(10 * first.rows.quiz);
    expect(first.rows.quiz_grade).toBeGreaterThan(0.8 * first.rows.quiz_attempt);
    expect(first.rows.quiz_grade).toBeLessThan(first.rows.quiz_attempt);
    // What reports read: certificates, reach over three fiscal years, the rollups and plans.
    expect(first.rows.credential).toBeGreaterThan(1_000);
    expect(first.rows.report_reach_day).toBeGreaterThan(3 * 365 * 6);
    expect(first.rows.reach_campaign).toBe(36);
    expect(first.rows.report_course_day).toBeGreaterThan(1_000);
    expect(first.rows.report_plan).toBeGreaterThan(3 * 6 * 10);
    // The rerun over `a` (replacing its own rows), a fresh run and another seed, side by side.
    const [, , other] = await Promise.all([
      generateBenchData(a.url, planFor('S')),
      generateBenchData(b.url, planFor('S')),
      generateBenchData(c.url, planFor('S', { seed: 'another-seed', learners: 100 })),
    ]);
    expect(other.rows.quiz_attempt).toBe(100 * ATTEMPTS_PER_LEARNER);
    const [da, db, dc] = await Promise.all([digests(a.url), digests(b.url), digests(c.url)]);
    expect(da).toEqual(db);
    expect(dc.app_user).not.toEqual(da.app_user);
    expect(dc.quiz_attempt).not.toEqual(da.quiz_attempt);
    expect(da.app_user.startsWith('2060:')).toBe(true);
  }, 600_000);

  it('makes data the product can use: bench accounts sign in with the documented password, Thai search finds courses', async () => {
    const db = databases[0];
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const user = await client.query<{ password_hash: string; target_group: string; district: string }>(
        `SELECT password_hash, target_group, district FROM app_user WHERE email = 'learner-0@bench.baanrian.test'`,
      );
      expect(await verifyPassword(user.rows[0].password_hash, BENCH_PASSWORD)).toBe(true);
      const groups = await client.query<{ n: number }>(`SELECT count(DISTINCT target_group)::int AS n FROM app_user`);
      expect(groups.rows[0].n).toBe(5);
      const districts = await client.query<{ n: number }>(`SELECT count(DISTINCT district)::int AS n FROM app_user`);
      expect(districts.rows[0].n).toBe(10);
      const years = await client.query<{ fiscal_year: number }>(`SELECT DISTINCT fiscal_year FROM catalog_entry ORDER BY 1`);
      expect(years.rows.map((r) => r.fiscal_year)).toEqual(expect.arrayContaining([2567, 2568, 2569]));
      const hits = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog_entry WHERE search_text ILIKE '%คอมพิวเตอร์%'`);
      // Enrolment data is consistent with the product's own rules: no course over capacity, seat
      // counts match the enrolments, and every completed dated course was attended.
      const overbooked = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM course_seat WHERE capacity IS NOT NULL AND taken > capacity`);
      expect(overbooked.rows[0].n).toBe(0);
      const seatDrift = await client.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM course_seat s
        WHERE s.taken <> (SELECT count(*) FROM enrollment e WHERE e.course_id = s.course_id AND e.status IN ('active', 'completed'))`);
      expect(seatDrift.rows[0].n).toBe(0);
      const unattended = await client.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM enrollment e JOIN lesson l ON l.course_id = e.course_id AND l.starts_at IS NOT NULL
        LEFT JOIN session_attendance a ON a.enrollment_id = e.id AND a.lesson_id = l.id AND a.status = 'present'
        WHERE e.status = 'completed' AND a.id IS NULL`);
      expect(unattended.rows[0].n).toBe(0);
      const waitlisted = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM enrollment WHERE status = 'waitlisted'`);
      expect(waitlisted.rows[0].n).toBeGreaterThan(0);
      expect(hits.rows[0].n).toBeGreaterThan(20);
      // The catalog row's search text is what the API's projection would write for that snapshot.
      const entry = await client.query<{ search_text: string; snapshot: { title: never; summary: never; tags: string[] } }>(
        `SELECT e.search_text, v.snapshot FROM catalog_entry e JOIN course_version v ON v.course_id = e.course_id AND v.version = e.version WHERE e.slug = 'bench-7'`,
      );
      expect(entry.rows[0].search_text).toBe(buildSearchText(entry.rows[0].snapshot));
    } finally {
      await client.end();
    }
  });

  it('gives reports three fiscal years with starts, certificates and reach, and rollups that equal the raw counts', async () => {
    const client = new pg.Client({ connectionString: databases[0].url });
    await client.connect();
    try {
      for (const fy of [2567, 2568, 2569]) {
        const from = `${fy - 544}-10-01`;
        const to = `${fy - 543}-10-01`;
        const bkk = (column: string) => `(${column} AT TIME ZONE 'Asia/Bangkok')::date`;
        const raw = await client.query(
          `SELECT count(*) FILTER (WHERE ${bkk('activated_at')} >= $1 AND ${bkk('activated_at')} < $2)::int AS enrollments,
                  count(DISTINCT user_id) FILTER (WHERE ${bkk('activated_at')} >= $1 AND ${bkk('activated_at')} < $2 AND channel = 'online')::int AS online,
                  count(DISTINCT user_id) FILTER (WHERE ${bkk('started_at')} >= $1 AND ${bkk('started_at')} < $2)::int AS attendees,
                  (SELECT count(*) FROM credential WHERE ${bkk('issued_at')} >= $1 AND ${bkk('issued_at')} < $2)::int AS certificates
             FROM enrollment`,
          [from, to],
        );
        const rolled = await client.query(
          `SELECT (SELECT sum(enrollments) FROM report_course_day WHERE day >= $1 AND day < $2)::int AS enrollments,
                  (SELECT count(*) FROM report_learner_year WHERE fiscal_year = $3 AND online_months <> 0)::int AS online,
                  (SELECT count(*) FROM report_learner_year WHERE fiscal_year = $3 AND started_months <> 0)::int AS attendees,
                  (SELECT sum(certificates) FROM report_course_day WHERE day >= $1 AND day < $2)::int AS certificates`,
          [from, to, fy],
        );
        expect({ fy, ...rolled.rows[0] }).toEqual({ fy, ...raw.rows[0] });
        expect(raw.rows[0].enrollments).toBeGreaterThan(1_000);
        expect(raw.rows[0].attendees).toBeGreaterThan(0);
        expect(raw.rows[0].certificates).toBeGreaterThan(0);
        const reach = await client.query(`SELECT count(DISTINCT day)::int AS days FROM report_reach_day WHERE page_key = '*' AND day >= $1 AND day < $2`, [from, to]);
        expect(reach.rows[0].days).toBeGreaterThanOrEqual(365);
        const plans = await client.query(`SELECT count(DISTINCT target_group)::int AS groups FROM report_plan WHERE fiscal_year = $1`, [fy]);
        expect(plans.rows[0].groups).toBe(6);
      }
      // Some enrolments never started: attendees are not simply everyone enrolled.
      const never = await client.query(`SELECT count(*)::int AS n FROM enrollment WHERE activated_at IS NOT NULL AND started_at IS NULL`);
      expect(never.rows[0].n).toBeGreaterThan(0);
      const progressBeforeStart = await client.query(
        `SELECT count(*)::int AS n FROM lesson_progress p JOIN enrollment e ON e.id = p.enrollment_id WHERE e.started_at IS NULL OR p.updated_at < e.started_at`,
      );
      expect(progressBeforeStart.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('gives quiz attempts only to seated learners, graded as the worker grades them, and keeps the completion rule true to every status', async () => {
    const client = new pg.Client({ connectionString: databases[0].url });
    await client.connect();
    try {
      const strays = await client.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM quiz_attempt a JOIN quiz q ON q.id = a.quiz_id JOIN enrollment e ON e.id = a.enrollment_id
        WHERE e.user_id <> a.user_id OR e.course_id <> q.course_id OR e.status NOT IN ('active', 'completed') OR e.started_at IS NULL OR a.started_at < e.started_at`);
      expect(strays.rows[0].n).toBe(0);
      // Attempt numbers run 1, 2, … per learner and quiz; graded ones have exactly one grade, open ones none.
      const numbering = await client.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM (SELECT quiz_id, user_id FROM quiz_attempt GROUP BY 1, 2 HAVING max(number) <> count(*) OR min(number) <> 1) x`);
      expect(numbering.rows[0].n).toBe(0);
      const statuses = await client.query<{ status: string; graded: number; n: number }>(
        `SELECT a.status, count(g.attempt_id)::int AS graded, count(*)::int AS n FROM quiz_attempt a LEFT JOIN quiz_grade g ON g.attempt_id = a.id GROUP BY 1 ORDER BY 1`,
      );
      expect(statuses.rows.map((r) => r.status)).toEqual(['graded', 'in_progress']);
      for (const row of statuses.rows) expect(row.graded).toBe(row.status === 'graded' ? row.n : 0);
      const open = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM quiz_attempt WHERE status = 'in_progress' AND (deadline_at IS NOT NULL OR submitted_at IS NOT NULL)`);
      expect(open.rows[0].n).toBe(0);

      // Every grade is what the worker's grading function makes of the stored questions and responses.
      const graded = await client.query<{ questions: DeliveredQuestion[]; responses: Record<string, QuestionResponse>; definitions: Record<string, Question>; score: string; percent: string; passed: boolean; details: AttemptGrade }>(`
        SELECT a.questions, a.responses, g.score, g.percent, g.passed, g.details,
               (SELECT jsonb_object_agg(d.id, d.definition) FROM question d WHERE d.id IN (SELECT (x->>'questionId')::uuid FROM jsonb_array_elements(a.questions) x)) AS definitions
        FROM quiz_attempt a JOIN quiz_grade g ON g.attempt_id = a.id`);
      const passedCount = graded.rows.filter((r) => r.passed).length;
      expect(passedCount).toBeGreaterThan(0);
      expect(passedCount).toBeLessThan(graded.rows.length);
      for (const row of graded.rows) {
        const computed = computeGrade(row, new Map(Object.entries(row.definitions).map(([id, d]) => [id, { ...d, id }])), 60);
        expect({ score: Number(row.score), percent: Number(row.percent), passed: row.passed, details: row.details }).toEqual(
          { score: computed.grade.score, percent: computed.percent, passed: computed.passed, details: computed.grade });
      }

      // A quiz lesson is completed exactly where an attempt passed, at its grading; every completion of a quiz course has one.
      const quizLessons = await client.query<{ passed_without: number; completed_without: number; progress_without: number }>(`
        WITH quiz_lesson AS (SELECT l.id, l.course_id, (l.content->>'quizId')::uuid AS quiz_id FROM lesson l WHERE l.type = 'quiz'),
             passes AS (SELECT a.enrollment_id, a.quiz_id, min(g.graded_at) AS at FROM quiz_attempt a JOIN quiz_grade g ON g.attempt_id = a.id WHERE g.passed GROUP BY 1, 2)
        SELECT (SELECT count(*) FROM passes p JOIN quiz_lesson l ON l.quiz_id = p.quiz_id
                 LEFT JOIN lesson_progress lp ON lp.enrollment_id = p.enrollment_id AND lp.lesson_id = l.id AND lp.status = 'completed' AND lp.completed_at = p.at
                 WHERE lp.lesson_id IS NULL)::int AS passed_without,
               (SELECT count(*) FROM enrollment e JOIN quiz_lesson l ON l.course_id = e.course_id LEFT JOIN passes p ON p.enrollment_id = e.id
                 WHERE e.status = 'completed' AND (p.at IS NULL OR p.at > e.completed_at))::int AS completed_without,
               (SELECT count(*) FROM lesson_progress lp JOIN quiz_lesson l ON l.id = lp.lesson_id LEFT JOIN passes p ON p.enrollment_id = lp.enrollment_id
                 WHERE p.at IS NULL)::int AS progress_without`);
      expect(quizLessons.rows[0]).toEqual({ passed_without: 0, completed_without: 0, progress_without: 0 });

      // The product's completion rule, on each seated enrolment's progress and attendance, agrees with its status.
      const snapshots = await client.query<{ course_id: string; snapshot: PublishedCourseSnapshot }>(
        `SELECT course_id, snapshot FROM course_version v JOIN course c ON c.id = v.course_id AND c.published_version = v.version WHERE c.slug LIKE 'bench-%'`,
      );
      const byCourse = new Map(snapshots.rows.map((r) => [r.course_id, r.snapshot]));
      const seated = await client.query<{ course_id: string; status: string; lessons: string[] | null; sessions: string[] | null }>(`
        SELECT e.course_id, e.status,
               (SELECT array_agg(lesson_id::text) FROM lesson_progress p WHERE p.enrollment_id = e.id AND p.status = 'completed') AS lessons,
               (SELECT array_agg(lesson_id::text) FROM session_attendance s WHERE s.enrollment_id = e.id AND s.status = 'present') AS sessions
        FROM enrollment e WHERE e.status IN ('active', 'completed')`);
      const disagreeing = seated.rows.filter((e) => {
        const snapshot = byCourse.get(e.course_id) as PublishedCourseSnapshot;
        return assessCompletion(snapshot, new Set(e.lessons ?? []), new Set(e.sessions ?? [])).met !== (e.status === 'completed');
      });
      expect(seated.rows.length).toBeGreaterThan(10_000);
      expect(disagreeing).toEqual([]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
