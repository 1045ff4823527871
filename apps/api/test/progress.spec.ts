import type { DataSource } from 'typeorm';
import { eraseUserData } from '../src/accounts/erasure';
import { CompletionService } from '../src/progress/completion.service';
import { bearer } from './accounts-helpers';
import { publish, setupPeople, type Person } from './courses-helpers';
import { enrol, newLearner, outboxEvents, publishedCourse, sessionContent } from './learning-helpers';
import { useTestApi } from './api-app';

/**
 * Lesson progress, the course player, completion and "My learning", through the HTTP API on a
 * real database. Each test builds its own published course.
 */
// Learners sign up from addresses of their own (X-Forwarded-For), under the per-IP sign-up limit.
const api = useTestApi({ env: { TRUST_PROXY: 'true' } });
const http = () => api.http();
let db: DataSource;
let people: Awaited<ReturnType<typeof setupPeople>>;
let teacher: Person;

beforeAll(async () => {
  db = api.db();
  people = await setupPeople(http);
  teacher = await people.instructor();
});

const progress = (token: string, lessonId: string, body: Record<string, unknown> = {}) =>
  http().put(`/api/v1/learning/lessons/${lessonId}/progress`).set(bearer(token)).send(body);
const player = (token: string, courseId: string) => http().get(`/api/v1/learning/courses/${courseId}`).set(bearer(token));
const statusOf = async (enrollmentId: string) => (await db.query(`SELECT status, completed_at FROM enrollment WHERE id = $1`, [enrollmentId]))[0];

const TEXT: [string, Record<string, unknown>] = ['text', { body: '## หัวข้อ\n\nอ่าน **ตัวหนา**' }];
const VIDEO: [string, Record<string, unknown>] = ['video', { source: 'url', url: 'https://video.example.org/v.mp4', captions: [], transcript: 'คำบรรยาย' }];
const LINK: [string, Record<string, unknown>] = ['link', { url: 'https://example.org/read', description: 'อ่านเพิ่ม' }];

describe('the course player', () => {
  it('shows an enrolled learner the published lessons with rendered text, video, locks and progress; others get 403, drafts 404', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT, VIDEO, ['live_session', sessionContent(48)]], { sequential: true });
    const learner = await newLearner(http);
    await enrol(db, course.id, learner.id);

    const res = await player(learner.token, course.id).expect(200);
    expect(res.body.course).toMatchObject({ id: course.id, slug: course.slug, sequential: true, completionRule: { attendancePercent: null } });
    expect(res.body.enrollment).toMatchObject({ status: 'active', channel: 'online' });
    const [text, video, session] = res.body.modules[0].lessons;
    expect(text.content.bodyHtml).toContain('<strong>ตัวหนา</strong>');
    expect(text).toMatchObject({ locked: false, progress: { status: 'not_started', percent: 0 } });
    expect(video).toMatchObject({ locked: true, content: null });
    // A session two days away: times shown, the meeting link not yet.
    expect(session).toMatchObject({ type: 'live_session', startsAt: expect.any(String), locked: true });
    expect(res.body).toMatchObject({ progressPercent: 0, nextLessonId: text.id, resumeLessonId: text.id, completion: { met: false, requiredDone: 0, requiredTotal: 3 } });

    const stranger = await newLearner(http);
    expect((await player(stranger.token, course.id).expect(403)).body.code).toBe('PROGRESS_NOT_ENROLLED');
    // The course's teacher previews it without an enrolment.
    expect((await player(teacher.token, course.id).expect(200)).body.enrollment).toBeNull();
    const draft = await http().post('/api/v1/studio/courses').set(bearer(teacher.token)).send({ title: { th: 'ร่าง' }, language: 'th', targetGroups: ['elderly'], format: 'self_paced' }).expect(201);
    // A draft is not there for learners: the same 403 as a course they are not enrolled in (ids tell
    // nothing); its teacher hears that nothing is published yet.
    expect((await player(learner.token, draft.body.id).expect(403)).body.code).toBe('PROGRESS_NOT_ENROLLED');
    expect((await player(teacher.token, draft.body.id).expect(404)).body.code).toBe('PROGRESS_COURSE_NOT_FOUND');
  });

  it('shows a live session\'s meeting link only from 15 minutes before it starts', async () => {
    const course = await publishedCourse(http, teacher.token, [['live_session', sessionContent(0.2)], ['live_session', sessionContent(0.3)]]);
    const learner = await newLearner(http);
    await enrol(db, course.id, learner.id);
    const [soon, later] = (await player(learner.token, course.id).expect(200)).body.modules[0].lessons;
    expect(soon.content.meetingUrl).toBe('https://meet.example.org/abc');
    expect(later.content.meetingUrl).toBeNull();
  });

  it('reads a snapshot published before the completion rule existed as "every required session"', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT], { completionAttendancePercent: 80 });
    const studio = await http().get(`/api/v1/studio/courses/${course.id}`).set(bearer(teacher.token)).expect(200);
    expect(studio.body.completionAttendancePercent).toBe(80);
    const patch = (value: unknown) => http().patch(`/api/v1/studio/courses/${course.id}`).set(bearer(teacher.token)).send({ draftRevision: studio.body.draftRevision, completionAttendancePercent: value });
    expect((await patch(0).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await patch(null).expect(200)).body.completionAttendancePercent).toBeNull(); // the draft; learners keep version 1's 80
    const learner = await newLearner(http);
    await enrol(db, course.id, learner.id);
    expect((await player(learner.token, course.id).expect(200)).body.course.completionRule).toEqual({ attendancePercent: 80 });
    await db.query(`UPDATE course_version SET snapshot = snapshot - 'completionAttendancePercent' WHERE course_id = $1`, [course.id]);
    expect((await player(learner.token, course.id).expect(200)).body.course.completionRule).toEqual({ attendancePercent: null });
  });
});

