import { randomUUID } from 'node:crypto';
import type { PublishedCourseSnapshot, PublishedLesson, SingleChoiceQuestion } from '@baanrian/contracts';
import type { SmtpSink } from '@baanrian/testing';
import pg from 'pg';
import { runLearner } from './fault.learner';

/**
 * What the workload and the invariant checker need of a running stack: a structural subset of
 * `FaultStack` (tools/faults/fault.stack.ts, contract in /work/notes/faults-contract.md), so a
 * FaultStack is accepted as is and the spec can pass a smaller stand-in.
 */
export interface WorkloadStack {
  baseUrl: string;
  databaseUrl: string;
  redisUrl: string;
  smtp: SmtpSink;
  env: Record<string, string>;
  token(userId: string, roles?: string[]): Promise<string>;
}

export interface WorkloadLearner {
  userId: string;
  enrollmentId: string;
  /** Each learner has an address, so a completed course ends in one certificate mail. */
  email: string;
  /** Whether the workload answers this learner's quiz well enough to pass (see `answersPass`). */
  passes: boolean;
}

export interface WorkloadData {
  courseId: string;
  quizId: string;
  /** The text lessons the workload marks done (PUT progress); the quiz lesson completes by passing. */
  lessonIds: string[];
  quizLessonId: string;
  /** Bank row ids of the quiz's questions: responses are keyed by them. */
  questionIds: string[];
  learners: WorkloadLearner[];
  /** An administrator (I5 reads the failed-jobs list as one). */
  adminUserId: string;
}

export interface WorkloadOutcome {
  /** Attempt ids whose submit answered 2xx. */
  submitted: string[];
  /** Learners for whom every step (start, autosave, submit, each lesson) answered 2xx. */
  completedLearners: string[];
  /** Steps that did not answer 2xx: the HTTP status and problem code, or `deadline (last: …)` after retrying. */
  errors: { step: string; status: number | string; code?: string }[];
}

export const QUESTIONS = 5;
export const PASSING_PERCENT = 60;
const TEXT_LESSONS = 2;

/** Nine learners in ten pass: the rest prove a failed quiz earns no certificate. */
export const answersPass = (index: number): boolean => index % 10 !== 9;

/** Single-choice questions whose right option is `right`; a wrong answer picks `wrong`. */
function question(n: number): Omit<SingleChoiceQuestion, 'id'> {
  const text = (t: string) => ({ text: t, format: 'plain' as const });
  return {
    type: 'single_choice',
    stem: text(`ข้อ ${n + 1}: ข้อใดถูกต้อง`),
    points: 1,
    tags: [],
    options: [
      { id: 'right', text: text('ถูก'), weight: 1 },
      { id: 'wrong', text: text('ผิด'), weight: 0 },
    ],
  };
}

/** All answers right for a passing learner; one right in five (20 % < 60 %) for the others. */
export function responsesFor(data: WorkloadData, passes: boolean): Record<string, { type: 'single_choice'; optionId: string }> {
  return Object.fromEntries(data.questionIds.map((id, i) => [id, { type: 'single_choice' as const, optionId: passes || i === 0 ? 'right' : 'wrong' }]));
}

/**
 * One published self-paced course (two text lessons and a quiz lesson, all required; a passed quiz
 * completes the quiz lesson, see the grading worker), and `learners` people enrolled. Written with
 * SQL in a handful of statements (1,000 learners in well under a second), as the authoring,
 * publishing and enrolment APIs would leave them: those APIs have their own tests, and the fault
 * suite is about what happens after.
 */
