import type { Question } from '@baanrian/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

const text = (t: string) => ({ text: t, format: 'plain' as const });

/** `count` single-choice questions worth a point each; the right option is `right`. */
export function choiceQuestions(count: number): Question[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `q${i}`,
    type: 'single_choice' as const,
    stem: text(`ข้อ ${i + 1}`),
    points: 1,
    tags: [],
    options: [
      { id: 'right', text: text('ถูก'), weight: 1 },
      { id: 'wrong', text: text('ผิด'), weight: 0 },
      { id: 'other', text: text('อื่น'), weight: 0 },
    ],
  }));
}

export interface GradingFixture {
  courseId: string;
  quizId: string;
  quizLessonId: string;
  textLessonId: string;
  questionIds: string[];
}

let counter = 0;

/**
 * A published course with a text lesson and a quiz lesson pointing at a quiz over `questions`,
 * written as the studio, publishing and authoring write them (each tested on its own).
 */
export async function gradingCourse(db: DataSource, questions: Question[], settings: { passing_percent?: number; grading_method?: string } = {}): Promise<GradingFixture> {
  const n = `${Date.now()}-${++counter}`;
  const [course] = await db.query(
    `INSERT INTO course (slug, title, summary, language, target_groups, format, status, published_version, published_at)
     VALUES ($1, '{"th":"วิชา"}', '{"th":""}', 'th', '{youth}', 'self_paced', 'published', 1, now()) RETURNING id`,
    [`grading-${n}`],
  );
  const [module] = await db.query(`INSERT INTO course_module (course_id, title, position) VALUES ($1, 'บทที่ 1', 0) RETURNING id`, [course.id]);
  const questionIds: string[] = [];
  for (const q of questions) {
    const [row] = await db.query(`INSERT INTO question (course_id, type, definition) VALUES ($1, $2, $3::jsonb) RETURNING id`, [course.id, q.type, JSON.stringify(q)]);
    questionIds.push(row.id);
  }
  const [quiz] = await db.query(
    `INSERT INTO quiz (course_id, title, attempts_allowed, passing_percent, grading_method, question_ids) VALUES ($1, 'ท้ายบท', NULL, $2, $3, $4) RETURNING id`,
    [course.id, settings.passing_percent ?? 60, settings.grading_method ?? 'highest', questionIds],
  );
  const lesson = async (type: string, position: number, content: object) =>
    (await db.query(`INSERT INTO lesson (course_id, module_id, type, title, required, position, content) VALUES ($1, $2, $3, $4, true, $5, $6::jsonb) RETURNING id`,
      [course.id, module.id, type, `${type} ${position}`, position, JSON.stringify(content)]))[0].id as string;
  const textLessonId = await lesson('text', 0, { body: 'อ่าน' });
  const quizLessonId = await lesson('quiz', 1, { quizId: quiz.id });
  const snapshot = {
    courseId: course.id, version: 1, slug: `grading-${n}`, title: { th: 'วิชา' }, summary: { th: '' }, description: { th: '' }, language: 'th',
    targetGroups: ['youth'], format: 'self_paced', categorySlug: null, tags: [], coverMediaId: null, capacity: null, enrollmentOpensAt: null,
    enrollmentClosesAt: null, startsAt: null, endsAt: null, learningHours: null, sequential: false, completionAttendancePercent: null,
    ownerId: randomUUID(), instructorIds: [], publishedAt: new Date().toISOString(), publishedById: randomUUID(),
    modules: [{ id: module.id, title: 'บทที่ 1', position: 0, lessons: [
      { id: textLessonId, type: 'text', title: 'อ่าน', required: true, position: 0, durationMinutes: null, content: { body: 'อ่าน' } },
      { id: quizLessonId, type: 'quiz', title: 'ท้ายบท', required: true, position: 1, durationMinutes: null, content: { quizId: quiz.id } },
    ] }],
  };
  await db.query(`INSERT INTO course_version (course_id, version, snapshot, published_at) VALUES ($1, 1, $2::jsonb, now())`, [course.id, JSON.stringify(snapshot)]);
  return { courseId: course.id, quizId: quiz.id, quizLessonId, textLessonId, questionIds };
}

/** A learner with an active enrolment in the course. */
export async function enrolledLearner(db: DataSource, courseId: string): Promise<{ userId: string; enrollmentId: string }> {
  const code = `BR-${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  const [user] = await db.query(`INSERT INTO app_user (account_code, display_name, target_group) VALUES ($1, 'ผู้เรียน', 'youth') RETURNING id`, [code]);
  const [enrollment] = await db.query(
    `INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at) VALUES ($1, $2, 'active', 'online', 'self', now()) RETURNING id`,
    [courseId, user.id],
  );
  return { userId: user.id, enrollmentId: enrollment.id };
}

/**
 * A submitted attempt answering `right` on the first `rightCount` questions (the rest `wrong`), as
 * the API's submit writes it, optionally with its `attempt.submitted` outbox event.
 */
export async function submittedAttempt(
  db: DataSource,
  fixture: GradingFixture,
  learner: { userId: string; enrollmentId: string },
  rightCount: number,
  options: { status?: 'submitted' | 'in_progress'; deadlineAt?: Date | null } = {},
): Promise<string> {
  const responses = Object.fromEntries(fixture.questionIds.map((id, i) => [id, { type: 'single_choice', optionId: i < rightCount ? 'right' : 'wrong' }]));
  const [{ n }] = await db.query(`SELECT count(*)::int + 1 AS n FROM quiz_attempt WHERE quiz_id = $1 AND user_id = $2`, [fixture.quizId, learner.userId]);
  const status = options.status ?? 'submitted';
  const [row] = await db.query(
    `INSERT INTO quiz_attempt (quiz_id, user_id, enrollment_id, number, status, questions, responses, submitted_at, close_reason, deadline_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, CASE WHEN $5 = 'submitted' THEN now() END, CASE WHEN $5 = 'submitted' THEN 'submitted' END, $8) RETURNING id`,
    [fixture.quizId, learner.userId, learner.enrollmentId, n, status, JSON.stringify(fixture.questionIds.map((questionId) => ({ questionId }))), JSON.stringify(responses), options.deadlineAt ?? null],
  );
  return row.id;
}
