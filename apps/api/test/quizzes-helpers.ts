import type { DataSource } from 'typeorm';
import { bearer, type Http } from './accounts-helpers';
import { createCourse } from './courses-helpers';

/** Question definitions as the studio's editor sends them (ids left to the bank). */
export const SINGLE = {
  type: 'single_choice',
  stem: { text: 'เมืองหลวงของประเทศไทยคือ?', format: 'plain' },
  points: 1,
  tags: ['geography'],
  options: [
    { text: { text: 'กรุงเทพฯ', format: 'plain' }, weight: 1 },
    { text: { text: 'เชียงใหม่', format: 'plain' }, weight: 0 },
  ],
};

export const SHORT = {
  type: 'short_text',
  stem: { text: 'Thủ đô của Việt Nam là gì?', format: 'markdown' },
  points: 2,
  tags: ['geography', 'vietnam'],
  answers: [{ text: 'Hà Nội', weight: 1 }],
};

export const TRUE_FALSE = { type: 'true_false', stem: { text: 'The sun is a star', format: 'plain' }, points: 1, tags: [], correct: true };

export async function newCourse(http: Http, token: string): Promise<string> {
  return (await createCourse(http, token)).id;
}

export async function addQuestion(http: Http, token: string, courseId: string, definition: object = SINGLE, categoryPath?: string) {
  const res = await http()
    .post(`/api/v1/studio/courses/${courseId}/questions`)
    .set(bearer(token))
    .send({ definition, ...(categoryPath ? { categoryPath } : {}) })
    .expect(201);
  return res.body as { id: string; keyRevision: number; definition: Record<string, unknown> & { options?: { id: string; weight: number }[] }; categoryId: string | null };
}

export async function addQuiz(http: Http, token: string, courseId: string, body: object) {
  const res = await http().post(`/api/v1/studio/courses/${courseId}/quizzes`).set(bearer(token)).send({ title: 'แบบทดสอบท้ายบท', ...body }).expect(201);
  return res.body as { id: string; questionCount: number; maxScore: number | null };
}

/** A learner holding a seat in a course (enrolment rows as the enrolment flow writes them). */
export async function enrolIn(db: DataSource, courseId: string, userId: string): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at) VALUES ($1, $2, 'active', 'onsite', 'self', now()) RETURNING id`,
    [courseId, userId],
  );
  return row.id;
}

/**
 * A closed attempt as the attempts API and grading worker leave it (they are another module's):
 * delivered questions, submitted, and graded when `percent` is given.
 */
export async function closedAttempt(
  db: DataSource,
  a: { quizId: string; userId: string; enrollmentId: string; number: number; questionIds: string[]; percent?: number; passed?: boolean },
): Promise<string> {
  const status = a.percent === undefined ? 'submitted' : 'graded';
  const [row] = await db.query(
    `INSERT INTO quiz_attempt (quiz_id, user_id, enrollment_id, number, status, questions, submitted_at, close_reason)
     VALUES ($1, $2, $3, $4::int, $5, $6::jsonb, now() - make_interval(mins => 10 - $4::int), 'submitted') RETURNING id`,
    [a.quizId, a.userId, a.enrollmentId, a.number, status, JSON.stringify(a.questionIds.map((questionId) => ({ questionId })))],
  );
  if (a.percent !== undefined) {
    await db.query(
      `INSERT INTO quiz_grade (attempt_id, score, max_score, percent, passed, details) VALUES ($1, $2::numeric, 10, $2::numeric * 10, $3, $4::jsonb)`,
      [row.id, a.percent / 10, a.passed ?? a.percent >= 60, JSON.stringify({ score: a.percent / 10, maxScore: 10, correct: false, pendingManual: false, questions: [] })],
    );
  }
  return row.id;
}