describe('lesson progress', () => {
  it('completes text on view; video percent only rises, resumes where it stopped, completes at 90 %; file and link when marked done', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT, VIDEO, LINK, ['live_session', sessionContent(24)]]);
    const learner = await newLearner(http);
    await enrol(db, course.id, learner.id);
    const [textId, videoId, linkId, sessionId] = course.lessonIds;

    expect((await progress(learner.token, textId).expect(200)).body).toMatchObject({ lessonId: textId, progress: { status: 'completed', percent: 100 }, courseProgressPercent: 25 }); // 1 of 4 required (the session too)

    await progress(learner.token, videoId, { percent: 50, positionSeconds: 300 }).expect(200);
    const lower = await progress(learner.token, videoId, { percent: 20, positionSeconds: 120 }).expect(200);
    expect(lower.body.progress).toMatchObject({ status: 'in_progress', percent: 50, positionSeconds: 120 });
    // A replayed offline update from before the last one leaves the resume position alone.
    const stale = await progress(learner.token, videoId, { percent: 10, positionSeconds: 5, occurredAt: new Date(Date.now() - 3_600_000).toISOString() }).expect(200);
    expect(stale.body.progress).toMatchObject({ percent: 50, positionSeconds: 120 });
    expect((await progress(learner.token, videoId, { percent: 89, completed: true }).expect(200)).body.progress.status).toBe('in_progress');
    expect((await progress(learner.token, videoId, { percent: 91, positionSeconds: 590 }).expect(200)).body.progress).toMatchObject({ status: 'completed', percent: 91 });

    expect((await progress(learner.token, linkId, { percent: 40 }).expect(200)).body.progress.status).toBe('in_progress');
    expect((await progress(learner.token, linkId, { completed: true }).expect(200)).body.progress).toMatchObject({ status: 'completed', percent: 100 });
    expect((await progress(learner.token, sessionId, { completed: true }).expect(422)).body.code).toBe('PROGRESS_LESSON_NOT_TRACKED');

    const view = (await player(learner.token, course.id).expect(200)).body;
    expect(view.modules[0].lessons[1].progress).toMatchObject({ status: 'completed', percent: 91, positionSeconds: 590, completedAt: expect.any(String) });
    expect(view.completion).toMatchObject({ met: false, requiredDone: 3, requiredTotal: 4 });
  });

  it('refuses a lesson outside the learner\'s enrolment (403), a waitlisted learner (403), and bad input (400)', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT]);
    const outsider = await newLearner(http);
    expect((await progress(outsider.token, course.lessonIds[0]).expect(403)).body.code).toBe('PROGRESS_NOT_ENROLLED');
    const waiting = await newLearner(http);
    await enrol(db, course.id, waiting.id, 'waitlisted');
    expect((await progress(waiting.token, course.lessonIds[0]).expect(403)).body.code).toBe('PROGRESS_NOT_ENROLLED');
    expect((await progress(waiting.token, '00000000-0000-4000-8000-000000000000').expect(403)).body.code).toBe('PROGRESS_NOT_ENROLLED');
    await progress(waiting.token, course.lessonIds[0], { percent: 101 }).expect(400);
    await http().put(`/api/v1/learning/lessons/${course.lessonIds[0]}/progress`).send({}).expect(401);
  });

  it('in a sequential course, a lesson after an unfinished required one is locked (409); optional lessons never block', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT, [LINK[0], LINK[1], { required: false }], VIDEO, TEXT], { sequential: true });
    const learner = await newLearner(http);
    await enrol(db, course.id, learner.id);
    const [first, optional, video, last] = course.lessonIds;
    expect((await progress(learner.token, video, { percent: 10 }).expect(409)).body).toMatchObject({ code: 'PROGRESS_LESSON_LOCKED', blockedBy: first });
    await progress(learner.token, first).expect(200);
    await progress(learner.token, video, { percent: 10 }).expect(200); // the optional link is skipped
    expect((await progress(learner.token, last).expect(409)).body.blockedBy).toBe(video);
    await progress(learner.token, optional, { percent: 5 }).expect(200);
    const view = (await player(learner.token, course.id).expect(200)).body;
    expect(view.modules[0].lessons.map((l: { locked: boolean }) => l.locked)).toEqual([false, false, false, true]);
    expect(view).toMatchObject({ resumeLessonId: optional, nextLessonId: optional }); // the lesson touched last; the first open one
  });
});

