import { LEARNER_VIEW_KEYS } from '@baanrian/contracts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chooseQuestions, seededRandom } from '../src/attempts/attempt-delivery';
import { AttemptsClock } from '../src/attempts/attempts.clock';
import { useTestApi } from './api-app';
import { bearer, signUp } from './accounts-helpers';
import { publishTestCourse } from './catalog-fixture';
import { createQuiz, enrolIn, type QuizFixture } from './quiz-attempts-helpers';

const api = useTestApi({ env: { QUIZ_GRACE_SECONDS: '30' } });
const http = api.http;

interface Learner {
  id: string;
  token: string;
}
async function learnerIn(fixture: QuizFixture): Promise<Learner> {
  const person = await signUp(http);
  await enrolIn(api.db(), fixture.courseId, person.id);
  return { id: person.id, token: person.accessToken };
}

const clock = () => api.app().get(AttemptsClock);
const at = (time: Date | number) => {
  const fixed = new Date(time);
  clock().now = () => fixed;
};
afterEach(() => {
  clock().now = () => new Date();
});

const start = (fixture: QuizFixture, who: Learner) => http().post(`/api/v1/learning/quizzes/${fixture.quizId}/attempts`).set(bearer(who.token));
const save = (attemptId: string, who: Learner, responses: object, revision: number) =>
  http().patch(`/api/v1/learning/attempts/${attemptId}/responses`).set(bearer(who.token)).send({ responses, revision });
const submit = (attemptId: string, who: Learner, key?: string) => {
  const req = http().post(`/api/v1/learning/attempts/${attemptId}/submit`).set(bearer(who.token));
  return key ? req.set('Idempotency-Key', key) : req;
};

/** Marks an attempt graded as the worker does (the worker's own tests cover grading itself). */
async function gradeDirectly(attemptId: string, passed = true): Promise<void> {
  await api.db().query(`UPDATE quiz_attempt SET status = 'graded' WHERE id = $1`, [attemptId]);
  const details = {
    score: 7, maxScore: 8, correct: 'partial', pendingManual: false,
    questions: [{ questionId: 'x', type: 'single_choice', score: 1, maxScore: 1, fraction: 1, correct: true, matchedIds: ['o-bkk'] }],
  };
  await api.db().query(`INSERT INTO quiz_grade (attempt_id, score, max_score, percent, passed, details) VALUES ($1, 7, 8, 87.5, $2, $3::jsonb)`, [attemptId, passed, JSON.stringify(details)]);
}

