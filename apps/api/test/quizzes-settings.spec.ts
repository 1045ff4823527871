import { useTestApi } from './api-app';
import { bearer } from './accounts-helpers';
import { addModule, type Person, setupPeople } from './courses-helpers';
import { addQuestion, addQuiz, closedAttempt, enrolIn, newCourse, SHORT, SINGLE, TRUE_FALSE } from './quizzes-helpers';

const api = useTestApi();
const http = api.http;

let people: Awaited<ReturnType<typeof setupPeople>>;
let teacher: Person;

beforeAll(async () => {
  people = await setupPeople(http);
  teacher = await people.instructor();
});

const outbox = (quizId: string) => api.db().query(`SELECT payload FROM outbox_event WHERE type = 'quiz.regrade-requested' AND payload->>'quizId' = $1`, [quizId]);

describe('quizzes', () => {
  it('creates a quiz with fixed questions and random draws, and reports its size, points and lessons', async () => {
    const course = await newCourse(http, teacher.token);
    const fixed = await addQuestion(http, teacher.token, course, SHORT);
    for (let i = 0; i < 3; i++) await addQuestion(http, teacher.token, course, SINGLE, i < 2 ? 'Vocabulary' : 'Vocabulary/Food');
    const [vocabulary] = (await http().get(`/api/v1/studio/courses/${course}/question-categories`).set(bearer(teacher.token)).expect(200)).body;
    const quiz = await addQuiz(http, teacher.token, course, {
      attemptsAllowed: 3,
      gradingMethod: 'average',
      passingPercent: 70,
      timeLimitSeconds: 600,
      shuffleQuestions: true,
      shuffleOptions: true,
      resultsPolicy: 'after_due',
      dueAt: '2030-01-01T10:00:00.000Z',
      questionIds: [fixed.id],
      draws: [{ categoryId: vocabulary.id, count: 3 }],
    });
    expect(quiz).toMatchObject({ questionCount: 4, maxScore: 5, attemptsAllowed: 3, gradingMethod: 'average', dueAt: '2030-01-01T10:00:00.000Z', lessonIds: [] });

    const moduleId = await addModule(http, teacher.token, course);
    const lesson = await http().post(`/api/v1/studio/modules/${moduleId}/lessons`).set(bearer(teacher.token)).send({ type: 'quiz', title: 'Quiz', content: { quizId: quiz.id } }).expect(201);
    const read = await http().get(`/api/v1/studio/quizzes/${quiz.id}`).set(bearer(teacher.token)).expect(200);
    expect(read.body.lessonIds).toEqual([lesson.body.id]);
    expect((await http().get(`/api/v1/studio/courses/${course}/quizzes`).set(bearer(teacher.token)).expect(200)).body.map((q: { id: string }) => q.id)).toEqual([quiz.id]);
    expect((await http().get(`/api/v1/studio/questions/${fixed.id}`).set(bearer(teacher.token)).expect(200)).body.usedInQuizzes).toBe(1);

    // A lesson uses it: it stays until the lesson lets go.
    expect((await http().delete(`/api/v1/studio/quizzes/${quiz.id}`).set(bearer(teacher.token)).expect(409)).body.code).toBe('QUIZ_IN_LESSON');
    await http().patch(`/api/v1/studio/lessons/${lesson.body.id}`).set(bearer(teacher.token)).send({ content: { quizId: null } }).expect(200);
    await http().delete(`/api/v1/studio/quizzes/${quiz.id}`).set(bearer(teacher.token)).expect(204);
    // Deleted for good: like any id that names nothing, 403 for instructors (404 only for administrators).
    await http().get(`/api/v1/studio/quizzes/${quiz.id}`).set(bearer(teacher.token)).expect(403);
  });

  it('refuses draws larger than their category and questions from another bank, in the reader\'s language', async () => {
    const course = await newCourse(http, teacher.token);
    const other = await newCourse(http, teacher.token);
    const foreign = await addQuestion(http, teacher.token, other, SINGLE);
    const fixed = await addQuestion(http, teacher.token, course, SINGLE, 'Tones');
    await addQuestion(http, teacher.token, course, TRUE_FALSE, 'Tones');
    const [tones] = (await http().get(`/api/v1/studio/courses/${course}/question-categories`).set(bearer(teacher.token)).expect(200)).body;
    const ask = (body: object, lang = 'en') => http().post(`/api/v1/studio/courses/${course}/quizzes`).set(bearer(teacher.token)).set('Accept-Language', lang).send({ title: 'Q', ...body });

    // Two questions in Tones, one of them fixed: one left to draw.
    const short = await ask({ questionIds: [fixed.id], draws: [{ categoryId: tones.id, count: 2 }] }).expect(422);
    expect(short.body).toMatchObject({ code: 'QUIZ_SETTINGS_INVALID', reasons: ['draw_not_enough_questions'], draws: [{ categoryId: tones.id, requested: 2, available: 1 }] });
    expect((await ask({ questionIds: [foreign.id] }).expect(422)).body.reasons).toEqual(['question_not_in_bank']);
    expect((await ask({ draws: [{ categoryId: '00000000-0000-4000-8000-000000000000', count: 1 }] }).expect(422)).body.reasons).toEqual(['draw_category_not_found']);
    expect((await ask({ questionIds: [foreign.id] }, 'th').expect(422)).body.title).toContain('แบบทดสอบ');
    expect((await ask({ questionIds: [foreign.id] }, 'vi').expect(422)).body.title).toContain('bài kiểm tra');
    await ask({ passingPercent: 101 }).expect(400);
    await ask({ gradingMethod: 'best' }).expect(400);

    const ok = await ask({ questionIds: [fixed.id], draws: [{ categoryId: tones.id, count: 1 }] }).expect(201);
    const patched = await http().patch(`/api/v1/studio/quizzes/${ok.body.id}`).set(bearer(teacher.token)).send({ draws: [{ categoryId: tones.id, count: 5 }] }).expect(422);
    expect(patched.body.draws[0]).toMatchObject({ requested: 5, available: 1 });
  });

  it('does not let a quiz lesson point at a quiz of another course', async () => {
    const course = await newCourse(http, teacher.token);
    const other = await newCourse(http, teacher.token);
    const foreignQuiz = await addQuiz(http, teacher.token, other, {});
    const moduleId = await addModule(http, teacher.token, course);
    const res = await http().post(`/api/v1/studio/modules/${moduleId}/lessons`).set(bearer(teacher.token)).set('Accept-Language', 'en').send({ type: 'quiz', title: 'Quiz', content: { quizId: foreignQuiz.id } }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'content.quizId', message: 'must be a quiz of this course' }]);
  });

  it('gives one learner extra time, moving the deadline of their open attempt, and takes it back', async () => {
    const course = await newCourse(http, teacher.token);
    const q = await addQuestion(http, teacher.token, course, SINGLE);
    const quiz = await addQuiz(http, teacher.token, course, { questionIds: [q.id], timeLimitSeconds: 600 });
    const learner = await people.learner();
    const outsider = await people.learner();
    const enrollmentId = await enrolIn(api.db(), course, learner.id);
    const [open] = await api.db().query(
      `INSERT INTO quiz_attempt (quiz_id, user_id, enrollment_id, number, questions, deadline_at) VALUES ($1, $2, $3, 1, $4::jsonb, now() + interval '10 minutes') RETURNING id, started_at`,
      [quiz.id, learner.id, enrollmentId, JSON.stringify([{ questionId: q.id }])],
    );
    const deadline = async () => (await api.db().query(`SELECT extract(epoch FROM deadline_at - started_at)::int AS s FROM quiz_attempt WHERE id = $1`, [open.id]))[0].s;

    const res = await http().put(`/api/v1/studio/quizzes/${quiz.id}/extensions/${learner.id}`).set(bearer(teacher.token)).send({ extraSeconds: 300 }).expect(200);
    expect(res.body).toEqual({ quizId: quiz.id, userId: learner.id, extraSeconds: 300 });
    expect(await deadline()).toBe(900);
    await http().put(`/api/v1/studio/quizzes/${quiz.id}/extensions/${learner.id}`).set(bearer(teacher.token)).send({ extraSeconds: 120 }).expect(200);
    expect(await deadline()).toBe(720);
    expect((await api.db().query(`SELECT extra_seconds FROM quiz_time_extension WHERE quiz_id = $1`, [quiz.id])).map((r: { extra_seconds: number }) => r.extra_seconds)).toEqual([120]);

    const refused = await http().put(`/api/v1/studio/quizzes/${quiz.id}/extensions/${outsider.id}`).set(bearer(teacher.token)).send({ extraSeconds: 60 }).expect(422);
    expect(refused.body.code).toBe('QUIZ_LEARNER_NOT_ENROLLED');
    await http().put(`/api/v1/studio/quizzes/${quiz.id}/extensions/${learner.id}`).set(bearer(teacher.token)).send({ extraSeconds: 0 }).expect(400);

    await http().delete(`/api/v1/studio/quizzes/${quiz.id}/extensions/${learner.id}`).set(bearer(teacher.token)).expect(204);
    expect(await deadline()).toBe(600);
    expect(await api.db().query(`SELECT 1 FROM quiz_time_extension WHERE quiz_id = $1`, [quiz.id])).toEqual([]);
    // Attempts keep the quiz: deleting it is refused.
    expect((await http().delete(`/api/v1/studio/quizzes/${quiz.id}`).set(bearer(teacher.token)).expect(409)).body.code).toBe('QUIZ_HAS_ATTEMPTS');
  });
});

