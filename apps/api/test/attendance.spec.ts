import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { randomInt } from 'node:crypto';
import { AttendanceClock } from '../src/attendance/attendance.clock';
import { CheckInCodes } from '../src/attendance/check-in-codes';
import { useTestApi } from './api-app';
import { bearer, PASSWORD, signIn } from './accounts-helpers';
import { enrol, events, hourFrom, publishSessionCourse, type SessionCourse, unfold } from './attendance-helpers';
import { type Person, setupPeople } from './courses-helpers';
import { createChild } from './guardian-helpers';

// Behind a trusted proxy, so each test person signs up from an address of their own.
const api = useTestApi({ env: { TRUST_PROXY: 'true' } });
const http = api.http;
// Walk-in claims check a PIN with Argon2id: allow for a busy machine.
jest.setTimeout(20_000);

const MINUTE = 60_000;
/** Sessions three days ahead, on a whole minute: live T0..T0+1h, onsite T0+2h..T0+3h. */
const T0 = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / MINUTE) * MINUTE);
const ONSITE_START = new Date(T0.getTime() + 2 * 3_600_000);

let people: { admin: Person; instructor: () => Promise<Person>; learner: () => Promise<Person> };
let ipCounter = 0;
/** Each sign-up from its own address: the per-address sign-up limit is not what these tests are about. */
const ipBase = randomInt(0, 250);
const freshIp = () => `10.${ipBase}.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;
async function newPerson(role?: 'instructor'): Promise<Person> {
  const email = `att-${Date.now()}-${++ipCounter}@example.org`;
  const res = await http()
    .post('/api/v1/auth/sign-up')
    .set('X-Forwarded-For', freshIp())
    .send({ email, password: PASSWORD, displayName: 'สมศรี ทดสอบ', preferredLocale: 'th' })
    .expect(201);
  const person = { id: res.body.user.id as string, email, token: res.body.accessToken as string };
  if (!role) return person;
  await http().put(`/api/v1/admin/users/${person.id}/roles/instructor`).set(bearer(people.admin.token)).expect(200);
  return { ...person, token: (await signIn(http, email)).accessToken };
}
let teacher: Person;
let course: SessionCourse;

const clock = () => api.app().get(AttendanceClock);
const publicUrl = () => api.app().get<AppConfig>(APP_CONFIG).http.publicUrl;
const at = (time: Date | number) => {
  const fixed = new Date(time);
  clock().now = () => fixed;
};

beforeAll(async () => {
  const made = await setupPeople(http);
  people = { admin: made.admin, instructor: () => newPerson('instructor'), learner: () => newPerson() };
  teacher = await people.instructor();
  course = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START) });
});

afterEach(() => {
  clock().now = () => new Date();
});

async function enrolledLearner(target: SessionCourse = course): Promise<Person> {
  const learner = await people.learner();
  await enrol(api.db(), target.courseId, learner.id);
  return learner;
}

async function attendanceRows(lessonId: string, userId: string): Promise<{ status: string; method: string }[]> {
  return api.db().query(`SELECT status, method FROM session_attendance WHERE lesson_id = $1 AND user_id = $2`, [lessonId, userId]);
}

describe('the roster', () => {
  it('lists the sessions with counts and marks learners present or absent in one request, once', async () => {
    const own = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START) });
    const [ann, ben] = [await enrolledLearner(own), await enrolledLearner(own)];

    const res = await http()
      .put(`/api/v1/studio/sessions/${own.onsiteId}/attendance`)
      .set(bearer(teacher.token))
      .send({ marks: [{ userId: ann.id, status: 'present' }, { userId: ben.id, status: 'absent' }] })
      .expect(200);
    const byUser = Object.fromEntries(res.body.items.map((i: { userId: string }) => [i.userId, i]));
    expect(byUser[ann.id]).toMatchObject({ status: 'present', method: 'roster', source: 'self' });
    expect(byUser[ben.id]).toMatchObject({ status: 'absent', method: 'roster' });
    expect(res.body.session).toMatchObject({ lessonId: own.onsiteId, type: 'onsite_session', venue: 'ห้องสมุดประชาชนอำเภอสันทราย' });

    // The same marks again change nothing and write no event.
    const events = async () => (await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'attendance.recorded' AND payload->>'lessonId' = $1`, [own.onsiteId]))[0].n;
    expect(await events()).toBe(2);
    await http().put(`/api/v1/studio/sessions/${own.onsiteId}/attendance`).set(bearer(teacher.token)).send({ marks: [{ userId: ann.id, status: 'present' }] }).expect(200);
    expect(await events()).toBe(2);

    const sessions = await http().get(`/api/v1/studio/courses/${own.courseId}/sessions`).set(bearer(teacher.token)).expect(200);
    expect(sessions.body).toEqual([
      expect.objectContaining({ lessonId: own.liveId, type: 'live_session', enrolled: 2, present: 0, absent: 0, walkIns: 0, venue: null }),
      expect.objectContaining({ lessonId: own.onsiteId, type: 'onsite_session', enrolled: 2, present: 1, absent: 1, walkIns: 0 }),
    ]);
  });

  it('completes the enrolment when the last required session is marked present, in the same request', async () => {
    const own = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START) });
    const learner = await enrolledLearner(own);
    const mark = (lessonId: string) =>
      http().put(`/api/v1/studio/sessions/${lessonId}/attendance`).set(bearer(teacher.token)).send({ marks: [{ userId: learner.id, status: 'present' }] }).expect(200);
    const status = async () => (await api.db().query(`SELECT status FROM enrollment WHERE course_id = $1 AND user_id = $2`, [own.courseId, learner.id]))[0].status;
    await mark(own.liveId);
    expect(await status()).toBe('active');
    await mark(own.onsiteId);
    expect(await status()).toBe('completed');
    const [{ n }] = await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'enrollment.completed' AND payload->>'userId' = $1`, [learner.id]);
    expect(n).toBe(1);
  });

  it('refuses the whole request when someone in it is not enrolled', async () => {
    const [ann, stranger] = [await enrolledLearner(), await people.learner()];
    const res = await http()
      .put(`/api/v1/studio/sessions/${course.liveId}/attendance`)
      .set(bearer(teacher.token))
      .set('Accept-Language', 'en')
      .send({ marks: [{ userId: ann.id, status: 'present' }, { userId: stranger.id, status: 'present' }] })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'ATTENDANCE_LEARNER_NOT_ENROLLED', userIds: [stranger.id], title: 'Some people in the list are not enrolled in this course' });
    expect(await attendanceRows(course.liveId, ann.id)).toEqual([]);
  });

  it('is only for the course\'s instructors and administrators', async () => {
    const other = await people.instructor();
    const learner = await enrolledLearner();
    for (const path of [`sessions/${course.onsiteId}/roster`, `sessions/${course.onsiteId}/check-in-code`, `courses/${course.courseId}/sessions`]) {
      await http().get(`/api/v1/studio/${path}`).set(bearer(other.token)).expect(403);
      await http().get(`/api/v1/studio/${path}`).set(bearer(learner.token)).expect(403);
      await http().get(`/api/v1/studio/${path}`).set(bearer(people.admin.token)).expect(200);
    }
    await http()
      .put(`/api/v1/studio/sessions/${course.onsiteId}/attendance`)
      .set(bearer(other.token))
      .send({ marks: [{ userId: learner.id, status: 'present' }] })
      .expect(403);
    expect(await attendanceRows(course.onsiteId, learner.id)).toEqual([]);
    // An id that is no lesson: the same 403 as another instructor's session (ids tell nothing).
    expect((await http().get(`/api/v1/studio/sessions/${course.courseId}/roster`).set(bearer(teacher.token)).expect(403)).body.code).toBe('FORBIDDEN');
  });
});

describe('QR check-in', () => {
  const inSession = new Date(ONSITE_START.getTime() + 10 * MINUTE);
  const checkIn = (token: string, lessonId: string, code: string) => http().post(`/api/v1/sessions/${lessonId}/check-ins`).set(bearer(token)).send({ code });
  const screen = async (lessonId = course.onsiteId) =>
    (await http().get(`/api/v1/studio/sessions/${lessonId}/check-in-code`).set(bearer(teacher.token)).expect(200)).body as {
      url: string;
      code: string;
      svg: string;
      expiresAt: string;
      rotatesAt: string;
      rotatesEverySeconds: number;
    };

  it('checks in with the code on the screen now, once however often it is scanned', async () => {
    at(inSession);
    const shown = await screen();
    expect(shown.url).toBe(`${publicUrl()}/check-in/${course.onsiteId}?c=${shown.code}`);
    expect(shown.svg).toMatch(/^<svg[^>]*>/);
    expect(shown.rotatesEverySeconds).toBe(30);
    expect(new Date(shown.expiresAt).getTime() - new Date(shown.rotatesAt).getTime()).toBe(30_000);

    const learner = await enrolledLearner();
    const first = await checkIn(learner.token, course.onsiteId, shown.code).expect(201);
    expect(first.body).toEqual({ status: 'present', recordedAt: inSession.toISOString(), alreadyCheckedIn: false });
    const again = await checkIn(learner.token, course.onsiteId, shown.code.toLowerCase()).expect(200);
    expect(again.body).toEqual({ status: 'present', recordedAt: inSession.toISOString(), alreadyCheckedIn: true });
    expect(await attendanceRows(course.onsiteId, learner.id)).toEqual([{ status: 'present', method: 'qr' }]);
  });

  it('makes simultaneous scans of the same learner one check-in', async () => {
    at(inSession);
    const { code } = await screen();
    const learner = await enrolledLearner();
    const statuses = (await Promise.all(Array.from({ length: 6 }, () => checkIn(learner.token, course.onsiteId, code)))).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await attendanceRows(course.onsiteId, learner.id)).toHaveLength(1);
    const [{ n }] = await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'attendance.recorded' AND payload->>'userId' = $1`, [learner.id]);
    expect(n).toBe(1);
  });

  it('accepts the code until one window after it rotates, then says it expired', async () => {
    at(inSession);
    const { code } = await screen();
    const [late, later] = [await enrolledLearner(), await enrolledLearner()];
    at(inSession.getTime() + 30_000);
    await checkIn(late.token, course.onsiteId, code).expect(201);
    at(inSession.getTime() + 60_000);
    const res = await checkIn(later.token, course.onsiteId, code).set('Accept-Language', 'en').expect(410);
    expect(res.body).toMatchObject({ code: 'ATTENDANCE_CODE_EXPIRED', title: 'This code has expired. Please scan the QR code on the screen again.' });
    expect(await attendanceRows(course.onsiteId, later.id)).toEqual([]);
  });

  it('refuses a screenshot of yesterday\'s code and a code of another session', async () => {
    at(inSession);
    const learner = await enrolledLearner();
    const codes = api.app().get(CheckInCodes);
    const yesterday = codes.codeAt(course.onsiteId, new Date(inSession.getTime() - 86_400_000));
    expect((await checkIn(learner.token, course.onsiteId, yesterday).expect(422)).body.code).toBe('ATTENDANCE_CODE_INVALID');
    at(T0.getTime() + 10 * MINUTE);
    const live = await screen(course.liveId);
    at(inSession);
    expect((await checkIn(learner.token, course.onsiteId, live.code).expect(422)).body.code).toBe('ATTENDANCE_CODE_INVALID');
    expect((await checkIn(learner.token, course.onsiteId, 'not-a-code').expect(422)).body.code).toBe('ATTENDANCE_CODE_INVALID');
    expect(await attendanceRows(course.onsiteId, learner.id)).toEqual([]);
  });

  it('works only from 30 minutes before the start to the end of the session', async () => {
    const learner = await enrolledLearner();
    for (const time of [ONSITE_START.getTime() - 31 * MINUTE, ONSITE_START.getTime() + 61 * MINUTE]) {
      at(time);
      const { code } = await screen();
      expect((await checkIn(learner.token, course.onsiteId, code).expect(409)).body.code).toBe('ATTENDANCE_OUTSIDE_WINDOW');
    }
    at(ONSITE_START.getTime() - 29 * MINUTE);
    await checkIn(learner.token, course.onsiteId, (await screen()).code).expect(201);
  });

  it('refuses someone not enrolled (403) whatever the code', async () => {
    at(inSession);
    const stranger = await people.learner();
    const res = await checkIn(stranger.token, course.onsiteId, (await screen()).code).set('Accept-Language', 'th').expect(403);
    expect(res.body).toMatchObject({ code: 'ATTENDANCE_NOT_ENROLLED', title: 'คุณยังไม่ได้ลงทะเบียนรายวิชานี้' });
    expect(await attendanceRows(course.onsiteId, stranger.id)).toEqual([]);
  });

  it('turns an earlier "absent" into "present" when the learner scans during the session', async () => {
    const learner = await enrolledLearner();
    await http().put(`/api/v1/studio/sessions/${course.onsiteId}/attendance`).set(bearer(teacher.token)).send({ marks: [{ userId: learner.id, status: 'absent' }] }).expect(200);
    at(inSession);
    await checkIn(learner.token, course.onsiteId, (await screen()).code).expect(201);
    expect(await attendanceRows(course.onsiteId, learner.id)).toEqual([{ status: 'present', method: 'qr' }]);
  });
});