describe('starting an attempt', () => {
  it('delivers learner views, resumes the open attempt, and refuses more attempts than allowed', async () => {
    const fixture = await createQuiz(api.db(), { attempts_allowed: 1 });
    const ann = await learnerIn(fixture);
    const first = await start(fixture, ann).expect(201);
    expect(first.body).toMatchObject({ number: 1, status: 'in_progress', deadlineAt: null, graceSeconds: 30, responsesRevision: 0 });
    expect(first.body.questions).toHaveLength(7);
    const again = await start(fixture, ann).expect(200);
    expect(again.body.id).toBe(first.body.id);

    await submit(first.body.id, ann, 'k1').expect(202);
    const refused = await start(fixture, ann).set('Accept-Language', 'vi').expect(409);
    expect(refused.body).toMatchObject({ code: 'ATTEMPT_LIMIT_REACHED', title: 'Bạn đã dùng hết số lượt làm bài được phép' });
  });

  it('makes a double-clicked start one attempt', async () => {
    const fixture = await createQuiz(api.db(), { attempts_allowed: null });
    const ben = await learnerIn(fixture);
    const [a, b] = await Promise.all([start(fixture, ben), start(fixture, ben)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const [{ n }] = await api.db().query(`SELECT count(*)::int AS n FROM quiz_attempt WHERE quiz_id = $1`, [fixture.quizId]);
    expect(n).toBe(1);
  });

  it('refuses a learner without a seat and an unknown quiz alike (403)', async () => {
    const fixture = await createQuiz(api.db());
    const stranger = await signUp(http);
    const res = await http().post(`/api/v1/learning/quizzes/${fixture.quizId}/attempts`).set(bearer(stranger.accessToken)).expect(403);
    expect(res.body.code).toBe('ATTEMPT_NOT_ENROLLED');
    expect((await http().get(`/api/v1/learning/quizzes/${randomUUID()}`).set(bearer(stranger.accessToken)).expect(403)).body.code).toBe('ATTEMPT_NOT_ENROLLED');
  });

  it('draws from a category and its sub-categories, shuffles questions and options, the same for the same attempt', async () => {
    const base = await createQuiz(api.db());
    const [grammar] = await api.db().query(`INSERT INTO question_category (course_id, path) VALUES ($1, 'Grammar') RETURNING id`, [base.courseId]);
    const [tones] = await api.db().query(`INSERT INTO question_category (course_id, path) VALUES ($1, 'Grammar/Tones') RETURNING id`, [base.courseId]);
    const [other] = await api.db().query(`INSERT INTO question_category (course_id, path) VALUES ($1, 'Grammarians') RETURNING id`, [base.courseId]);
    const drawn = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const category = [grammar.id, tones.id, other.id][i % 3];
      const definition = { id: `d${i}`, type: 'true_false', stem: { text: `ข้อ ${i}`, format: 'plain' }, points: 1, tags: [], correct: true };
      const [row] = await api.db().query(`INSERT INTO question (course_id, category_id, type, definition) VALUES ($1, $2, 'true_false', $3::jsonb) RETURNING id`, [base.courseId, category, JSON.stringify(definition)]);
      if (category !== other.id) drawn.add(row.id);
    }
    const fixture = await createQuiz(api.db(), { shuffle_questions: true, shuffle_options: true, draws: [{ categoryId: grammar.id, count: 3 }] }, undefined, base.courseId);
    const cam = await learnerIn(fixture);
    const attempt = (await start(fixture, cam).expect(201)).body;
    const ids: string[] = attempt.questions.map((q: { id: string }) => q.id);
    expect(ids).toHaveLength(7 + 3);
    expect(ids.filter((id) => drawn.has(id))).toHaveLength(3);
    const reread = (await http().get(`/api/v1/learning/attempts/${attempt.id}`).set(bearer(cam.token)).expect(200)).body;
    expect(reread.questions).toEqual(attempt.questions);
    // The seed is the attempt id: the same plan and seed choose the same questions in the same order.
    const plan = { fixedIds: ['a', 'b', 'c'], draws: [{ candidateIds: ['d', 'e', 'f', 'g'], count: 2 }], shuffleQuestions: true, shuffleOptions: true };
    expect(chooseQuestions(plan, seededRandom(attempt.id))).toEqual(chooseQuestions(plan, seededRandom(attempt.id)));
    const orders = new Set(Array.from({ length: 20 }, (_, i) => chooseQuestions(plan, seededRandom(`attempt-${i}`)).join()));
    expect(orders.size).toBeGreaterThan(5);
    // Ordering items never arrive in the answer's order.
    const ordering = attempt.questions.find((q: { type: string }) => q.type === 'ordering');
    expect(ordering.items.map((i: { id: string }) => i.id)).not.toEqual(['i-1', 'i-2', 'i-3']);
  });
});

describe('autosave', () => {
  it('merges responses, ignores a late save, and answers 422 for questions not in the attempt or malformed', async () => {
    const fixture = await createQuiz(api.db());
    const dan = await learnerIn(fixture);
    const attempt = (await start(fixture, dan).expect(201)).body;
    const single = fixture.questionIds['q-single'];
    const short = fixture.questionIds['q-short'];
    expect((await save(attempt.id, dan, { [single]: { type: 'single_choice', optionId: 'o-cnx' } }, 1).expect(200)).body).toMatchObject({ responsesRevision: 1, applied: true });
    await save(attempt.id, dan, { [short]: { type: 'short_text', text: 'Hello' } }, 3).expect(200);
    const late = await save(attempt.id, dan, { [single]: { type: 'single_choice', optionId: 'o-hkt' } }, 2).expect(200);
    expect(late.body).toMatchObject({ responsesRevision: 3, applied: false });
    const reread = (await http().get(`/api/v1/learning/attempts/${attempt.id}`).set(bearer(dan.token)).expect(200)).body;
    expect(reread.responses).toEqual({ [single]: { type: 'single_choice', optionId: 'o-cnx' }, [short]: { type: 'short_text', text: 'Hello' } });

    const foreign = await save(attempt.id, dan, { [randomUUID()]: { type: 'true_false', value: true } }, 4).set('Accept-Language', 'th').expect(422);
    expect(foreign.body).toMatchObject({ code: 'ATTEMPT_RESPONSE_INVALID', title: 'คำตอบบางข้อไม่ตรงกับคำถามในแบบทดสอบนี้' });
    expect(foreign.body.issues[0].problems).toEqual(['not_in_attempt']);
    const wrongOption = await save(attempt.id, dan, { [single]: { type: 'single_choice', optionId: 'nope' } }, 4).expect(422);
    expect(wrongOption.body.issues).toEqual([{ questionId: single, problems: ['unknown_option'] }]);
    const malformed = await save(attempt.id, dan, { [single]: { type: 'single_choice', optionId: 5 } }, 4).expect(422);
    expect(malformed.body.issues[0].problems).toEqual(['malformed']);
  });
});

describe('time limits', () => {
  it('sets the deadline from the limit plus the learner\'s extension; after deadline + grace a save is 409 and the attempt is closed with what was saved', async () => {
    const fixture = await createQuiz(api.db(), { time_limit_seconds: 600 });
    const eve = await learnerIn(fixture);
    await api.db().query(`INSERT INTO quiz_time_extension (quiz_id, user_id, extra_seconds) VALUES ($1, $2, 300)`, [fixture.quizId, eve.id]);
    const t0 = Date.UTC(2030, 0, 1, 8, 0, 0);
    at(t0);
    const attempt = (await start(fixture, eve).expect(201)).body;
    expect(attempt.deadlineAt).toBe(new Date(t0 + 900_000).toISOString());
    const single = fixture.questionIds['q-single'];
    at(t0 + 900_000 + 29_000); // within grace
    await save(attempt.id, eve, { [single]: { type: 'single_choice', optionId: 'o-bkk' } }, 1).expect(200);
    at(t0 + 900_000 + 31_000);
    const late = await save(attempt.id, eve, { [single]: { type: 'single_choice', optionId: 'o-cnx' } }, 2).expect(409);
    expect(late.body.code).toBe('ATTEMPT_TIME_OVER');
    const [row] = await api.db().query(`SELECT status, close_reason, responses FROM quiz_attempt WHERE id = $1`, [attempt.id]);
    expect(row).toEqual({ status: 'submitted', close_reason: 'time_expired', responses: { [single]: { type: 'single_choice', optionId: 'o-bkk' } } });
    const events = await api.db().query(`SELECT payload FROM outbox_event WHERE type = 'attempt.submitted' AND payload->>'attemptId' = $1`, [attempt.id]);
    expect(events).toHaveLength(1);
    expect((await submit(attempt.id, eve, 'late').expect(409)).body.code).toBe('ATTEMPT_TIME_OVER');
  });

  it('closes an attempt submitted after deadline + grace (409) and still hands it in for grading', async () => {
    const fixture = await createQuiz(api.db(), { time_limit_seconds: 60 });
    const fay = await learnerIn(fixture);
    const t0 = Date.UTC(2030, 0, 2, 8, 0, 0);
    at(t0);
    const attempt = (await start(fixture, fay).expect(201)).body;
    at(t0 + 60_000 + 31_000);
    expect((await submit(attempt.id, fay, 'k').expect(409)).body.code).toBe('ATTEMPT_TIME_OVER');
    const [row] = await api.db().query(`SELECT status, close_reason FROM quiz_attempt WHERE id = $1`, [attempt.id]);
    expect(row).toEqual({ status: 'submitted', close_reason: 'time_expired' });
    const [{ n }] = await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'attempt.submitted' AND payload->>'attemptId' = $1`, [attempt.id]);
    expect(n).toBe(1);
  });
});

describe('submitting', () => {
  it('is idempotent by Idempotency-Key: the same key answers the same, one event; another key is 409', async () => {
    const fixture = await createQuiz(api.db());
    const gus = await learnerIn(fixture);
    const attempt = (await start(fixture, gus).expect(201)).body;
    const tf = fixture.questionIds['q-tf'];
    const first = await http().post(`/api/v1/learning/attempts/${attempt.id}/submit`).set(bearer(gus.token)).set('Idempotency-Key', 'submit-1')
      .send({ responses: { [tf]: { type: 'true_false', value: true } } }).expect(202);
    const second = await submit(attempt.id, gus, 'submit-1').expect(202);
    expect(second.body).toEqual(first.body);
    expect(first.body.status).toBe('submitted');
    expect((await submit(attempt.id, gus, 'submit-2').expect(409)).body.code).toBe('ATTEMPT_ALREADY_SUBMITTED');
    await save(attempt.id, gus, {}, 9).expect(409);
    const [{ n }] = await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'attempt.submitted' AND payload->>'attemptId' = $1`, [attempt.id]);
    expect(n).toBe(1);
    const [row] = await api.db().query(`SELECT responses FROM quiz_attempt WHERE id = $1`, [attempt.id]);
    expect(row.responses).toEqual({ [tf]: { type: 'true_false', value: true } });
  });
});