describe('completion', () => {
  it('completes the enrolment with exactly one enrollment.completed event, and never un-completes', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT, VIDEO, [LINK[0], LINK[1], { required: false }]]);
    const learner = await newLearner(http);
    const enrollmentId = await enrol(db, course.id, learner.id);
    await progress(learner.token, course.lessonIds[0]).expect(200);
    expect(await outboxEvents(db, 'enrollment.completed', enrollmentId)).toHaveLength(0);
    const done = await progress(learner.token, course.lessonIds[1], { percent: 95 }).expect(200);
    expect(done.body).toMatchObject({ enrollmentStatus: 'completed', courseProgressPercent: 100 });
    expect(await statusOf(enrollmentId)).toMatchObject({ status: 'completed', completed_at: expect.any(Date) });
    // Repeats, the optional lesson, and a republish adding a required lesson change nothing.
    await Promise.all([progress(learner.token, course.lessonIds[1], { percent: 100 }), progress(learner.token, course.lessonIds[2], { completed: true })]);
    const moduleLesson = await http().post(`/api/v1/studio/modules/${course.moduleId}/lessons`).set(bearer(teacher.token)).send({ type: 'text', title: 'ใหม่', content: { body: 'x' } }).expect(201);
    await publish(http, teacher.token, course.id);
    await progress(learner.token, moduleLesson.body.id).expect(200);
    expect((await statusOf(enrollmentId)).status).toBe('completed');
    const events = await outboxEvents(db, 'enrollment.completed', enrollmentId);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toEqual({ enrollmentId, courseId: course.id, userId: learner.id });
    expect((await player(learner.token, course.id).expect(200)).body).toMatchObject({ progressPercent: 100, enrollment: { status: 'completed' } });
  });

  it('writes progress, completion and its event in one transaction: if the event cannot be written, none of it happened', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT]);
    const learner = await newLearner(http);
    const enrollmentId = await enrol(db, course.id, learner.id);
    await db.query(`CREATE FUNCTION refuse_completed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.type = 'enrollment.completed' AND NEW.payload->>'enrollmentId' = '${enrollmentId}' THEN RAISE EXCEPTION 'outbox refused'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER refuse_completed BEFORE INSERT ON outbox_event FOR EACH ROW EXECUTE FUNCTION refuse_completed()`);
    try {
      await progress(learner.token, course.lessonIds[0]).expect(500);
      expect(await db.query(`SELECT 1 FROM lesson_progress WHERE enrollment_id = $1`, [enrollmentId])).toHaveLength(0);
      expect((await statusOf(enrollmentId)).status).toBe('active');
    } finally {
      await db.query(`DROP TRIGGER refuse_completed ON outbox_event; DROP FUNCTION refuse_completed()`);
    }
    await progress(learner.token, course.lessonIds[0]).expect(200);
    expect((await statusOf(enrollmentId)).status).toBe('completed');
    expect(await outboxEvents(db, 'enrollment.completed', enrollmentId)).toHaveLength(1);
  });

  it('counts a quiz lesson once its progress is completed (as the quiz issue will write it)', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT, ['quiz', {}]]);
    const learner = await newLearner(http);
    const enrollmentId = await enrol(db, course.id, learner.id);
    expect((await progress(learner.token, course.lessonIds[1]).expect(422)).body.code).toBe('PROGRESS_LESSON_NOT_TRACKED');
    expect((await progress(learner.token, course.lessonIds[0]).expect(200)).body.enrollmentStatus).toBe('active');
    const completion = api.app().get(CompletionService);
    await db.transaction(async (manager) => {
      await manager.query(`INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, completed_at) VALUES ($1, $2, 'completed', 100, now())`, [enrollmentId, course.lessonIds[1]]);
      expect(await completion.evaluate(manager, enrollmentId, null)).toMatchObject({ met: true, completedNow: true });
    });
    expect((await statusOf(enrollmentId)).status).toBe('completed');
  });

  it('with an attendance threshold, sessions count together; without one, each required session must be attended', async () => {
    const sessions: [string, Record<string, unknown>][] = [['onsite_session', sessionContent(-48, 'onsite_session')], ['onsite_session', sessionContent(-24, 'onsite_session')], ['live_session', sessionContent(-2)]];
    const completion = api.app().get(CompletionService);
    const attend = async (courseId: string, enrollmentId: string, userId: string, lessonId: string) =>
      db.transaction(async (manager) => {
        await manager.query(`INSERT INTO session_attendance (lesson_id, course_id, enrollment_id, user_id, status, method) VALUES ($1, $2, $3, $4, 'present', 'roster')`, [lessonId, courseId, enrollmentId, userId]);
        return completion.evaluate(manager, enrollmentId, null);
      });

    const threshold = await publishedCourse(http, teacher.token, [TEXT, ...sessions], { completionAttendancePercent: 60 });
    const a = await newLearner(http);
    const ea = await enrol(db, threshold.id, a.id);
    await progress(a.token, threshold.lessonIds[0]).expect(200);
    expect(await attend(threshold.id, ea, a.id, threshold.lessonIds[1])).toMatchObject({ met: false, attendancePercent: 33, requiredAttendancePercent: 60 });
    expect(await attend(threshold.id, ea, a.id, threshold.lessonIds[3])).toMatchObject({ met: true, completedNow: true, attendancePercent: 66 });
    expect((await player(a.token, threshold.id).expect(200)).body.completion).toMatchObject({ met: true, attendancePercent: 66, requiredAttendancePercent: 60 });

    const each = await publishedCourse(http, teacher.token, [TEXT, ...sessions.slice(0, 2), [sessions[2][0], sessions[2][1], { required: false }]]);
    const b = await newLearner(http);
    const eb = await enrol(db, each.id, b.id);
    await progress(b.token, each.lessonIds[0]).expect(200);
    expect(await attend(each.id, eb, b.id, each.lessonIds[1])).toMatchObject({ met: false, requiredDone: 2, requiredTotal: 3 });
    expect(await attend(each.id, eb, b.id, each.lessonIds[2])).toMatchObject({ met: true, completedNow: true });
    expect(await outboxEvents(db, 'enrollment.completed', eb)).toHaveLength(1);
  });
});