describe('answer key changes', () => {
  it('bump keyRevision and start one regrade with its outbox event per quiz with closed attempts, and none for a stem-only edit', async () => {
    const course = await newCourse(http, teacher.token);
    const q = await addQuestion(http, teacher.token, course, SINGLE);
    const untouched = await addQuestion(http, teacher.token, course, TRUE_FALSE);
    const taken = await addQuiz(http, teacher.token, course, { questionIds: [q.id, untouched.id] });
    const alsoTaken = await addQuiz(http, teacher.token, course, { questionIds: [q.id] });
    const fresh = await addQuiz(http, teacher.token, course, { questionIds: [q.id] });
    const learner = await people.learner();
    const enrollmentId = await enrolIn(api.db(), course, learner.id);
    await closedAttempt(api.db(), { quizId: taken.id, userId: learner.id, enrollmentId, number: 1, questionIds: [q.id, untouched.id], percent: 50 });
    await closedAttempt(api.db(), { quizId: taken.id, userId: learner.id, enrollmentId, number: 2, questionIds: [q.id, untouched.id] });
    await closedAttempt(api.db(), { quizId: alsoTaken.id, userId: learner.id, enrollmentId, number: 1, questionIds: [q.id], percent: 100 });
    const save = (definition: object, keyRevision: number) => http().put(`/api/v1/studio/questions/${q.id}`).set(bearer(teacher.token)).send({ definition, keyRevision });

    // Stem, feedback and option order: no key change.
    const options = q.definition.options as { id: string; text: object; weight: number }[];
    const stemOnly = await save({ ...q.definition, stem: { text: 'เมืองหลวงของไทยชื่ออะไร', format: 'plain' }, generalFeedback: { text: 'กรุงเทพฯ', format: 'plain' }, options: [...options].reverse() }, 1).expect(200);
    expect(stemOnly.body).toMatchObject({ keyRevision: 1, regrades: [] });
    expect(await api.db().query(`SELECT 1 FROM quiz_regrade`)).toEqual([]);

    // The wrong option now earns half: the key changed.
    const changed = await save({ ...stemOnly.body.definition, options: options.map((o) => (o.weight === 0 ? { ...o, weight: 0.5 } : o)) }, 1).expect(200);
    expect(changed.body.keyRevision).toBe(2);
    expect(changed.body.regrades.map((r: { quizId: string }) => r.quizId).sort()).toEqual([taken.id, alsoTaken.id].sort());
    const rows = await api.db().query(`SELECT quiz_id, question_id, status, total FROM quiz_regrade ORDER BY total DESC`);
    expect(rows).toEqual([
      { quiz_id: taken.id, question_id: q.id, status: 'pending', total: 2 },
      { quiz_id: alsoTaken.id, question_id: q.id, status: 'pending', total: 1 },
    ]);
    for (const regrade of changed.body.regrades) expect(await outbox(regrade.quizId)).toEqual([{ payload: { regradeId: regrade.id, quizId: regrade.quizId } }]);
    expect(await outbox(fresh.id)).toEqual([]);

    // An editor still on revision 1 changing the key again is told, and nothing is saved.
    const stale = await save({ ...changed.body.definition, points: 3 }, 1).set('Accept-Language', 'vi').expect(409);
    expect(stale.body).toMatchObject({ code: 'QUIZ_QUESTION_EDIT_CONFLICT', keyRevision: 2 });
    expect(stale.body.title).toContain('Đáp án');
    expect((await api.db().query(`SELECT count(*)::int AS n FROM quiz_regrade`))[0].n).toBe(2);
    // Points are part of the key.
    expect((await save({ ...changed.body.definition, points: 3 }, 2).expect(200)).body).toMatchObject({ keyRevision: 3 });

    const list = await http().get(`/api/v1/studio/quizzes/${taken.id}/regrades`).set(bearer(teacher.token)).expect(200);
    expect(list.body).toHaveLength(2);
    expect(list.body[0]).toMatchObject({ questionId: q.id, status: 'pending', total: 2, done: 0, changed: 0, finishedAt: null });
  });

  it('lets an instructor regrade a whole quiz by hand', async () => {
    const course = await newCourse(http, teacher.token);
    const q = await addQuestion(http, teacher.token, course, SHORT);
    const quiz = await addQuiz(http, teacher.token, course, { questionIds: [q.id] });
    const learner = await people.learner();
    const enrollmentId = await enrolIn(api.db(), course, learner.id);
    await closedAttempt(api.db(), { quizId: quiz.id, userId: learner.id, enrollmentId, number: 1, questionIds: [q.id], percent: 0 });
    const res = await http().post(`/api/v1/studio/quizzes/${quiz.id}/regrades`).set(bearer(teacher.token)).expect(202);
    expect(res.body).toMatchObject({ questionId: null, status: 'pending', total: 1 });
    expect(await outbox(quiz.id)).toEqual([{ payload: { regradeId: res.body.id, quizId: quiz.id } }]);
    const stranger = await people.instructor();
    await http().post(`/api/v1/studio/quizzes/${quiz.id}/regrades`).set(bearer(stranger.token)).expect(403);
    await http().get(`/api/v1/studio/courses/${course}/gradebook`).set(bearer(stranger.token)).expect(403);
  });
});