describe('results', () => {
  it('says "grading" until graded, then the score and review with feedback when the policy is "immediately"', async () => {
    const fixture = await createQuiz(api.db(), { results_policy: 'immediately' });
    const hal = await learnerIn(fixture);
    const attempt = (await start(fixture, hal).expect(201)).body;
    await submit(attempt.id, hal, 'k').expect(202);
    expect((await http().get(`/api/v1/learning/attempts/${attempt.id}/result`).set(bearer(hal.token)).expect(200)).body).toEqual({ status: 'grading', released: false });
    await gradeDirectly(attempt.id);
    const result = (await http().get(`/api/v1/learning/attempts/${attempt.id}/result`).set(bearer(hal.token)).expect(200)).body;
    expect(result).toMatchObject({ status: 'graded', released: true, score: 7, maxScore: 8, percent: 87.5, passed: true });
    const overview = (await http().get(`/api/v1/learning/quizzes/${fixture.quizId}`).set(bearer(hal.token)).expect(200)).body;
    expect(overview).toMatchObject({ attemptsUsed: 1, resultPercent: 87.5, passed: true, openAttemptId: null });
  });

  it('streams "grading" and then the result as server-sent events', async () => {
    const fixture = await createQuiz(api.db());
    const ida = await learnerIn(fixture);
    const attempt = (await start(fixture, ida).expect(201)).body;
    await submit(attempt.id, ida, 'k').expect(202);
    setTimeout(() => void gradeDirectly(attempt.id), 300);
    const res = await http().get(`/api/v1/learning/attempts/${attempt.id}/events`).set(bearer(ida.token)).buffer(true).parse((r, done) => {
      let body = '';
      r.on('data', (chunk: Buffer) => (body += chunk.toString()));
      r.on('end', () => done(null, body));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/event-stream/);
    expect(res.body).toMatch(/^event: grading\n/);
    expect(res.body).toMatch(/event: result\ndata: \{"status":"graded","released":true/);
  });

  it('answers 404 with the same body for another learner\'s attempt and an unknown one', async () => {
    const fixture = await createQuiz(api.db());
    const [jo, kim] = [await learnerIn(fixture), await learnerIn(fixture)];
    const attempt = (await start(fixture, jo).expect(201)).body;
    for (const suffix of ['', '/result', '/events']) {
      const theirs = await http().get(`/api/v1/learning/attempts/${attempt.id}${suffix}`).set(bearer(kim.token)).expect(404);
      const unknown = await http().get(`/api/v1/learning/attempts/${randomUUID()}${suffix}`).set(bearer(kim.token)).expect(404);
      expect({ ...theirs.body, instance: undefined, requestId: undefined }).toEqual({ ...unknown.body, instance: undefined, requestId: undefined });
    }
    await save(attempt.id, kim, {}, 1).expect(404);
    await submit(attempt.id, kim, 'x').expect(404);
  });
});

/** Keys that give answers away; never in a learner payload before the results policy allows. */
const LEAKY_KEYS = ['weight', 'correct', 'feedback', 'generalFeedback', 'feedbackTrue', 'feedbackFalse', 'answers', 'answer', 'pairs', 'distractors', 'matchedIds', 'fraction', 'match', 'details', 'review', 'score', 'percent', 'passed'];

/** Every key holding a value (not null) anywhere in a JSON value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (v === null) continue;
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe('no answer leakage', () => {
  const document = JSON.parse(readFileSync(path.resolve(__dirname, '../../../libs/api-client/src/openapi.json'), 'utf8'));
  type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean; allOf?: Schema[]; oneOf?: Schema[] };
  const resolve = (s: Schema): Schema => (s.$ref ? document.components.schemas[s.$ref.split('/').pop() ?? ''] : s);
  function schemaKeys(schema: Schema, out = new Set<string>(), seen = new Set<Schema>()): Set<string> {
    const s = resolve(schema);
    if (seen.has(s)) return out;
    seen.add(s);
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      out.add(k);
      schemaKeys(v, out, seen);
    }
    if (s.items) schemaKeys(s.items, out, seen);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') schemaKeys(s.additionalProperties, out, seen);
    [...(s.allOf ?? []), ...(s.oneOf ?? [])].forEach((x) => schemaKeys(x, out, seen));
    return out;
  }
  const learnerOps = Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>)
    // The quiz-taking routes (lesson progress and the course player, issue 7, carry no quiz content but `quizId`).
    .filter(([route]) => route.startsWith('/api/v1/learning/quizzes/') || route.startsWith('/api/v1/learning/attempts/'))
    .flatMap(([route, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${route}`, op })));

  it('covers every quiz-taking route of the OpenAPI document', () => {
    expect(learnerOps.map((o) => o.key).sort()).toEqual([
      'GET /api/v1/learning/attempts/{attemptId}',
      'GET /api/v1/learning/attempts/{attemptId}/events',
      'GET /api/v1/learning/attempts/{attemptId}/result',
      'GET /api/v1/learning/quizzes/{quizId}',
      'PATCH /api/v1/learning/attempts/{attemptId}/responses',
      'POST /api/v1/learning/attempts/{attemptId}/submit',
      'POST /api/v1/learning/quizzes/{quizId}/attempts',
    ]);
  });

  it('has no answer-revealing property in the response schemas (the result\'s score and review only where the policy allows)', () => {
    const allowedOnlyInResult = new Set(['score', 'percent', 'passed', 'review', 'correct', 'feedback', 'matchedIds']);
    for (const { key, op } of learnerOps) {
      const keys = new Set<string>();
      for (const response of Object.values(op.responses)) for (const media of Object.values(response.content ?? {})) schemaKeys(media.schema, keys);
      // The overview's per-attempt score is the same released-only score as the result's.
      const allowed = key.endsWith('/result') || key === 'GET /api/v1/learning/quizzes/{quizId}' ? allowedOnlyInResult : new Set<string>();
      expect({ key, leaky: LEAKY_KEYS.filter((k) => keys.has(k) && !allowed.has(k)) }).toEqual({ key, leaky: [] });
    }
    // The course player (issue 7) shows a quiz lesson as its quizId only; `percent` there is the
    // lesson's progress (0 or 100 for a quiz lesson), never a score.
    const player = schemaKeys({ $ref: '#/components/schemas/PlayerCourseDto' });
    expect(LEAKY_KEYS.filter((k) => player.has(k) && k !== 'percent')).toEqual([]);
    const questionKeys = schemaKeys({ $ref: '#/components/schemas/LearnerQuestionDto' });
    expect([...questionKeys].filter((k) => !LEARNER_VIEW_KEYS.includes(k))).toEqual([]);
  });

  it.each(['never', 'after_due'])('sends nothing answer-revealing before the policy allows (%s), the course player included', async (policy) => {
    // The quiz is a lesson of a published course, so the player shows it too.
    const quizId = randomUUID();
    const quizLesson = { id: randomUUID(), type: 'quiz' as const, title: 'แบบทดสอบ', required: true, position: 0, durationMinutes: 10, content: { quizId } };
    const course = await publishTestCourse(api.db(), { slug: `quiz-leak-${quizId.slice(0, 8)}`, modules: [{ id: randomUUID(), title: 'บทที่ 1', position: 0, lessons: [quizLesson] }] });
    const fixture = await createQuiz(api.db(), { id: quizId, results_policy: policy, due_at: new Date(Date.now() + 86_400_000) }, undefined, course.courseId);
    const lee = await learnerIn(fixture);
    const payloads: unknown[] = [];
    const players: { modules: { lessons: { id: string; content: Record<string, unknown> | null; progress: { percent: number } }[] }[] }[] = [];
    const player = async () => players.push((await http().get(`/api/v1/learning/courses/${course.courseId}`).set(bearer(lee.token)).expect(200)).body);
    await player();
    const attempt = (await start(fixture, lee).expect(201)).body;
    await player();
    payloads.push(attempt, (await start(fixture, lee).expect(200)).body);
    payloads.push((await http().get(`/api/v1/learning/attempts/${attempt.id}`).set(bearer(lee.token)).expect(200)).body);
    payloads.push((await save(attempt.id, lee, { [fixture.questionIds['q-tf']]: { type: 'true_false', value: false } }, 1).expect(200)).body);
    payloads.push((await submit(attempt.id, lee, 'k').expect(202)).body);
    await gradeDirectly(attempt.id, false);
    const result = (await http().get(`/api/v1/learning/attempts/${attempt.id}/result`).set(bearer(lee.token)).expect(200)).body;
    expect(result).toMatchObject({ status: 'graded', released: false });
    payloads.push(result, (await http().get(`/api/v1/learning/quizzes/${fixture.quizId}`).set(bearer(lee.token)).expect(200)).body);
    await player();
    const keys = keysOf(payloads);
    expect(LEAKY_KEYS.filter((k) => keys.has(k))).toEqual([]);
    // The player, before, during and after the graded attempt: the quiz lesson is its quizId, and
    // its progress says nothing of the score (the graded attempt did not pass: 0 %).
    for (const body of players) {
      const lesson = body.modules[0].lessons[0];
      expect(Object.entries(lesson.content ?? {}).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))).toEqual([['quizId', quizId]]);
      expect(lesson.progress.percent).toBe(0);
      expect(LEAKY_KEYS.filter((k) => keysOf(body).has(k) && k !== 'percent')).toEqual([]);
    }
    expect(JSON.stringify(players)).not.toMatch(/FEEDBACK|"weight"|87\.5|กรุงเทพ/);
    for (const question of attempt.questions) expect([...keysOf(question)].filter((k) => !LEARNER_VIEW_KEYS.includes(k))).toEqual([]);
    expect(JSON.stringify(payloads)).not.toMatch(/FEEDBACK|"weight"/);
  });
});
