import { randomUUID } from 'node:crypto';
import { publishTestCourse } from './catalog-fixture';
import { useTestApi } from './api-app';
import { bearer, signUp } from './accounts-helpers';
import { createQuiz, enrolIn, type QuizFixture } from './quiz-attempts-helpers';

/** A quiz as a lesson of a published course: the sequential lock on starting it, and the player's view of it. */
const api = useTestApi();
const http = api.http;

interface QuizCourse extends QuizFixture {
  readingId: string;
  linkId: string;
  quizLessonId: string;
}

/** One module: a required reading, an optional link (never blocks), then the quiz lesson. */
async function quizCourse(sequential: boolean, settings: Record<string, unknown> = {}): Promise<QuizCourse> {
  const quizId = randomUUID();
  const readingId = randomUUID();
  const linkId = randomUUID();
  const quizLessonId = randomUUID();
  const moduleId = randomUUID();
  const lessons = [
    { id: readingId, type: 'text', required: true, content: { body: 'อ่านก่อนทำแบบทดสอบ' } },
    { id: linkId, type: 'link', required: false, content: { url: 'https://example.org' } },
    { id: quizLessonId, type: 'quiz', required: true, content: { quizId } },
  ].map((l, position) => ({ ...l, title: `${l.type} ${position}`, position, durationMinutes: 5 }));
  const course = await publishTestCourse(api.db(), {
    slug: `quiz-lesson-${randomUUID().slice(0, 8)}`,
    sequential,
    modules: [{ id: moduleId, title: 'บทที่ 1', position: 0, lessons: lessons as never }],
  });
  // The draft rows the snapshot was published from (progress looks lessons up by them).
  await api.db().query(`INSERT INTO course_module (id, course_id, title, position) VALUES ($1, $2, 'บทที่ 1', 0)`, [moduleId, course.courseId]);
  for (const l of lessons) {
    await api.db().query(
      `INSERT INTO lesson (id, course_id, module_id, type, title, required, position, duration_minutes, content) VALUES ($1, $2, $3, $4, $5, $6, $7, 5, $8::jsonb)`,
      [l.id, course.courseId, moduleId, l.type, l.title, l.required, l.position, JSON.stringify(l.content)],
    );
  }
  const fixture = await createQuiz(api.db(), { id: quizId, ...settings }, undefined, course.courseId);
  return { ...fixture, readingId, linkId, quizLessonId };
}

async function learnerIn(course: QuizCourse): Promise<{ id: string; token: string }> {
  const person = await signUp(http);
  await enrolIn(api.db(), course.courseId, person.id);
  return { id: person.id, token: person.accessToken };
}

const start = (course: QuizCourse, token: string) => http().post(`/api/v1/learning/quizzes/${course.quizId}/attempts`).set(bearer(token));
const read = (lessonId: string, token: string) => http().put(`/api/v1/learning/lessons/${lessonId}/progress`).set(bearer(token)).send({});

describe('the sequential lock on starting a quiz', () => {
  it('refuses a new attempt (409, the blocking lesson) until the earlier required lesson is done, like a progress update', async () => {
    const course = await quizCourse(true);
    const learner = await learnerIn(course);

    const refused = await start(course, learner.token).set('Accept-Language', 'en').expect(409);
    // A progress update on the (optional) link between them is refused for the same lesson.
    const progress = await read(course.linkId, learner.token).set('Accept-Language', 'en').expect(409);
    expect(refused.body).toMatchObject({ code: 'PROGRESS_LESSON_LOCKED', blockedBy: course.readingId });
    // The same problem as the progress update's: code, title and the blocking lesson.
    expect({ ...refused.body, instance: undefined, requestId: undefined }).toEqual({ ...progress.body, instance: undefined, requestId: undefined });
    const [{ n }] = await api.db().query(`SELECT count(*)::int AS n FROM quiz_attempt WHERE quiz_id = $1`, [course.quizId]);
    expect(n).toBe(0);

    await read(course.readingId, learner.token).expect(200);
    expect((await start(course, learner.token).expect(201)).body).toMatchObject({ number: 1, status: 'in_progress' });
  });

  it('does not lock a quiz in a course that is not sequential', async () => {
    const course = await quizCourse(false);
    const learner = await learnerIn(course);
    await start(course, learner.token).expect(201);
  });
});
