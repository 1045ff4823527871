import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Bench data for the grading group: one course, a 20-question quiz, enrolled learners, submitted attempts. */

export const QUESTIONS_PER_QUIZ = 20;

const text = (t: string) => ({ text: t, format: 'plain' });

/** A realistic mix: single and multiple choice, true/false, Thai short text, numbers. */
export function benchQuestion(i: number): object {
  const common = { id: `q${i}`, stem: text(`คำถามข้อที่ ${i + 1}`), points: 1, tags: [] };
  switch (i % 5) {
    case 0:
      return { ...common, type: 'single_choice', options: ['ก', 'ข', 'ค', 'ง'].map((t, k) => ({ id: `o${k}`, text: text(t), weight: k === 1 ? 1 : 0 })) };
    case 1:
      return { ...common, type: 'multiple_choice', options: [0.5, 0.5, -1, 0].map((w, k) => ({ id: `o${k}`, text: text(`ตัวเลือก ${k}`), weight: w })) };
    case 2:
      return { ...common, type: 'true_false', correct: true };
    case 3:
      return { ...common, type: 'short_text', answers: [{ id: 'a', text: 'กรุงเทพมหานคร', weight: 1 }, { id: 'b', text: 'กรุงเทพ*', weight: 0.5 }] };
    default:
      return { ...common, type: 'numeric', answers: [{ id: 'a', match: { kind: 'value', value: 3.14, tolerance: 0.01 }, weight: 1 }] };
  }
}

/** A response to benchQuestion(i), right or wrong. */
export function benchResponse(i: number, correct: boolean): object {
  switch (i % 5) {
    case 0:
      return { type: 'single_choice', optionId: correct ? 'o1' : 'o2' };
    case 1:
      return { type: 'multiple_choice', optionIds: correct ? ['o0', 'o1'] : ['o0', 'o2'] };
    case 2:
      return { type: 'true_false', value: correct };
    case 3:
      return { type: 'short_text', text: correct ? ' กรุงเทพ มหานคร ' : 'เชียงใหม่' };
    default:
      return { type: 'numeric', text: correct ? '3,14' : '๓' };
  }
}

export interface GradingBenchData {
  courseId: string;
  quizId: string;
  questionIds: string[];
  /** Enrolled learners: [userId, enrollmentId]. */
  learners: [string, string][];
}

export async function createGradingData(db: DataSource, learnerCount: number): Promise<GradingBenchData> {
  const slug = `grading-bench-${randomUUID().slice(0, 8)}`;
  const [course] = await db.query(
    `INSERT INTO course (slug, title, summary, language, target_groups, format, status) VALUES ($1, '{"th":"แบบทดสอบ"}', '{"th":""}', 'th', '{youth}', 'self_paced', 'draft') RETURNING id`,
    [slug],
  );
  const questionIds: string[] = [];
  for (let i = 0; i < QUESTIONS_PER_QUIZ; i++) {
    const q = benchQuestion(i) as { type: string };
    const [row] = await db.query(`INSERT INTO question (course_id, type, definition) VALUES ($1, $2, $3::jsonb) RETURNING id`, [course.id, q.type, JSON.stringify(q)]);
    questionIds.push(row.id);
  }
  const [quiz] = await db.query(`INSERT INTO quiz (course_id, title, attempts_allowed, question_ids) VALUES ($1, 'bench', NULL, $2) RETURNING id`, [course.id, questionIds]);
  const rows: { user_id: string; id: string }[] = await db.query(
    `WITH u AS (INSERT INTO app_user (account_code, display_name, target_group)
                SELECT 'BG-' || substr(md5(random()::text || g), 1, 12), 'ผู้เรียน ' || g, 'youth' FROM generate_series(1, $2) g RETURNING id)
     INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at) SELECT $1, id, 'active', 'online', 'self', now() FROM u RETURNING user_id, id`,
    [course.id, learnerCount],
  );
  return { courseId: course.id, quizId: quiz.id, questionIds, learners: rows.map((r) => [r.user_id, r.id]) };
}

/**
 * `count` submitted attempts (learners round-robin), each with 20 responses (about 70 % right),
 * as the API's submit leaves them. Returns their ids. With `outbox`, each also gets its
 * `attempt.submitted` event, as the submit writes it.
 */
export async function insertSubmittedAttempts(db: DataSource, data: GradingBenchData, count: number, outbox = false): Promise<string[]> {
  const questions = JSON.stringify(data.questionIds.map((questionId) => ({ questionId })));
  const ids: string[] = [];
  const values: unknown[][] = [];
  for (let n = 0; n < count; n++) {
    const [userId, enrollmentId] = data.learners[n % data.learners.length];
    const responses = Object.fromEntries(data.questionIds.map((id, i) => [id, benchResponse(i, (n + i) % 10 < 7)]));
    const id = randomUUID();
    ids.push(id);
    values.push([id, userId, enrollmentId, JSON.stringify(responses)]);
  }
  for (let i = 0; i < values.length; i += 500) {
    const chunk = values.slice(i, i + 500);
    await db.transaction(async (m) => {
      await m.query(
        `INSERT INTO quiz_attempt (id, quiz_id, user_id, enrollment_id, number, status, questions, responses, submitted_at, close_reason)
         SELECT x.id, $1, x.user_id, x.enrollment_id, (SELECT coalesce(max(number), 0) FROM quiz_attempt WHERE quiz_id = $1 AND user_id = x.user_id) + x.ord, 'submitted', $2::jsonb, x.responses, now(), 'submitted'
         FROM (SELECT *, row_number() OVER (PARTITION BY user_id) AS ord FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, user_id uuid, enrollment_id uuid, responses jsonb)) x`,
        [data.quizId, questions, JSON.stringify(chunk.map(([id, user_id, enrollment_id, responses]) => ({ id, user_id, enrollment_id, responses: JSON.parse(responses as string) })))],
      );
      if (outbox) {
        await m.query(
          `INSERT INTO outbox_event (type, payload) SELECT 'attempt.submitted', jsonb_build_object('attemptId', id, 'quizId', $1::text, 'userId', user_id) FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, user_id uuid)`,
          [data.quizId, JSON.stringify(chunk.map(([id, user_id]) => ({ id, user_id })))],
        );
      }
    });
  }
  return ids;
}
