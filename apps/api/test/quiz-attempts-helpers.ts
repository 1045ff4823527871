import type { Question } from '@baanrian/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { publishTestCourse } from './catalog-fixture';

const text = (t: string) => ({ text: t, format: 'plain' as const });

/** One question of each auto-graded type, with feedback everywhere, so a leak would show. */
export function sampleQuestions(): Question[] {
  return [
    {
      id: 'q-single', type: 'single_choice', stem: text('ข้อใดคือเมืองหลวงของไทย'), points: 1, tags: [], generalFeedback: text('GENERAL-FEEDBACK'),
      options: [
        { id: 'o-bkk', text: text('กรุงเทพฯ'), weight: 1, feedback: text('OPTION-FEEDBACK-RIGHT') },
        { id: 'o-cnx', text: text('เชียงใหม่'), weight: 0, feedback: text('OPTION-FEEDBACK-WRONG') },
        { id: 'o-hkt', text: text('ภูเก็ต'), weight: 0 },
      ],
    },
    {
      id: 'q-multi', type: 'multiple_choice', stem: text('Chọn các số chẵn'), points: 2, tags: [],
      options: [
        { id: 'm-2', text: text('2'), weight: 0.5 },
        { id: 'm-4', text: text('4'), weight: 0.5 },
        { id: 'm-5', text: text('5'), weight: -1, feedback: text('ODD') },
      ],
    },
    { id: 'q-tf', type: 'true_false', stem: text('The sky is blue'), points: 1, tags: [], correct: true, feedbackTrue: text('YES'), feedbackFalse: text('NO') },
    { id: 'q-short', type: 'short_text', stem: text('สวัสดี in English'), points: 1, tags: [], answers: [{ id: 'a-hello', text: 'hello', weight: 1, feedback: text('ANSWER-FEEDBACK') }] },
    { id: 'q-num', type: 'numeric', stem: text('2 + 2'), points: 1, tags: [], answers: [{ id: 'n-4', match: { kind: 'value', value: 4, tolerance: 0 }, weight: 1 }] },
    { id: 'q-order', type: 'ordering', stem: text('Order'), points: 1, tags: [], items: [{ id: 'i-1', text: text('one') }, { id: 'i-2', text: text('two') }, { id: 'i-3', text: text('three') }] },
    {
      id: 'q-match', type: 'matching', stem: text('Match'), points: 1, tags: [], distractors: ['four'],
      pairs: [{ id: 'p-1', prompt: text('1'), answer: 'one' }, { id: 'p-2', prompt: text('2'), answer: 'two' }],
    },
  ];
}

export interface QuizFixture {
  courseId: string;
  quizId: string;
  /** Bank row ids by the definitions' ids (q-single → uuid). */
  questionIds: Record<string, string>;
}

let counter = 0;

/** A published course (as the studio publishes) with a quiz over `questions`, written as the authoring API writes them. */
export async function createQuiz(
  db: DataSource,
  settings: Record<string, unknown> = {},
  questions: Question[] = sampleQuestions(),
  courseId?: string,
): Promise<QuizFixture> {
  const course = courseId ?? (await publishTestCourse(db, { slug: `quiz-${Date.now()}-${++counter}` })).courseId;
  const questionIds: Record<string, string> = {};
  for (const q of questions) {
    const [row] = await db.query(`INSERT INTO question (course_id, type, definition) VALUES ($1, $2, $3::jsonb) RETURNING id`, [course, q.type, JSON.stringify(q)]);
    questionIds[q.id] = row.id;
  }
  const columns = { title: 'แบบทดสอบท้ายบท', attempts_allowed: 2, question_ids: Object.values(questionIds), ...settings };
  const names = Object.keys(columns);
  const [quiz] = await db.query(
    `INSERT INTO quiz (course_id, ${names.join(', ')}) VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
    [course, ...names.map((n) => {
      const v = (columns as Record<string, unknown>)[n];
      return n === 'draws' ? JSON.stringify(v) : v;
    })],
  );
  return { courseId: course, quizId: quiz.id, questionIds };
}

/** A seat for `userId`, as enrolment writes it (the enrolment API is tested on its own). */
export async function enrolIn(db: DataSource, courseId: string, userId: string): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at) VALUES ($1, $2, 'active', 'online', 'self', now()) RETURNING id`,
    [courseId, userId],
  );
  return row.id;
}

/** An attempt written directly (for the authorisation matrix): in progress, or graded with a grade row. */
export async function insertAttempt(db: DataSource, fixture: QuizFixture, userId: string, status: 'in_progress' | 'graded' = 'in_progress'): Promise<string> {
  const [seat] = await db.query(`SELECT id FROM enrollment WHERE course_id = $1 AND user_id = $2`, [fixture.courseId, userId]);
  const enrollmentId = seat?.id ?? (await enrolIn(db, fixture.courseId, userId));
  const id = randomUUID();
  const questions = Object.values(fixture.questionIds).map((questionId) => ({ questionId }));
  const [{ n }] = await db.query(`SELECT count(*)::int + 1 AS n FROM quiz_attempt WHERE quiz_id = $1 AND user_id = $2`, [fixture.quizId, userId]);
  await db.query(
    `INSERT INTO quiz_attempt (id, quiz_id, user_id, enrollment_id, number, status, questions, submitted_at, close_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, CASE WHEN $6 = 'graded' THEN now() END, CASE WHEN $6 = 'graded' THEN 'submitted' END)`,
    [id, fixture.quizId, userId, enrollmentId, n, status, JSON.stringify(questions)],
  );
  if (status === 'graded') {
    await db.query(
      `INSERT INTO quiz_grade (attempt_id, score, max_score, percent, passed, details) VALUES ($1, 0, 8, 0, false, $2::jsonb)`,
      [id, JSON.stringify({ score: 0, maxScore: 8, correct: false, pendingManual: false, questions: [] })],
    );
  }
  return id;
}