describe('my learning', () => {
  it('lists current courses with progress, next session and resume lesson; waitlisted with their place; completed; and a child\'s', async () => {
    const learner = await newLearner(http);
    const current = await publishedCourse(http, teacher.token, [TEXT, VIDEO, ['onsite_session', sessionContent(30, 'onsite_session')], ['live_session', sessionContent(5)]]);
    const full = await publishedCourse(http, teacher.token, [TEXT]);
    const finished = await publishedCourse(http, teacher.token, [TEXT]);
    await enrol(db, current.id, learner.id);
    const other = await newLearner(http);
    await enrol(db, full.id, other.id, 'waitlisted');
    await enrol(db, full.id, learner.id, 'waitlisted');
    await enrol(db, finished.id, learner.id);
    await progress(learner.token, finished.lessonIds[0]).expect(200);
    await progress(learner.token, current.lessonIds[0]).expect(200);
    await progress(learner.token, current.lessonIds[1], { percent: 30, positionSeconds: 60 }).expect(200);

    const res = await http().get('/api/v1/me/learning').set(bearer(learner.token)).expect(200);
    expect(res.body.current).toHaveLength(1);
    expect(res.body.current[0]).toMatchObject({
      courseId: current.id,
      enrollmentStatus: 'active',
      progressPercent: 25,
      resumeLessonId: current.lessonIds[1],
      nextSession: { lessonId: current.lessonIds[3], type: 'live_session', startsAt: expect.any(String) },
    });
    expect(res.body.waitlisted).toEqual([expect.objectContaining({ courseId: full.id, waitlistPosition: 2, resumeLessonId: null })]);
    expect(res.body.completed).toEqual([expect.objectContaining({ courseId: finished.id, progressPercent: 100, completedAt: expect.any(String) })]);
    expect(res.body.children).toEqual([]);

    // A child profile as the guardian creates it (the children spec covers that side).
    const [child] = await db.query(
      `INSERT INTO app_user (account_code, display_name, preferred_locale, target_group, guardian_id) VALUES ($1, 'น้องฟ้า', 'th', 'general_public', $2) RETURNING id`,
      [`BR-${Date.now() % 900_000_000}`, learner.id],
    );
    await enrol(db, current.id, child.id);
    const withChild = await http().get('/api/v1/me/learning').set(bearer(learner.token)).expect(200);
    expect(withChild.body.current).toHaveLength(1);
    expect(withChild.body.children).toEqual([expect.objectContaining({ userId: child.id, displayName: 'น้องฟ้า', current: [expect.objectContaining({ courseId: current.id, progressPercent: 0 })] })]);
  });
});

