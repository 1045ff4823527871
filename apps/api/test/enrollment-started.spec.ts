import type { DataSource } from 'typeorm';
import { AttendanceClock } from '../src/attendance/attendance.clock';
import { bearer } from './accounts-helpers';
import { useTestApi } from './api-app';
import { enrol as enrolOnsite, hourFrom, publishSessionCourse } from './attendance-helpers';
import { type Person, setupPeople } from './courses-helpers';
import { enrol, newLearner, publishedCourse } from './learning-helpers';

/**
 * What participation reports (issue 10) need from the API: the moment an enrolment started
 * (`started_at`, "attendees"), set once by the first lesson-progress write or the first time the
 * learner is marked present, with one `enrollment.started` event; and `account.erased` on erasure.
 */
const api = useTestApi({ env: { TRUST_PROXY: 'true' } });
const http = api.http;
let db: DataSource;
let people: Awaited<ReturnType<typeof setupPeople>>;
let teacher: Person;

const MINUTE = 60_000;
const T0 = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / MINUTE) * MINUTE);
const ONSITE_START = new Date(T0.getTime() + 2 * 3_600_000);
const TEXT: [string, Record<string, unknown>] = ['text', { body: 'อ่านก่อนเรียน' }];

beforeAll(async () => {
  db = api.db();
  people = await setupPeople(http);
  teacher = await people.instructor();
});

afterEach(() => {
  api.app().get(AttendanceClock).now = () => new Date();
});

const startedAt = async (enrollmentId: string): Promise<Date | null> => (await db.query(`SELECT started_at FROM enrollment WHERE id = $1`, [enrollmentId]))[0].started_at;
const startedEvents = (enrollmentId: string): Promise<{ payload: Record<string, string>; request_id: string | null }[]> =>
  db.query(`SELECT payload, request_id FROM outbox_event WHERE type = 'enrollment.started' AND payload->>'enrollmentId' = $1`, [enrollmentId]);
const enrollmentOf = async (courseId: string, userId: string): Promise<string> =>
  (await db.query(`SELECT id FROM enrollment WHERE course_id = $1 AND user_id = $2`, [courseId, userId]))[0].id;

describe('an enrolment starts', () => {
  it('with the first lesson-progress write: started_at set once and one enrollment.started, however many writes race or follow', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT, TEXT, TEXT]);
    const learner = await newLearner(http);
    const enrollmentId = await enrol(db, course.id, learner.id);
    expect(await startedAt(enrollmentId)).toBeNull();

    const write = (lessonId: string) => http().put(`/api/v1/learning/lessons/${lessonId}/progress`).set(bearer(learner.token)).set('X-Request-Id', 'req-first-read').send({});
    const answers = await Promise.all([write(course.lessonIds[0]), write(course.lessonIds[1]), write(course.lessonIds[0])]);
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200]);
    const first = await startedAt(enrollmentId);
    expect(first).toBeInstanceOf(Date);
    expect(await startedEvents(enrollmentId)).toEqual([
      { payload: { enrollmentId, courseId: course.id, userId: learner.id }, request_id: 'req-first-read' },
    ]);

    await write(course.lessonIds[2]).expect(200);
    expect(await startedAt(enrollmentId)).toEqual(first);
    expect(await startedEvents(enrollmentId)).toHaveLength(1);
  });

  it('when the learner is first marked present on the roster (not when marked absent), once', async () => {
    const own = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START) });
    const learner = await newLearner(http);
    const enrollmentId = await enrolOnsite(db, own.courseId, learner.id);
    const mark = (lessonId: string, status: 'present' | 'absent') =>
      http().put(`/api/v1/studio/sessions/${lessonId}/attendance`).set(bearer(teacher.token)).send({ marks: [{ userId: learner.id, status }] }).expect(200);

    await mark(own.liveId, 'absent');
    expect(await startedAt(enrollmentId)).toBeNull();
    expect(await startedEvents(enrollmentId)).toEqual([]);

    await mark(own.liveId, 'present');
    const first = await startedAt(enrollmentId);
    expect(first).toBeInstanceOf(Date);
    expect((await startedEvents(enrollmentId)).map((e) => e.payload)).toEqual([{ enrollmentId, courseId: own.courseId, userId: learner.id }]);

    // Corrected to absent and present again, and the other session: still the first moment, one event.
    await mark(own.liveId, 'absent');
    await mark(own.liveId, 'present');
    await mark(own.onsiteId, 'present');
    expect(await startedAt(enrollmentId)).toEqual(first);
    expect(await startedEvents(enrollmentId)).toHaveLength(1);
  });

  it('when the learner joins a live session, and for a walk-in added at the door', async () => {
    const own = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START) });
    const learner = await newLearner(http);
    const enrollmentId = await enrolOnsite(db, own.courseId, learner.id);
    const clock = api.app().get(AttendanceClock);
    const inLive = new Date(T0.getTime() + 5 * MINUTE);
    clock.now = () => inLive;
    await http().post(`/api/v1/sessions/${own.liveId}/join`).set(bearer(learner.token)).expect(200);
    await http().post(`/api/v1/sessions/${own.liveId}/join`).set(bearer(learner.token)).expect(200); // rejoined
    expect(await startedAt(enrollmentId)).toBeInstanceOf(Date);
    expect(await startedEvents(enrollmentId)).toHaveLength(1);

    const inOnsite = new Date(ONSITE_START.getTime() + 5 * MINUTE);
    clock.now = () => inOnsite;
    const walkIn = await http()
      .post(`/api/v1/studio/sessions/${own.onsiteId}/walk-ins`)
      .set(bearer(teacher.token))
      .send({ displayName: 'ป้าบุญมี มาเอง', targetGroup: 'elderly', province: 'เชียงใหม่', district: 'สันทราย' })
      .expect(201);
    const walkInEnrollment = await enrollmentOf(own.courseId, walkIn.body.userId);
    expect(await startedAt(walkInEnrollment)).toBeInstanceOf(Date);
    expect((await startedEvents(walkInEnrollment)).map((e) => e.payload)).toEqual([{ enrollmentId: walkInEnrollment, courseId: own.courseId, userId: walkIn.body.userId }]);
  });
});