export async function prepareWorkload(stack: WorkloadStack, learners: number): Promise<WorkloadData> {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const run = randomUUID().slice(0, 8);
    const [course] = (
      await client.query<{ id: string }>(
        `INSERT INTO course (slug, title, summary, language, target_groups, format, status, published_version, published_at, learning_hours)
         VALUES ($1, $2, $3, 'th', '{general_public}', 'self_paced', 'published', 1, now(), 3) RETURNING id`,
        [`fault-${run}`, { th: `หลักสูตรทดสอบความทนทาน ${run}` }, { th: 'เรียนสองบทและผ่านแบบทดสอบ' }],
      )
    ).rows;
    const questionIds: string[] = [];
    for (let n = 0; n < QUESTIONS; n++) {
      const definition = question(n);
      const { rows } = await client.query<{ id: string }>(`INSERT INTO question (course_id, type, definition) VALUES ($1, $2, $3) RETURNING id`, [course.id, definition.type, definition]);
      questionIds.push(rows[0].id);
    }
    // Unlimited attempts: a start retried after its answer was lost resumes the open attempt anyway.
    const [quiz] = (
      await client.query<{ id: string }>(
        `INSERT INTO quiz (course_id, title, attempts_allowed, passing_percent, results_policy, question_ids) VALUES ($1, 'แบบทดสอบท้ายหลักสูตร', NULL, $2, 'immediately', $3) RETURNING id`,
        [course.id, PASSING_PERCENT, questionIds],
      )
    ).rows;
    const [module] = (await client.query<{ id: string }>(`INSERT INTO course_module (course_id, title, position) VALUES ($1, 'บทเรียน', 0) RETURNING id`, [course.id])).rows;
    const lessons: PublishedLesson[] = [
      ...Array.from({ length: TEXT_LESSONS }, (_, i): PublishedLesson => ({
        id: randomUUID(), type: 'text', title: `บทที่ ${i + 1}`, required: true, position: i, durationMinutes: 10, content: { body: 'เนื้อหา' },
      })),
      { id: randomUUID(), type: 'quiz', title: 'แบบทดสอบ', required: true, position: TEXT_LESSONS, durationMinutes: 10, content: { quizId: quiz.id } },
    ];
    for (const l of lessons) {
      await client.query(`INSERT INTO lesson (id, course_id, module_id, type, title, required, position, duration_minutes, content) VALUES ($1, $2, $3, $4, $5, true, $6, 10, $7)`, [
        l.id, course.id, module.id, l.type, l.title, l.position, l.content,
      ]);
    }
    const snapshot: PublishedCourseSnapshot = {
      courseId: course.id, version: 1, slug: `fault-${run}`, title: { th: `หลักสูตรทดสอบความทนทาน ${run}` }, summary: { th: 'เรียนสองบทและผ่านแบบทดสอบ' },
      description: { th: '' }, language: 'th', targetGroups: ['general_public'], format: 'self_paced', categorySlug: null, tags: [], coverMediaId: null,
      capacity: null, enrollmentOpensAt: null, enrollmentClosesAt: null, startsAt: null, endsAt: null, learningHours: 3, sequential: false,
      completionAttendancePercent: null, ownerId: randomUUID(), instructorIds: [], modules: [{ id: module.id, title: 'บทเรียน', position: 0, lessons }],
      publishedAt: new Date().toISOString(), publishedById: randomUUID(),
    };
    await client.query(`INSERT INTO course_version (course_id, version, snapshot) VALUES ($1, 1, $2)`, [course.id, snapshot]);

    // Ids made here, so the learners keep their order (and with it who passes) without relying on RETURNING's order.
    const people = Array.from({ length: learners }, (_, i) => ({ userId: randomUUID(), enrollmentId: randomUUID(), email: `learner-${i}.${run}@faults.baanrian.test`, passes: answersPass(i) }));
    const adminUserId = randomUUID();
    await client.query(
      `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS t(id, email, n)),
            users AS (INSERT INTO app_user (id, email, account_code, display_name, target_group)
                      SELECT id, email, 'FL-' || $3 || '-' || n, 'ผู้เรียน ' || n, 'general_public' FROM input RETURNING id)
       INSERT INTO user_role (user_id, role) SELECT id, 'learner' FROM users`,
      [people.map((p) => p.userId), people.map((p) => p.email), run],
    );
    await client.query(
      `INSERT INTO enrollment (id, course_id, user_id, status, channel, source, activated_at)
       SELECT e, $1, u, 'active', 'online', 'self', now() FROM unnest($2::uuid[], $3::uuid[]) AS t(e, u)`,
      [course.id, people.map((p) => p.enrollmentId), people.map((p) => p.userId)],
    );
    await client.query(`INSERT INTO app_user (id, email, account_code, display_name, target_group) VALUES ($1, $2, $3, 'ผู้ดูแลระบบ', 'general_public')`, [
      adminUserId, `admin.${run}@faults.baanrian.test`, `FA-${run}`,
    ]);
    await client.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'admin'), ($1, 'learner')`, [adminUserId]);
    await client.query('COMMIT');
    return {
      courseId: course.id, quizId: quiz.id, lessonIds: lessons.filter((l) => l.type === 'text').map((l) => l.id),
      quizLessonId: lessons[TEXT_LESSONS].id, questionIds, learners: people, adminUserId,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Every learner, through the HTTP API at `stack.baseUrl`: start an attempt, autosave one answer,
 * submit the rest with an Idempotency-Key (retried with the SAME key on 5xx, 429 or a network
 * error), then mark the text lessons done. At most `concurrency` learners at a time (default 50).
 * `deadlineMs` is the time budget from the call (default 10 minutes): retries stop there, and the
 * learner's step is recorded as an error; nothing throws on 5xx.
 */
export async function runWorkload(
  stack: WorkloadStack,
  data: WorkloadData,
  options: { concurrency?: number; deadlineMs?: number; onProgress?: (done: number) => void } = {},
): Promise<WorkloadOutcome> {
  const outcome: WorkloadOutcome = { submitted: [], completedLearners: [], errors: [] };
  const deadline = Date.now() + (options.deadlineMs ?? 10 * 60_000);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < data.learners.length) {
      const learner = data.learners[next++];
      await runLearner(stack, data, learner, responsesFor(data, learner.passes), deadline, outcome);
      options.onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 50, data.learners.length)) }, lane));
  return outcome;
}