describe('learners\' progress for teachers', () => {
  it('gives the course\'s teachers per-learner and per-lesson counts; a learner or another instructor gets 403', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT, VIDEO, ['onsite_session', sessionContent(-5, 'onsite_session')]]);
    const [a, b] = [await newLearner(http), await newLearner(http)];
    const ea = await enrol(db, course.id, a.id);
    await enrol(db, course.id, b.id);
    await progress(a.token, course.lessonIds[0]).expect(200);
    await progress(a.token, course.lessonIds[1], { percent: 40 }).expect(200);
    await progress(b.token, course.lessonIds[0]).expect(200);
    await db.query(`INSERT INTO session_attendance (lesson_id, course_id, enrollment_id, user_id, status, method) VALUES ($1, $2, $3, $4, 'present', 'qr')`, [course.lessonIds[2], course.id, ea, a.id]);

    const res = await http().get(`/api/v1/studio/courses/${course.id}/progress`).set(bearer(teacher.token)).expect(200);
    expect(res.body).toMatchObject({ learners: 2, completed: 0, nextCursor: null });
    expect(res.body.items).toEqual([
      expect.objectContaining({ userId: a.id, status: 'active', progressPercent: 66, completedLessons: 1, attendedSessions: 1 }),
      expect.objectContaining({ userId: b.id, progressPercent: 33, completedLessons: 1, attendedSessions: 0 }),
    ]);
    expect(res.body.lessons.map((l: { completed: number; inProgress: number }) => [l.completed, l.inProgress])).toEqual([[2, 0], [0, 1], [1, 0]]);
    await http().get(`/api/v1/studio/courses/${course.id}/progress`).set(bearer(people.admin.token)).expect(200);
    await http().get(`/api/v1/studio/courses/${course.id}/progress`).set(bearer(a.token)).expect(403);
    await http().get(`/api/v1/studio/courses/${course.id}/progress`).set(bearer((await people.instructor()).token)).expect(403);
  });
});

