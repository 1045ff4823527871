import type { Question, QuestionResponse } from '@baanrian/contracts';
import { gradeAttempt, gradePercent } from '@baanrian/quiz';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { useTestApi } from './api-app';
import { bearer } from './accounts-helpers';
import { hourFrom, publishSessionCourse } from './attendance-helpers';
import { setupPeople, type Person } from './courses-helpers';
import { enrol, newLearner, publishedCourse } from './learning-helpers';
import { createQuiz, enrolIn } from './quiz-attempts-helpers';

/**
 * Client-supplied scores are never believed (ASVS 15.3.3, mass assignment): a score, grade, pass or status
 * sent with a save, a submit, a progress update, a check-in, an attendance mark or an enrolment is
 * refused 400 by the DTO whitelist before anything is stored, and what is stored is what the
 * server derives: grades only from the stored responses, completion only from the lesson's rules.
 */
const api = useTestApi({ env: { TRUST_PROXY: 'true' } });
const http = () => api.http();
const db = () => api.db();

/** What a cheating client adds to a request. */
const FORGED = { score: 100, maxScore: 1, percent: 100, passed: true, grade: 'A', completed: true, status: 'completed', completedAt: '2026-01-01T00:00:00.000Z' };

/** The fields the 400 names, one error per forged field, in the caller's language. */
function refusedFields(res: { status: number; body: { code?: string; errors?: { field: string; message: string }[] } }): string[] {
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  return (res.body.errors ?? []).map((e) => e.field).sort();
}
const forgedBut = (...legit: string[]) => Object.keys(FORGED).filter((k) => !legit.includes(k)).sort();

let teacher: Person;
beforeAll(async () => {
  teacher = await (await setupPeople(http)).instructor();
});

describe('quiz attempts', () => {
  it('refuses a score, grade or status on saves and submits, keeps the attempt open, and grades only the stored responses', async () => {
    const fixture = await createQuiz(db(), { attempts_allowed: null, results_policy: 'immediately', passing_percent: 50 });
    const learner = await newLearner(http);
    await enrolIn(db(), fixture.courseId, learner.id);
    const attempt = (await http().post(`/api/v1/learning/quizzes/${fixture.quizId}/attempts`).set(bearer(learner.token)).expect(201)).body;
    const tf = fixture.questionIds['q-tf'];
    const wrong = { [tf]: { type: 'true_false', value: false } };
    const attemptUrl = `/api/v1/learning/attempts/${attempt.id}`;

    const save = await http().patch(`${attemptUrl}/responses`).set(bearer(learner.token)).set('Accept-Language', 'vi').send({ responses: wrong, revision: 1, ...FORGED });
    expect(refusedFields(save)).toEqual(forgedBut());
    expect(save.body.errors[0].message).toBe('không phải là trường được chấp nhận');
    // Inside a response, only the answer's own keys: a response claiming to be correct is malformed.
    const claimed = await http().patch(`${attemptUrl}/responses`).set(bearer(learner.token)).send({ responses: { [tf]: { type: 'true_false', value: false, correct: true, score: 1 } }, revision: 1 });
    expect(claimed.status).toBe(422);
    expect(claimed.body).toMatchObject({ code: 'ATTEMPT_RESPONSE_INVALID' });
    const submitted = await http().post(`${attemptUrl}/submit`).set(bearer(learner.token)).set('Idempotency-Key', 'forged').send({ responses: wrong, ...FORGED });
    expect(refusedFields(submitted)).toEqual(forgedBut());

    // Nothing of the refused requests was stored: still open, no responses, no grade, no event.
    const state = async () =>
      (await db().query(
        `SELECT a.status, a.responses, (SELECT count(*)::int FROM quiz_grade g WHERE g.attempt_id = a.id) AS grades,
                (SELECT count(*)::int FROM outbox_event e WHERE e.type = 'attempt.submitted' AND e.payload->>'attemptId' = a.id::text) AS events
         FROM quiz_attempt a WHERE a.id = $1`,
        [attempt.id],
      ))[0];
    expect(await state()).toEqual({ status: 'in_progress', responses: {}, grades: 0, events: 0 });

    await http().post(`${attemptUrl}/submit`).set(bearer(learner.token)).set('Idempotency-Key', 'clean').send({ responses: wrong }).expect(202);
    expect(await state()).toEqual({ status: 'submitted', responses: wrong, grades: 0, events: 1 });
    // The grading job gets ids only: nothing the client said about its score travels with it.
    const [event] = await db().query(`SELECT payload FROM outbox_event WHERE type = 'attempt.submitted' AND payload->>'attemptId' = $1`, [attempt.id]);
    expect(Object.keys(event.payload).filter((k) => /score|percent|pass|grade/i.test(k))).toEqual([]);

    // Graded as the worker grades (the same library function over the stored row), the learner sees
    // the server's 0 %, not the 100 % they claimed.
    await gradeAsWorker(attempt.id, 50);
    const result = (await http().get(`${attemptUrl}/result`).set(bearer(learner.token)).expect(200)).body;
    expect(result).toMatchObject({ status: 'graded', percent: 0, passed: false });
    expect(result.score).toBe(0);
  });

  it('leaves writing grades to the worker: no api source writes quiz_grade', () => {
    const writers = sourceFiles(path.resolve(__dirname, '../src')).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /(INSERT\s+INTO|UPDATE)\s+quiz_grade\b/i.test(text) || /QuizGradeEntity[\s\S]{0,200}\.(save|insert|update|upsert)\(/.test(text);
    });
    expect(writers.map((f) => path.relative(path.resolve(__dirname, '..'), f))).toEqual([]);
  });
});