describe('claiming a walk-in account', () => {
  it('gives a claimer who had not started the walk-in\'s start, with one enrollment.started, and writes account.erased for the walk-in account', async () => {
    const own = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START) });
    const person = await newLearner(http);
    const enrollmentId = await enrolOnsite(db, own.courseId, person.id);
    api.app().get(AttendanceClock).now = () => new Date(ONSITE_START.getTime() + 5 * MINUTE);
    // They forgot they had signed up and were added at the door under a new account.
    const walkIn = (
      await http()
        .post(`/api/v1/studio/sessions/${own.onsiteId}/walk-ins`)
        .set(bearer(teacher.token))
        .send({ displayName: 'ป้าบุญมี มาเอง', targetGroup: 'elderly', province: 'เชียงใหม่', district: 'สันทราย' })
        .expect(201)
    ).body;
    const walkInStart = await startedAt(walkIn.enrollmentId);
    expect(await startedAt(enrollmentId)).toBeNull();

    await http().post('/api/v1/me/walk-in-claims').set(bearer(person.token)).send({ accountCode: walkIn.accountCode, pin: walkIn.card.oneTimeCode }).expect(200);
    expect(await startedAt(enrollmentId)).toEqual(walkInStart);
    expect((await startedEvents(enrollmentId)).map((e) => e.payload)).toEqual([{ enrollmentId, courseId: own.courseId, userId: person.id }]);
    const erased = await db.query(`SELECT payload FROM outbox_event WHERE type = 'account.erased' AND payload->>'userId' = $1`, [walkIn.userId]);
    expect(erased).toHaveLength(1);
  });
});

describe('erasing an account', () => {
  const erasedEvents = (userId: string) => db.query(`SELECT payload FROM outbox_event WHERE type = 'account.erased' AND payload->>'userId' = $1`, [userId]);

  it('writes account.erased with the person\'s id in the erasure\'s transaction, and nothing when the erasure is refused', async () => {
    const learner = await newLearner(http);
    await http().delete('/api/v1/me').set(bearer(learner.token)).send({ confirmation: 'DELETE' }).expect(204);
    expect(await erasedEvents(learner.id)).toEqual([{ payload: { userId: learner.id } }]);

    // The only administrator may not leave: rolled back, no event.
    await http().delete('/api/v1/me').set(bearer(people.admin.token)).send({ confirmation: 'DELETE' }).expect(409);
    expect(await erasedEvents(people.admin.id)).toEqual([]);
  });
});