describe('notifications', () => {
  const add = (userId: string, type: string, key: string, data: Record<string, unknown> = {}) =>
    db.query(`INSERT INTO notification (user_id, type, data, dedupe_key) VALUES ($1, $2, $3, $4) RETURNING id`, [userId, type, data, key]).then((r) => r[0].id as string);

  it('lists my own notifications newest first with the unread count; marks one or all read; never someone else\'s', async () => {
    const [me, other] = [await newLearner(http), await newLearner(http)];
    const first = await add(me.id, 'waitlist.promoted', `k1-${me.id}`, { courseId: 'c', courseTitle: { th: 'วิชา' } });
    const second = await add(me.id, 'session.reminder-day', `k2-${me.id}`, { lessonId: 'l' });
    const theirs = await add(other.id, 'enrollment.completed', `k3-${other.id}`);

    const list = await http().get('/api/v1/me/notifications').set(bearer(me.token)).expect(200);
    expect(list.body).toMatchObject({ unread: 2, nextCursor: null });
    expect(list.body.items.map((n: { id: string }) => n.id)).toEqual([second, first]);
    expect(list.body.items[1]).toMatchObject({ type: 'waitlist.promoted', data: { courseTitle: { th: 'วิชา' } }, readAt: null });

    expect((await http().post(`/api/v1/me/notifications/${first}/read`).set(bearer(me.token)).expect(200)).body.readAt).toEqual(expect.any(String));
    expect((await http().post(`/api/v1/me/notifications/${theirs}/read`).set(bearer(me.token)).expect(404)).body.code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await http().get('/api/v1/me/notifications').set(bearer(me.token)).expect(200)).body.unread).toBe(1);
    expect((await http().post('/api/v1/me/notifications/read-all').set(bearer(me.token)).expect(200)).body).toEqual({ unread: 0 });
    expect((await http().get('/api/v1/me/notifications').set(bearer(other.token)).expect(200)).body.unread).toBe(1);
    await http().get('/api/v1/me/notifications?cursor=nonsense').set(bearer(me.token)).expect(400);
  });

  it('pages with a cursor', async () => {
    const me = await newLearner(http);
    for (let i = 0; i < 23; i++) await add(me.id, 'session.reminder-hour', `page-${me.id}-${i}`);
    const page1 = await http().get('/api/v1/me/notifications').set(bearer(me.token)).expect(200);
    expect(page1.body.items).toHaveLength(20);
    const page2 = await http().get(`/api/v1/me/notifications?cursor=${page1.body.nextCursor}`).set(bearer(me.token)).expect(200);
    expect(page2.body.items).toHaveLength(3);
    expect(page2.body.nextCursor).toBeNull();
    expect(new Set([...page1.body.items, ...page2.body.items].map((n: { id: string }) => n.id)).size).toBe(23);
  });

  it('pages through notifications written within one millisecond without skipping any (the cursor keeps microseconds)', async () => {
    const me = await newLearner(http);
    for (let i = 0; i < 25; i++) {
      const id = await add(me.id, 'session.reminder-hour', `same-ms-${me.id}-${i}`);
      // 25 notifications 0.001 ms apart: all in the same millisecond, as a worker batch writes them.
      await db.query(`UPDATE notification SET created_at = '2026-11-24T01:23:35.053Z'::timestamptz + make_interval(secs => $2::float8 / 1000000) WHERE id = $1`, [id, 100 + i * 10]);
    }
    const page1 = await http().get('/api/v1/me/notifications').set(bearer(me.token)).expect(200);
    const page2 = await http().get(`/api/v1/me/notifications?cursor=${page1.body.nextCursor}`).set(bearer(me.token)).expect(200);
    expect([page1.body.items.length, page2.body.items.length, page2.body.nextCursor]).toEqual([20, 5, null]);
    expect(new Set([...page1.body.items, ...page2.body.items].map((n: { id: string }) => n.id)).size).toBe(25);
  });

  it('erasing an account deletes its notifications and keeps its enrolment and progress for anonymous counts', async () => {
    const course = await publishedCourse(http, teacher.token, [TEXT, VIDEO]);
    const learner = await newLearner(http);
    const enrollmentId = await enrol(db, course.id, learner.id);
    await progress(learner.token, course.lessonIds[0]).expect(200);
    await add(learner.id, 'waitlist.promoted', `erase-${learner.id}`);
    await db.transaction((manager) => eraseUserData(manager, learner.id));
    expect(await db.query(`SELECT 1 FROM notification WHERE user_id = $1`, [learner.id])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM enrollment WHERE id = $1`, [enrollmentId])).toHaveLength(1);
    expect(await db.query(`SELECT 1 FROM lesson_progress WHERE enrollment_id = $1`, [enrollmentId])).toHaveLength(1);
  });
});
