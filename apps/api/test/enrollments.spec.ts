import type { AuthUser } from '../src/authz/authz.types';
import { defineAbilityFor } from '../src/authz/ability.factory';
import { EnrollmentsService } from '../src/enrollments/enrollments.service';
import { bearer, signUp } from './accounts-helpers';
import { publishTestCourse } from './catalog-fixture';
import { setupPeople, type Person } from './courses-helpers';
import { insertLearners, outboxEvents, publishedCourse, republish, useEnrollmentApi } from './enrollments-helpers';
import { createChild, switchToChild } from './guardian-helpers';

const api = useEnrollmentApi(40);
const http = api.http;
let people: Awaited<ReturnType<typeof setupPeople>>;
let teacher: Person;

beforeAll(async () => {
  people = await setupPeople(http);
  teacher = await people.instructor();
});

const enroll = (token: string, courseId: string, body: object = {}) => http().post(`/api/v1/courses/${courseId}/enrollment`).set(bearer(token)).send(body);
const count = async (courseId: string, status: string) =>
  Number((await api.db().query(`SELECT count(*) AS n FROM enrollment WHERE course_id = $1 AND status = $2`, [courseId, status]))[0].n);

describe('enrolling', () => {
  it('a double-clicked enrol gives one enrolment: 201 then 200 with the same row, one event', async () => {
    const course = await publishedCourse(http, teacher.token, { capacity: 10 });
    const learner = await people.learner();
    const [a, b] = await Promise.all([enroll(learner.token, course.id), enroll(learner.token, course.id)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body).toMatchObject({ status: 'active', channel: 'online', source: 'self', waitlistPosition: null, userId: learner.id });
    expect(await count(course.id, 'active')).toBe(1);
    expect(await outboxEvents(api.db(), 'enrollment.created', course.id)).toEqual([{ enrollmentId: a.body.id, courseId: course.id, userId: learner.id }]);
    const state = await http().get(`/api/v1/courses/${course.id}/enrollment`).set(bearer(learner.token)).expect(200);
    expect(state.body).toMatchObject({ enrollment: { id: a.body.id, status: 'active' }, seats: { capacity: 10, taken: 1, waitlisted: 0 }, open: true, channels: ['online'] });
  });

  it('200 simultaneous enrolments for a 50-seat course give exactly 50 active and 150 waitlisted, in order', async () => {
    const course = await publishedCourse(http, teacher.token, { capacity: 50 });
    const learners = await insertLearners(api.db(), 200);
    const service = api.app().get(EnrollmentsService);
    const results = await Promise.all(
      learners.map((l) => {
        const user: AuthUser = { id: l.id, displayName: 'x', roles: ['learner'] };
        return service.enroll(defineAbilityFor(user), user, course.id, {});
      }),
    );
    expect(results.every((r) => r.created)).toBe(true);
    expect(await count(course.id, 'active')).toBe(50);
    expect(await count(course.id, 'waitlisted')).toBe(150);
    const [seat] = await api.db().query(`SELECT capacity, taken, waitlisted FROM course_seat WHERE course_id = $1`, [course.id]);
    expect(seat).toEqual({ capacity: 50, taken: 50, waitlisted: 150 });
    const positions = results.map((r) => r.enrollment.waitlistPosition).filter((p) => p !== null).sort((x, y) => (x as number) - (y as number));
    expect(positions).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it('withdrawing frees the seat for the first waiting learner, in the same transaction, with the events', async () => {
    const course = await publishedCourse(http, teacher.token, { capacity: 1 });
    const [first, second, third] = [await people.learner(), await people.learner(), await people.learner()];
    expect((await enroll(first.token, course.id).expect(201)).body.status).toBe('active');
    expect((await enroll(second.token, course.id).expect(201)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await enroll(third.token, course.id).expect(201)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const withdrawn = await http().delete(`/api/v1/courses/${course.id}/enrollment`).set(bearer(first.token)).expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const secondState = await http().get(`/api/v1/courses/${course.id}/enrollment`).set(bearer(second.token)).expect(200);
    expect(secondState.body.enrollment).toMatchObject({ status: 'active', waitlistPosition: null });
    expect(secondState.body.seats).toEqual({ capacity: 1, taken: 1, waitlisted: 1 });
    const thirdState = await http().get(`/api/v1/courses/${course.id}/enrollment`).set(bearer(third.token)).expect(200);
    expect(thirdState.body.enrollment).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await outboxEvents(api.db(), 'enrollment.promoted', course.id)).map((e) => e.userId)).toEqual([second.id]);
    expect((await outboxEvents(api.db(), 'enrollment.withdrawn', course.id)).map((e) => e.userId)).toEqual([first.id]);

    // Enrolling again reuses the row and queues behind those already waiting.
    const again = await enroll(first.token, course.id).expect(201);
    expect(again.body).toMatchObject({ id: withdrawn.body.id, status: 'waitlisted', waitlistPosition: 2 });
  });

  it('a raised capacity on publishing promotes waiting learners', async () => {
    const course = await publishedCourse(http, teacher.token, { capacity: 1 });
    const [a, b, c] = [await people.learner(), await people.learner(), await people.learner()];
    for (const l of [a, b, c]) await enroll(l.token, course.id).expect(201);
    await republish(http, teacher.token, course.id, { capacity: 2 });
    expect(await count(course.id, 'active')).toBe(2);
    expect((await outboxEvents(api.db(), 'enrollment.promoted', course.id)).map((e) => e.userId)).toEqual([b.id]);
    const [seat] = await api.db().query(`SELECT capacity, taken, waitlisted FROM course_seat WHERE course_id = $1`, [course.id]);
    expect(seat).toEqual({ capacity: 2, taken: 2, waitlisted: 1 });
  });

  it('outside the enrolment window the answer is ENROLLMENT_CLOSED in th, en and vi', async () => {
    const course = await publishTestCourse(api.db(), { slug: `closed-${Date.now()}`, enrollmentClosesAt: new Date(Date.now() - 86_400_000).toISOString() });
    const learner = await people.learner();
    const titles: Record<string, string> = {};
    for (const lang of ['th', 'en', 'vi']) {
      const res = await enroll(learner.token, course.courseId).set('Accept-Language', lang).expect(409);
      expect(res.body.code).toBe('ENROLLMENT_CLOSED');
      titles[lang] = res.body.title;
    }
    expect(titles).toEqual({ th: 'รายวิชานี้ไม่ได้เปิดรับสมัครในขณะนี้', en: 'Enrollment in this course is not open now', vi: 'Khóa học này hiện không mở đăng ký' });
    const state = await http().get(`/api/v1/courses/${course.courseId}/enrollment`).set(bearer(learner.token)).expect(200);
    expect(state.body).toMatchObject({ enrollment: null, open: false });
  });

  it('a draft is not found, an archived course is closed, a workshop is onsite only', async () => {
    const learner = await people.learner();
    const draft = (await http().post('/api/v1/studio/courses').set(bearer(teacher.token)).send({ title: { th: 'ร่าง' }, language: 'th', targetGroups: ['youth'], format: 'self_paced' }).expect(201)).body;
    expect((await enroll(learner.token, draft.id).expect(404)).body.code).toBe('ENROLLMENT_COURSE_NOT_FOUND');
    const workshop = await publishedCourse(http, teacher.token, { format: 'onsite_workshop' });
    expect((await enroll(learner.token, workshop.id, { channel: 'online' }).expect(422)).body.code).toBe('ENROLLMENT_CHANNEL_INVALID');
    expect((await enroll(learner.token, workshop.id).expect(201)).body.channel).toBe('onsite');
    const blended = await publishedCourse(http, teacher.token, { format: 'blended' });
    expect((await enroll(learner.token, blended.id, { channel: 'onsite' }).expect(201)).body.channel).toBe('onsite');
    await http().post(`/api/v1/studio/courses/${blended.id}/archive`).set(bearer(teacher.token)).expect(200);
    const other = await people.learner();
    expect((await enroll(other.token, blended.id).expect(409)).body.code).toBe('ENROLLMENT_CLOSED');
    // Existing learners keep their place.
    expect((await http().get(`/api/v1/courses/${blended.id}/enrollment`).set(bearer(learner.token)).expect(200)).body.enrollment.status).toBe('active');
  });

  it('a completed enrolment cannot be withdrawn', async () => {
    const course = await publishedCourse(http, teacher.token);
    const learner = await people.learner();
    const res = await enroll(learner.token, course.id).expect(201);
    await api.db().query(`UPDATE enrollment SET status = 'completed', completed_at = now() WHERE id = $1`, [res.body.id]);
    const refused = await http().delete(`/api/v1/courses/${course.id}/enrollment`).set(bearer(learner.token)).expect(409);
    expect(refused.body.code).toBe('ENROLLMENT_ALREADY_COMPLETED');
    expect((await http().delete(`/api/v1/courses/${(await publishedCourse(http, teacher.token)).id}/enrollment`).set(bearer(learner.token)).expect(404)).body.code).toBe(
      'ENROLLMENT_NOT_FOUND',
    );
  });
});

describe('guardians', () => {
  it('enrol their child with consent (source guardian); the child appears in their list', async () => {
    const course = await publishedCourse(http, teacher.token);
    const guardian = await signUp(http);
    const child = await createChild(http, guardian.accessToken);
    const res = await enroll(guardian.accessToken, course.id, { forUserId: child.id }).expect(201);
    expect(res.body).toMatchObject({ userId: child.id, source: 'guardian', status: 'active' });
    const [row] = await api.db().query(`SELECT enrolled_by_id FROM enrollment WHERE id = $1`, [res.body.id]);
    expect(row.enrolled_by_id).toBe(guardian.id);
    expect((await http().get('/api/v1/me/enrollments').set(bearer(guardian.accessToken)).expect(200)).body).toEqual([]);
    const withChildren = await http().get('/api/v1/me/enrollments?includeChildren=true').set(bearer(guardian.accessToken)).expect(200);
    expect(withChildren.body).toEqual([expect.objectContaining({ enrollmentId: res.body.id, userId: child.id, learnerName: child.displayName, slug: course.slug, status: 'active' })]);
    // The child's own session sees it as theirs.
    const childToken = await switchToChild(http, guardian.accessToken, child.id);
    expect((await http().get('/api/v1/me/enrollments').set(bearer(childToken)).expect(200)).body.map((e: { enrollmentId: string }) => e.enrollmentId)).toEqual([res.body.id]);
    // The guardian withdraws for the child.
    expect((await http().delete(`/api/v1/courses/${course.id}/enrollment?forUserId=${child.id}`).set(bearer(guardian.accessToken)).expect(200)).body.status).toBe('withdrawn');
  });

  it('cannot enrol a child without consent, nor another family\'s child', async () => {
    const course = await publishedCourse(http, teacher.token);
    const guardian = await signUp(http);
    const child = await createChild(http, guardian.accessToken);
    const stranger = await signUp(http);
    const notYours = await enroll(stranger.accessToken, course.id, { forUserId: child.id }).set('Accept-Language', 'en').expect(404);
    expect(notYours.body.code).toBe('ENROLLMENT_NOT_YOUR_CHILD');
    await api.db().query(`UPDATE consent_record SET withdrawn_at = now() WHERE subject_id = $1`, [child.id]);
    const noConsent = await enroll(guardian.accessToken, course.id, { forUserId: child.id }).set('Accept-Language', 'vi').expect(403);
    expect(noConsent.body).toMatchObject({ code: 'ENROLLMENT_CONSENT_REQUIRED', title: 'Cần có sự đồng ý học tập của người giám hộ trước khi đăng ký cho trẻ' });
    expect(await count(course.id, 'active')).toBe(0);
  });
});

describe('the instructor roster', () => {
  it('lists learners with filters and pages, and adds one by account code (not twice)', async () => {
    const course = await publishedCourse(http, teacher.token, { capacity: 60 });
    const learners = await insertLearners(api.db(), 55, 'roster');
    const added = await http().post(`/api/v1/studio/courses/${course.id}/enrollments`).set(bearer(teacher.token)).send({ identifier: learners[0].account_code.toLowerCase() }).expect(201);
    expect(added.body).toMatchObject({ userId: learners[0].id, source: 'bulk', status: 'active' });
    await http().post(`/api/v1/studio/courses/${course.id}/enrollments`).set(bearer(teacher.token)).send({ identifier: learners[0].email }).expect(200);
    const unknown = await http().post(`/api/v1/studio/courses/${course.id}/enrollments`).set(bearer(teacher.token)).send({ identifier: 'nobody@example.org' }).expect(404);
    expect(unknown.body.code).toBe('ENROLLMENT_ACCOUNT_NOT_FOUND');
    for (const l of learners.slice(1)) await http().post(`/api/v1/studio/courses/${course.id}/enrollments`).set(bearer(teacher.token)).send({ identifier: l.email }).expect(201);

    const page1 = await http().get(`/api/v1/studio/courses/${course.id}/enrollments`).set(bearer(teacher.token)).expect(200);
    expect(page1.body.items).toHaveLength(50);
    expect(page1.body.items[0]).toMatchObject({ userId: learners[0].id, accountCode: learners[0].account_code, targetGroup: 'general_public', status: 'active', channel: 'online', source: 'bulk' });
    const page2 = await http().get(`/api/v1/studio/courses/${course.id}/enrollments`).query({ cursor: page1.body.nextCursor }).set(bearer(teacher.token)).expect(200);
    expect(page2.body.items).toHaveLength(5);
    expect(page2.body.nextCursor).toBeNull();
    const search = await http().get(`/api/v1/studio/courses/${course.id}/enrollments`).query({ q: learners[7].account_code }).set(bearer(teacher.token)).expect(200);
    expect(search.body.items.map((i: { userId: string }) => i.userId)).toEqual([learners[7].id]);
    const waiting = await http().get(`/api/v1/studio/courses/${course.id}/enrollments`).query({ status: 'waitlisted' }).set(bearer(teacher.token)).expect(200);
    expect(waiting.body.items).toEqual([]);
    // Another instructor sees nothing of it.
    const other = await people.instructor();
    await http().get(`/api/v1/studio/courses/${course.id}/enrollments`).set(bearer(other.token)).expect(403);
  });
});