describe('joining a live session', () => {
  const join = (token: string, lessonId = course.liveId) => http().post(`/api/v1/sessions/${lessonId}/join`).set(bearer(token));

  it('gives the meeting link only in the join window and records attendance', async () => {
    const learner = await enrolledLearner();
    at(T0.getTime() - 16 * MINUTE);
    expect((await join(learner.token).expect(409)).body).not.toHaveProperty('meetingUrl');
    expect(await attendanceRows(course.liveId, learner.id)).toEqual([]);

    at(T0.getTime() - 14 * MINUTE);
    const res = await join(learner.token).expect(200);
    expect(res.body).toMatchObject({ meetingUrl: 'https://meet.example.org/abc-defg-hij', status: 'present', alreadyCheckedIn: false });
    expect(await attendanceRows(course.liveId, learner.id)).toEqual([{ status: 'present', method: 'join' }]);
    // Rejoining after a dropped connection: the link again, still one record.
    at(T0.getTime() + 20 * MINUTE);
    expect((await join(learner.token).expect(200)).body.alreadyCheckedIn).toBe(true);
    expect(await attendanceRows(course.liveId, learner.id)).toHaveLength(1);

    at(T0.getTime() + 61 * MINUTE);
    await join(learner.token).expect(409);
  });

  it('refuses learners without a seat and onsite sessions', async () => {
    at(T0.getTime() + 5 * MINUTE);
    const stranger = await people.learner();
    expect((await join(stranger.token).expect(403)).body.code).toBe('ATTENDANCE_NOT_ENROLLED');
    const learner = await enrolledLearner();
    expect((await join(learner.token, course.onsiteId).expect(422)).body.code).toBe('ATTENDANCE_WRONG_SESSION_TYPE');
  });
});