describe('lesson progress', () => {
  it('refuses forged grades and statuses (400), and completes a lesson only by its own rule', async () => {
    const course = await publishedCourse(http, teacher.token, [
      ['video', { source: 'url', url: 'https://video.example.org/v.mp4', captions: [], transcript: 'คำบรรยาย' }],
      ['quiz', {}],
    ]);
    const learner = await newLearner(http);
    const enrollmentId = await enrol(db(), course.id, learner.id);
    const [video, quiz] = course.lessonIds;
    const put = (lessonId: string, body: object) => http().put(`/api/v1/learning/lessons/${lessonId}/progress`).set(bearer(learner.token)).send(body);

    // `percent` and `completed` are the update's own fields; the rest is refused.
    expect(refusedFields(await put(video, { ...FORGED, percent2: 1 }))).toEqual([...forgedBut('percent', 'completed'), 'percent2'].sort());
    // A video completes at 90 % watched: "completed" sent with 10 % is ignored.
    const watched = await put(video, { percent: 10, completed: true }).expect(200);
    expect(watched.body.progress).toMatchObject({ status: 'in_progress', percent: 10, completedAt: null });
    // A quiz lesson is completed by passing the quiz, never by the client.
    expect((await put(quiz, { percent: 100, completed: true }).expect(422)).body.code).toBe('PROGRESS_LESSON_NOT_TRACKED');
    const stored = await db().query(`SELECT lesson_id, status FROM lesson_progress WHERE enrollment_id = $1 ORDER BY lesson_id`, [enrollmentId]);
    expect(stored).toEqual([{ lesson_id: video, status: 'in_progress' }]);
    expect((await db().query(`SELECT status FROM enrollment WHERE id = $1`, [enrollmentId]))[0].status).toBe('active');
  });
});

describe('attendance and enrolment', () => {
  it('refuses a status or score sent with a check-in, a roster mark or an enrolment (400), and records nothing', async () => {
    const now = new Date();
    const course = await publishSessionCourse(http, teacher.token, { live: hourFrom(now), onsite: hourFrom(new Date(now.getTime() - 10 * 60_000)) });
    const learner = await newLearner(http);
    await enrol(db(), course.courseId, learner.id);

    const checkIn = await http().post(`/api/v1/sessions/${course.onsiteId}/check-ins`).set(bearer(learner.token)).send({ code: 'ABCD2345', ...FORGED, method: 'manual' });
    expect(refusedFields(checkIn)).toEqual([...forgedBut(), 'method'].sort());
    const mark = await http()
      .put(`/api/v1/studio/sessions/${course.onsiteId}/attendance`)
      .set(bearer(teacher.token))
      .send({ marks: [{ userId: learner.id, status: 'present', score: 100, passed: true, completed: true }] });
    expect(refusedFields(mark)).toEqual(['marks.0.completed', 'marks.0.passed', 'marks.0.score']);
    expect(await db().query(`SELECT 1 FROM session_attendance WHERE lesson_id = $1`, [course.onsiteId])).toEqual([]);

    const other = await publishedCourse(http, teacher.token, [['text', { body: 'อ่าน' }]]);
    const enrolment = await http().post(`/api/v1/courses/${other.id}/enrollment`).set(bearer(learner.token)).send({ ...FORGED, source: 'import' });
    expect(refusedFields(enrolment)).toEqual([...forgedBut(), 'source'].sort());
    expect(await db().query(`SELECT 1 FROM enrollment WHERE course_id = $1`, [other.id])).toEqual([]);
  });
});

/** What the worker's grading job does for one attempt, through the same library function. */
async function gradeAsWorker(attemptId: string, passingPercent: number): Promise<void> {
  const [row] = await db().query(`SELECT questions, responses FROM quiz_attempt WHERE id = $1 AND status = 'submitted'`, [attemptId]);
  const ids = (row.questions as { questionId: string }[]).map((q) => q.questionId);
  const definitions: { id: string; definition: Question }[] = await db().query(`SELECT id, definition FROM question WHERE id = ANY($1::uuid[])`, [ids]);
  const byId = new Map(definitions.map((d) => [d.id, { ...d.definition, id: d.id }]));
  const grade = gradeAttempt(ids.map((id) => byId.get(id)!), row.responses as Record<string, QuestionResponse>);
  const percent = gradePercent(grade.score, grade.maxScore);
  await db().query(`INSERT INTO quiz_grade (attempt_id, score, max_score, percent, passed, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`, [
    attemptId,
    grade.score,
    grade.maxScore,
    percent,
    percent >= passingPercent,
    JSON.stringify(grade),
  ]);
  await db().query(`UPDATE quiz_attempt SET status = 'graded' WHERE id = $1`, [attemptId]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') && !full.endsWith('.spec.ts') ? [full] : [];
  });
}