describe('walk-ins', () => {
  const inSession = new Date(ONSITE_START.getTime() + 5 * MINUTE);
  const addWalkIn = (lessonId: string, body: object = {}) =>
    http()
      .post(`/api/v1/studio/sessions/${lessonId}/walk-ins`)
      .set(bearer(teacher.token))
      .send({ displayName: 'ป้าบุญมี มาเอง', targetGroup: 'elderly', province: 'เชียงใหม่', district: 'สันทราย', ...body });
  const seat = async (courseId: string) => (await api.db().query(`SELECT capacity, taken, waitlisted FROM course_seat WHERE course_id = $1`, [courseId]))[0];
  const sessionCounts = async (target: SessionCourse) =>
    (await http().get(`/api/v1/studio/courses/${target.courseId}/sessions`).set(bearer(teacher.token)).expect(200)).body.find(
      (s: { lessonId: string }) => s.lessonId === target.onsiteId,
    );

  it('adds someone at the door of a full session: counted in the seats and the reports, present, with a card', async () => {
    const full = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START), capacity: 1 });
    await enrolledLearner(full);
    at(inSession);
    const res = await addWalkIn(full.onsiteId, { phone: '081 234 5678' }).expect(201);
    expect(res.body).toMatchObject({ displayName: 'ป้าบุญมี มาเอง', accountCode: expect.stringMatching(/^BR-\d+$/), recordedAt: inSession.toISOString() });
    expect(res.body.card).toMatchObject({ accountCode: res.body.accountCode, oneTimeCode: expect.any(String), qrSvg: expect.stringMatching(/^<svg/) });
    expect(await seat(full.courseId)).toMatchObject({ capacity: 1, taken: 2 });

    const [user] = await api.db().query(`SELECT email, target_group, district, phone FROM app_user WHERE id = $1`, [res.body.userId]);
    expect(user).toEqual({ email: null, target_group: 'elderly', district: 'สันทราย', phone: '081 234 5678' });
    const [enrollment] = await api.db().query(`SELECT status, channel, source FROM enrollment WHERE id = $1`, [res.body.enrollmentId]);
    expect(enrollment).toEqual({ status: 'active', channel: 'onsite', source: 'walk_in' });
    expect(await sessionCounts(full)).toMatchObject({ enrolled: 2, present: 1, walkIns: 1 });
    const roster = await http().get(`/api/v1/studio/sessions/${full.onsiteId}/roster`).set(bearer(teacher.token)).expect(200);
    expect(roster.body.items.find((i: { userId: string }) => i.userId === res.body.userId)).toMatchObject({ source: 'walk_in', status: 'present', method: 'walk_in' });
    // Made like assisted sign-up: listed among the instructor's assisted accounts, and audited.
    const assisted = await http().get('/api/v1/assisted-accounts').set(bearer(teacher.token)).expect(200);
    expect(assisted.body.items.map((i: { user: { id: string } }) => i.user.id)).toContain(res.body.userId);
  });

  it('refuses live sessions and walk-ins long before the session', async () => {
    at(inSession);
    expect((await addWalkIn(course.liveId).expect(422)).body.code).toBe('ATTENDANCE_WRONG_SESSION_TYPE');
    at(ONSITE_START.getTime() - 2 * 3_600_000);
    expect((await addWalkIn(course.onsiteId).expect(409)).body.code).toBe('ATTENDANCE_OUTSIDE_WINDOW');
  });

  it('lets the person claim the history for their own account; counts stay the same', async () => {
    const own = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START) });
    at(inSession);
    const walkIn = (await addWalkIn(own.onsiteId).expect(201)).body;
    const before = await sessionCounts(own);

    const person = await people.learner();
    const wrong = await http().post('/api/v1/me/walk-in-claims').set(bearer(person.token)).send({ accountCode: walkIn.accountCode, pin: 'AAAA-AAAA' }).expect(400);
    expect(wrong.body.code).toBe('WALK_IN_CLAIM_INVALID');
    const res = await http()
      .post('/api/v1/me/walk-in-claims')
      .set(bearer(person.token))
      .send({ accountCode: walkIn.accountCode.toLowerCase(), pin: walkIn.card.oneTimeCode })
      .expect(200);
    expect(res.body).toEqual({ movedEnrollments: 1, mergedEnrollments: 0, attendance: 1, courseIds: [own.courseId] });
    const [{ n }] = await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'attendance.recorded' AND payload->>'userId' = $1`, [person.id]);
    expect(n).toBe(1);

    expect(await attendanceRows(own.onsiteId, person.id)).toEqual([{ status: 'present', method: 'walk_in' }]);
    const [enrollment] = await api.db().query(`SELECT user_id, source FROM enrollment WHERE id = $1`, [walkIn.enrollmentId]);
    expect(enrollment).toEqual({ user_id: person.id, source: 'walk_in' });
    expect(await sessionCounts(own)).toEqual(before);
    const [erased] = await api.db().query(`SELECT display_name, phone, erased_at IS NOT NULL AS erased FROM app_user WHERE id = $1`, [walkIn.userId]);
    expect(erased).toEqual({ display_name: '', phone: null, erased: true });
    // The card is used up with the account: neither a second claim nor signing in works.
    await http().post('/api/v1/me/walk-in-claims').set(bearer(person.token)).send({ accountCode: walkIn.accountCode, pin: walkIn.card.oneTimeCode }).expect(400);
    await http().post('/api/v1/auth/card').send({ accountCode: walkIn.accountCode, oneTimeCode: walkIn.card.oneTimeCode }).expect(400);
  });

  it('merges with an enrolment the claimer already had in the course: one person, one seat, present', async () => {
    const own = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START) });
    const person = await enrolledLearner(own);
    // Marked absent (they forgot the sign-up), then added at the door under a new account.
    await http().put(`/api/v1/studio/sessions/${own.onsiteId}/attendance`).set(bearer(teacher.token)).send({ marks: [{ userId: person.id, status: 'absent' }] }).expect(200);
    at(T0.getTime() + 5 * MINUTE);
    await http().post(`/api/v1/sessions/${own.liveId}/join`).set(bearer(person.token)).expect(200);
    at(inSession);
    const walkIn = (await addWalkIn(own.onsiteId).expect(201)).body;
    expect(await seat(own.courseId)).toMatchObject({ taken: 2 });

    const res = await http().post('/api/v1/me/walk-in-claims').set(bearer(person.token)).send({ accountCode: walkIn.accountCode, pin: walkIn.card.oneTimeCode }).expect(200);
    expect(res.body).toMatchObject({ movedEnrollments: 0, mergedEnrollments: 1, attendance: 2 });
    expect(await seat(own.courseId)).toMatchObject({ taken: 1 });
    expect(await attendanceRows(own.onsiteId, person.id)).toEqual([{ status: 'present', method: 'walk_in' }]);
    expect(await sessionCounts(own)).toMatchObject({ enrolled: 1, present: 1, absent: 0, walkIns: 1 });
    // Both sessions attended now: the claimer's enrolment is complete.
    const [enrollment] = await api.db().query(`SELECT status FROM enrollment WHERE course_id = $1 AND user_id = $2`, [own.courseId, person.id]);
    expect(enrollment.status).toBe('completed');
    expect(await api.db().query(`SELECT id FROM enrollment WHERE id = $1`, [walkIn.enrollmentId])).toEqual([]);
  });

  it('gives the seat a merge frees to the first learner waiting, and tells them through the outbox', async () => {
    const full = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START), capacity: 2 });
    const person = await enrolledLearner(full);
    const waiting = await people.learner();
    const waitingEnrollment = await enrol(api.db(), full.courseId, waiting.id, 'waitlisted');
    at(inSession);
    // The person, not knowing they were enrolled, is added at the door: the course is now full.
    const walkIn = (await addWalkIn(full.onsiteId).expect(201)).body;
    expect(await seat(full.courseId)).toMatchObject({ taken: 2, waitlisted: 1 });

    await http().post('/api/v1/me/walk-in-claims').set(bearer(person.token)).send({ accountCode: walkIn.accountCode, pin: walkIn.card.oneTimeCode }).expect(200);
    // One person, one seat: the freed seat goes to the learner who was waiting.
    const [promoted] = await api.db().query(`SELECT status FROM enrollment WHERE id = $1`, [waitingEnrollment]);
    expect(promoted.status).toBe('active');
    expect(await seat(full.courseId)).toMatchObject({ taken: 2, waitlisted: 0 });
    const events = await api.db().query(`SELECT payload FROM outbox_event WHERE type = 'enrollment.promoted' AND payload->>'enrollmentId' = $1`, [waitingEnrollment]);
    expect(events).toHaveLength(1);
  });

  it('also accepts the PIN the walk-in chose with the card, and not the walk-in account claiming itself', async () => {
    at(inSession);
    const walkIn = (await addWalkIn(course.onsiteId).expect(201)).body;
    const redeemed = await http().post('/api/v1/auth/card').send({ accountCode: walkIn.accountCode, oneTimeCode: walkIn.card.oneTimeCode }).expect(200);
    const session = await http().post('/api/v1/auth/card/complete').send({ setupToken: redeemed.body.setupToken, secretKind: 'pin', secret: '480153' }).expect(200);
    const self = await http().post('/api/v1/me/walk-in-claims').set(bearer(session.body.accessToken)).send({ accountCode: walkIn.accountCode, pin: '480153' }).expect(409);
    expect(self.body.code).toBe('WALK_IN_CLAIM_SELF');

    const person = await people.learner();
    const res = await http().post('/api/v1/me/walk-in-claims').set(bearer(person.token)).send({ accountCode: walkIn.accountCode, pin: '480153' }).expect(200);
    expect(res.body.movedEnrollments).toBe(1);
    expect(await attendanceRows(course.onsiteId, person.id)).toEqual([{ status: 'present', method: 'walk_in' }]);
    // The walk-in's session ended with the account.
    await http().get('/api/v1/me').set(bearer(session.body.accessToken)).expect(401);
    await signIn(http, person.email, PASSWORD);
  });
});

describe('the calendar export', () => {
  it('is an RFC 5545 calendar of the learner\'s and their children\'s upcoming sessions', async () => {
    const longTitle = 'สัมมนาออนไลน์, ถาม;ตอบ\\ เรื่องการใช้สมาร์ตโฟนอย่างปลอดภัยสำหรับผู้สูงอายุและครอบครัว ครั้งที่หนึ่ง';
    const own = await publishSessionCourse(http, teacher.token, { live: hourFrom(T0), onsite: hourFrom(ONSITE_START), liveTitle: longTitle });
    const childCourse = await publishSessionCourse(http, teacher.token, { live: hourFrom(new Date(T0.getTime() + 86_400_000)), onsite: hourFrom(new Date(ONSITE_START.getTime() + 86_400_000)) });
    const learner = await enrolledLearner(own);
    const child = await createChild(http, learner.token, { displayName: 'น้องมะลิ' });
    await enrol(api.db(), childCourse.courseId, child.id);
    // After the live session has ended: only the onsite one is upcoming... then back to before both.
    at(T0.getTime() + 61 * MINUTE);
    const later = await http().get('/api/v1/me/sessions.ics').set(bearer(learner.token)).expect(200);
    expect(events(unfold(later.text)).map((e) => e.UID.split('@')[0])).toEqual([own.onsiteId]);

    at(T0.getTime() - 86_400_000);
    const res = await http().get('/api/v1/me/sessions.ics').set(bearer(learner.token)).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('sessions.ics');
    const text = res.text;
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = text.split('\r\n');
    expect(Math.max(...physical.map((line) => Buffer.byteLength(line, 'utf8')))).toBeLessThanOrEqual(75);
    // The long Thai title was folded, and folding never split a character.
    expect(physical.some((line) => line.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');

    const lines = unfold(text);
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(lines.filter((l) => l === 'END:VEVENT').length);
    const host = new URL(publicUrl()).hostname;
    const found = events(lines);
    expect(found.map((e) => e.UID)).toEqual([`${own.liveId}@${host}`, `${own.onsiteId}@${host}`]);
    const [live, onsite] = found;
    expect(live.DTSTART).toBe(T0.toISOString().replace(/[-:]/g, '').replace('.000', ''));
    expect(live.DTEND).toMatch(/^\d{8}T\d{6}Z$/);
    expect(live.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(live.SUMMARY).toContain('สัมมนาออนไลน์\\, ถาม\\;ตอบ\\\\ เรื่อง');
    expect(live.URL).toMatch(new RegExp(`/courses/${own.slug}$`));
    expect(live).not.toHaveProperty('LOCATION');
    expect(onsite.LOCATION).toBe('ห้องสมุดประชาชนอำเภอสันทราย\\, 99 หมู่ 1\\, ตำบลสันทรายหลวง\\; อำเภอสันทราย\\, เชียงใหม่');
    expect(onsite).not.toHaveProperty('URL');

    const family = await http().get('/api/v1/me/sessions.ics?includeChildren=true').set(bearer(learner.token)).expect(200);
    const all = events(unfold(family.text));
    expect(all.map((e) => e.UID.split('@')[0])).toEqual([own.liveId, own.onsiteId, childCourse.liveId, childCourse.onsiteId]);
    expect(all[2].SUMMARY).toContain('(น้องมะลิ)');
  });
});
