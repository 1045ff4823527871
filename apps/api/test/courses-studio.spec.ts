import { randomUUID } from 'node:crypto';
import { useTestApi } from './api-app';
import { bearer } from './accounts-helpers';
import { addModule, addTextLesson, createCourse, NEW_COURSE, type Person, setupPeople } from './courses-helpers';

const api = useTestApi();
const http = api.http;

let admin: Person;
let owner: Person;
let colleague: Person;
let learner: Person;
let makeInstructor: () => Promise<Person>;

beforeAll(async () => {
  const people = await setupPeople(http);
  admin = people.admin;
  makeInstructor = people.instructor;
  owner = await people.instructor();
  colleague = await people.instructor();
  learner = await people.learner();
});

const studio = (path: string) => `/api/v1/studio${path}`;

describe('authoring a course', () => {
  it('round trip: create, edit, add modules and every lesson type, read it back in order', async () => {
    const course = await createCourse(http, owner.token, { tags: ['  Computer  Basics ', 'computer basics', 'ผู้สูงอายุ'], learningHours: 4.5, capacity: 20 });
    expect(course).toMatchObject({ status: 'draft', draftRevision: 1, modules: [] });
    expect(course.slug).toMatch(/^computers-for-seniors-[0-9a-f]{6}$/);

    const patched = await http()
      .patch(studio(`/courses/${course.id}`))
      .set(bearer(owner.token))
      .send({ draftRevision: 1, startsAt: '2026-01-10T02:00:00Z', endsAt: '2026-02-10T02:00:00Z', enrollmentClosesAt: '2026-01-09T00:00:00Z', sequential: true })
      .expect(200);
    expect(patched.body).toMatchObject({ draftRevision: 2, sequential: true, startsAt: '2026-01-10T02:00:00.000Z', tags: ['computer basics', 'ผู้สูงอายุ'], learningHours: 4.5, myRole: 'owner' });

    const first = await addModule(http, owner.token, course.id, 'เริ่มต้น');
    const second = await addModule(http, owner.token, course.id, 'เรียนสด');
    const lessons = [
      { module: first, type: 'text', title: 'บทนำ', content: { body: 'สวัสดี **ทุกคน**' } },
      { module: first, type: 'video', title: 'วิดีโอ', content: { source: 'url', url: 'https://video.example.org/a.mp4', captions: [{ language: 'th', label: 'ไทย', mediaId: randomUUID() }] } },
      { module: first, type: 'video', title: 'วิดีโออัปโหลด', content: { source: 'upload', mediaId: randomUUID(), captions: [], transcript: 'ถอดความ' } },
      { module: first, type: 'file', title: 'เอกสาร', content: { mediaId: randomUUID() } },
      { module: first, type: 'link', title: 'ลิงก์', required: false, content: { url: 'https://example.org' } },
      { module: second, type: 'live_session', title: 'สด', content: { meetingUrl: 'https://meet.example.org/x', startsAt: '2026-01-10T02:30:00+07:00', endsAt: '2026-01-10T04:00:00+07:00' } },
      { module: second, type: 'onsite_session', title: 'ที่ศูนย์', durationMinutes: 180, content: { venue: 'ศูนย์การเรียนรู้', address: 'เชียงใหม่', startsAt: '2026-01-17T02:30:00Z', endsAt: '2026-01-17T05:30:00Z', capacity: 25 } },
      { module: second, type: 'quiz', title: 'แบบทดสอบ', content: {} },
    ];
    for (const { module, ...lesson } of lessons) {
      await http().post(studio(`/modules/${module}/lessons`)).set(bearer(owner.token)).send(lesson).expect(201);
    }

    const read = await http().get(studio(`/courses/${course.id}`)).set(bearer(owner.token)).expect(200);
    expect(read.body.modules.map((m: { title: string }) => m.title)).toEqual(['เริ่มต้น', 'เรียนสด']);
    expect(read.body.modules[0].lessons.map((l: { type: string }) => l.type)).toEqual(['text', 'video', 'video', 'file', 'link']);
    expect(read.body.modules[0].lessons[4]).toMatchObject({ required: false, content: { url: 'https://example.org', description: null } });
    expect(read.body.modules[1].lessons[0].content).toEqual({ meetingUrl: 'https://meet.example.org/x', startsAt: '2026-01-09T19:30:00.000Z', endsAt: '2026-01-09T21:00:00.000Z' });
    expect(read.body.modules[1].lessons[1].content).toMatchObject({ venue: 'ศูนย์การเรียนรู้', mapUrl: null, capacity: 25 });
    expect(read.body.modules[1].lessons[2].content).toEqual({ quizId: null });
    // Session times are copied into the lesson row, so sessions can be found by time.
    const sessions = await api.db().query(`SELECT type, starts_at, ends_at FROM lesson WHERE course_id = $1 AND starts_at IS NOT NULL ORDER BY starts_at`, [course.id]);
    expect(sessions.map((s: { type: string; starts_at: Date }) => [s.type, s.starts_at.toISOString()])).toEqual([
      ['live_session', '2026-01-09T19:30:00.000Z'],
      ['onsite_session', '2026-01-17T02:30:00.000Z'],
    ]);
  });

  it('refuses a stale draftRevision with 409 COURSE_EDIT_CONFLICT and keeps the first edit', async () => {
    const course = await createCourse(http, owner.token);
    await http().patch(studio(`/courses/${course.id}`)).set(bearer(owner.token)).send({ draftRevision: 1, summary: { th: 'ฉบับแรก' } }).expect(200);
    const stale = await http().patch(studio(`/courses/${course.id}`)).set(bearer(owner.token)).set('Accept-Language', 'en').send({ draftRevision: 1, summary: { th: 'ฉบับเก่า' } }).expect(409);
    expect(stale.body).toMatchObject({ code: 'COURSE_EDIT_CONFLICT', draftRevision: 2, title: expect.stringContaining('Someone else changed') });
    const read = await http().get(studio(`/courses/${course.id}`)).set(bearer(owner.token)).expect(200);
    expect(read.body.summary).toEqual({ th: 'ฉบับแรก' });
  });

  it.each([
    ['an unknown field', { ...NEW_COURSE, ownerId: randomUUID() }, 'ownerId'],
    ['no target group', { ...NEW_COURSE, targetGroups: [] }, 'targetGroups'],
    ['six target groups', { ...NEW_COURSE, targetGroups: ['youth', 'elderly', 'early_childhood', 'general_public', 'education_staff', 'youth'] }, 'targetGroups'],
    ['an unknown target group', { ...NEW_COURSE, targetGroups: ['pets'] }, 'targetGroups'],
    ['a language we do not teach in', { ...NEW_COURSE, language: 'fr' }, 'language'],
    ['eleven tags', { ...NEW_COURSE, tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, 'tags'],
    ['a 41-character tag', { ...NEW_COURSE, tags: ['x'.repeat(41)] }, 'tags'],
    ['a cover that is not a media id', { ...NEW_COURSE, coverMediaId: '../../etc/passwd' }, 'coverMediaId'],
    ['no title in the course language', { ...NEW_COURSE, language: 'en', title: { th: 'ไทยเท่านั้น' } }, 'title.en'],
    ['an end before the start', { ...NEW_COURSE, startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-02-01T00:00:00Z' }, 'endsAt'],
    ['enrolment closing after the end', { ...NEW_COURSE, endsAt: '2026-03-01T00:00:00Z', enrollmentClosesAt: '2026-03-02T00:00:00Z' }, 'enrollmentClosesAt'],
    ['a capacity of zero', { ...NEW_COURSE, capacity: 0 }, 'capacity'],
  ])('rejects %s with 400 naming the field', async (_label, body, field) => {
    const res = await http().post(studio('/courses')).set(bearer(owner.token)).send(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('stores XSS attempts cleaned and serves only sanitised HTML in the preview', async () => {
    const course = await createCourse(http, owner.token, {
      title: { th: 'รายวิชา<script>alert(1)</script>' },
      description: { th: 'ข้อความ <img src=x onerror=alert(1)> [คลิก](javascript:alert(1)) <scr<b>ipt>x</script>' },
    });
    const moduleId = await addModule(http, owner.token, course.id, '<b onmouseover=alert(1)>หน่วย</b>');
    await addTextLesson(http, owner.token, moduleId, 'บท<svg/onload=alert(1)>', '<iframe src="https://evil.example"></iframe>เนื้อหา');
    const [row] = await api.db().query(`SELECT title, description FROM course WHERE id = $1`, [course.id]);
    expect(row.title.th).toBe('รายวิชาalert(1)');
    expect(row.description.th).not.toMatch(/<[a-z]/i);
    const [stored] = await api.db().query(`SELECT l.title, l.content, m.title AS module FROM lesson l JOIN course_module m ON m.id = l.module_id WHERE l.course_id = $1`, [course.id]);
    expect([stored.title, stored.module, stored.content.body]).toEqual(['บท', 'หน่วย', 'เนื้อหา']);
    const preview = await http().get(studio(`/courses/${course.id}/preview`)).set(bearer(owner.token)).expect(200);
    // The javascript: link stays as inert text; no markup, handler or script URL gets through.
    expect(JSON.stringify(preview.body)).not.toMatch(/<script|<img|<svg|onerror|onload|href=\\?"javascript:|<iframe/i);
    expect(preview.body.descriptionHtml.th).toMatch(/^<p>ข้อความ/);
  });

  it.each([
    ['a javascript: link', { type: 'link', title: 'x', content: { url: 'javascript:alert(1)' } }, 'content.url'],
    ['a protocol-relative video URL', { type: 'video', title: 'x', content: { source: 'url', url: '//evil.example/v.mp4' } }, 'content.url'],
    ['an uploaded video without a media id', { type: 'video', title: 'x', content: { source: 'upload', url: 'https://x.example' } }, 'content.mediaId'],
    ['an unknown video source', { type: 'video', title: 'x', content: { source: 'ftp' } }, 'content.source'],
    ['captions without a language', { type: 'video', title: 'x', content: { source: 'url', url: 'https://x.example/v', captions: [{ label: 'x', mediaId: randomUUID() }] } }, 'content.captions.0.language'],
    ['a session ending before it starts', { type: 'live_session', title: 'x', content: { meetingUrl: 'https://m.example', startsAt: '2026-01-01T10:00:00Z', endsAt: '2026-01-01T09:00:00Z' } }, 'content.endsAt'],
    ['an onsite session for nobody', { type: 'onsite_session', title: 'x', content: { venue: 'v', address: 'a', startsAt: '2026-01-01T10:00:00Z', endsAt: '2026-01-01T11:00:00Z', capacity: 0 } }, 'content.capacity'],
    ['content fields of another type', { type: 'text', title: 'x', content: { body: 'ok', url: 'https://x.example' } }, 'content.url'],
    ['an unknown lesson type', { type: 'game', title: 'x', content: {} }, 'type'],
  ])('rejects a lesson with %s (400, field named)', async (_label, body, field) => {
    const course = await createCourse(http, owner.token);
    const moduleId = await addModule(http, owner.token, course.id);
    const res = await http().post(studio(`/modules/${moduleId}/lessons`)).set(bearer(owner.token)).send(body).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('edits a lesson, keeps its type, and soft-deletes lessons and modules', async () => {
    const course = await createCourse(http, owner.token);
    const moduleId = await addModule(http, owner.token, course.id);
    const lessonId = await addTextLesson(http, owner.token, moduleId);
    const edited = await http().patch(studio(`/lessons/${lessonId}`)).set(bearer(owner.token)).send({ title: 'ใหม่', durationMinutes: 20, content: { body: 'ใหม่' } }).expect(200);
    expect(edited.body).toMatchObject({ id: lessonId, type: 'text', title: 'ใหม่', durationMinutes: 20, content: { body: 'ใหม่' } });
    await http().patch(studio(`/lessons/${lessonId}`)).set(bearer(owner.token)).send({ type: 'video' }).expect(400);
    await http().delete(studio(`/lessons/${lessonId}`)).set(bearer(owner.token)).expect(204);
    await http().patch(studio(`/lessons/${lessonId}`)).set(bearer(owner.token)).send({ title: 'x' }).expect(404);
    await http().delete(studio(`/modules/${moduleId}`)).set(bearer(owner.token)).expect(204);
    const read = await http().get(studio(`/courses/${course.id}`)).set(bearer(owner.token)).expect(200);
    expect(read.body.modules).toEqual([]);
    // Still in the table: a published version may show them, and progress is keyed by lesson id.
    const [row] = await api.db().query(`SELECT deleted_at FROM lesson WHERE id = $1`, [lessonId]);
    expect(row.deleted_at).toBeInstanceOf(Date);
  });

  it('reorders modules and moves lessons between them; a stale or incomplete outline is refused', async () => {
    const course = await createCourse(http, owner.token);
    const a = await addModule(http, owner.token, course.id, 'A');
    const b = await addModule(http, owner.token, course.id, 'B');
    const a1 = await addTextLesson(http, owner.token, a, 'a1');
    const a2 = await addTextLesson(http, owner.token, a, 'a2');
    const b1 = await addTextLesson(http, owner.token, b, 'b1');
    const outline = (draftRevision: number, modules: { id: string; lessonIds: string[] }[]) =>
      http().put(studio(`/courses/${course.id}/outline`)).set(bearer(owner.token)).send({ draftRevision, modules });

    const moved = await outline(1, [{ id: b, lessonIds: [b1, a2] }, { id: a, lessonIds: [a1] }]).expect(200);
    expect(moved.body.modules.map((m: { title: string; lessons: { title: string }[] }) => [m.title, m.lessons.map((l) => l.title)])).toEqual([
      ['B', ['b1', 'a2']],
      ['A', ['a1']],
    ]);
    expect(moved.body.draftRevision).toBe(2);
    expect((await outline(1, [{ id: a, lessonIds: [a1, a2, b1] }, { id: b, lessonIds: [] }]).expect(409)).body.code).toBe('COURSE_EDIT_CONFLICT');
    for (const modules of [
      [{ id: b, lessonIds: [b1, a2] }], // a module missing
      [{ id: b, lessonIds: [b1] }, { id: a, lessonIds: [a1] }], // a lesson missing
      [{ id: b, lessonIds: [b1, a2, a1] }, { id: a, lessonIds: [a1] }], // a lesson twice
      [{ id: b, lessonIds: [b1, a2, randomUUID()] }, { id: a, lessonIds: [a1] }], // a lesson from nowhere
    ]) {
      expect((await outline(2, modules).expect(422)).body.code).toBe('OUTLINE_MISMATCH');
    }
  });

  it('deletes a draft that was never published', async () => {
    const course = await createCourse(http, owner.token);
    await http().delete(studio(`/courses/${course.id}`)).set(bearer(owner.token)).expect(204);
    // Gone for good: its former owner is now as much a stranger to it as anyone (403, as for any id
    // that names nothing); administrators hear that it is not there.
    await http().get(studio(`/courses/${course.id}`)).set(bearer(owner.token)).expect(403);
    expect((await http().get(studio(`/courses/${course.id}`)).set(bearer(admin.token)).expect(404)).body.code).toBe('COURSE_NOT_FOUND');
  });

  it('answers a taken slug with 409 COURSE_SLUG_TAKEN', async () => {
    await createCourse(http, owner.token, { slug: 'only-one' });
    expect((await http().post(studio('/courses')).set(bearer(owner.token)).send({ ...NEW_COURSE, slug: 'only-one' }).expect(409)).body.code).toBe('COURSE_SLUG_TAKEN');
  });
});

describe('who may edit', () => {
  it('refuses learners, and instructors who do not own or co-teach the course (403)', async () => {
    const course = await createCourse(http, owner.token);
    await http().post(studio('/courses')).set(bearer(learner.token)).send(NEW_COURSE).expect(403);
    await http().get(studio(`/courses/${course.id}`)).set(bearer(colleague.token)).expect(403);
    const res = await http().patch(studio(`/courses/${course.id}`)).set(bearer(colleague.token)).send({ draftRevision: 1, summary: { th: 'ของฉัน' } }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await http().post(studio(`/courses/${course.id}/modules`)).set(bearer(colleague.token)).send({ title: 'x' }).expect(403);
    await http().post(studio(`/courses/${course.id}/publish`)).set(bearer(colleague.token)).expect(403);
    const list = await http().get(studio('/courses')).set(bearer(colleague.token)).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(course.id);
    // Administrators manage every course.
    await http().get(studio(`/courses/${course.id}`)).set(bearer(admin.token)).expect(200);
  });

  it('lets a co-instructor edit only after accepting, never invite or delete, and forgets them when removed', async () => {
    const course = await createCourse(http, owner.token);
    const coTeacher = await makeInstructor();
    const invited = await http().post(studio(`/courses/${course.id}/instructors`)).set(bearer(owner.token)).send({ email: coTeacher.email.toUpperCase() }).expect(201);
    expect(invited.body.items).toEqual([
      expect.objectContaining({ userId: owner.id, role: 'owner', accepted: true }),
      expect.objectContaining({ userId: coTeacher.id, role: 'co_instructor', accepted: false }),
    ]);
    // Invited is not yet a co-instructor.
    await http().patch(studio(`/courses/${course.id}`)).set(bearer(coTeacher.token)).send({ draftRevision: 1, summary: { th: 'x' } }).expect(403);
    const pending = await http().get(studio('/invitations')).set(bearer(coTeacher.token)).expect(200);
    expect(pending.body.items).toEqual([expect.objectContaining({ courseId: course.id, courseTitle: NEW_COURSE.title })]);
    await http().post(studio(`/invitations/${course.id}/accept`)).set(bearer(coTeacher.token)).expect(204);
    expect((await http().get(studio('/invitations')).set(bearer(coTeacher.token)).expect(200)).body.items).toEqual([]);

    const edited = await http().patch(studio(`/courses/${course.id}`)).set(bearer(coTeacher.token)).send({ draftRevision: 1, summary: { th: 'แก้โดยผู้สอนร่วม' } }).expect(200);
    expect(edited.body.myRole).toBe('co_instructor');
    expect((await http().get(studio('/courses')).set(bearer(coTeacher.token)).expect(200)).body.items.map((c: { id: string }) => c.id)).toContain(course.id);
    await http().post(studio(`/courses/${course.id}/instructors`)).set(bearer(coTeacher.token)).send({ email: colleague.email }).expect(403);
    await http().delete(studio(`/courses/${course.id}`)).set(bearer(coTeacher.token)).expect(403);

    await http().delete(studio(`/courses/${course.id}/instructors/${coTeacher.id}`)).set(bearer(owner.token)).expect(204);
    await http().get(studio(`/courses/${course.id}`)).set(bearer(coTeacher.token)).expect(403);
  });

  it('declining an invitation grants nothing', async () => {
    const course = await createCourse(http, owner.token);
    const coTeacher = await makeInstructor();
    await http().post(studio(`/courses/${course.id}/instructors`)).set(bearer(owner.token)).send({ email: coTeacher.email }).expect(201);
    await http().post(studio(`/invitations/${course.id}/decline`)).set(bearer(coTeacher.token)).expect(204);
    await http().post(studio(`/invitations/${course.id}/accept`)).set(bearer(coTeacher.token)).expect(404);
    await http().get(studio(`/courses/${course.id}`)).set(bearer(coTeacher.token)).expect(403);
  });

  it('answers an unknown email and a non-instructor alike: 422 INSTRUCTOR_NOT_FOUND', async () => {
    const course = await createCourse(http, owner.token);
    const unknown = await http().post(studio(`/courses/${course.id}/instructors`)).set(bearer(owner.token)).send({ email: 'nobody@example.org' }).expect(422);
    const notInstructor = await http().post(studio(`/courses/${course.id}/instructors`)).set(bearer(owner.token)).send({ email: learner.email }).expect(422);
    expect(unknown.body.code).toBe('INSTRUCTOR_NOT_FOUND');
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined, instance: undefined });
    expect(strip(notInstructor.body)).toEqual(strip(unknown.body));
  });
});

describe('categories', () => {
  it('administrators add and rename categories; everyone lists them; others may not change them', async () => {
    const created = await http().post('/api/v1/admin/categories').set(bearer(admin.token)).send({ slug: 'cooking', name: { th: 'ทำอาหาร', en: 'Cooking' }, position: 3 }).expect(201);
    await http().post('/api/v1/admin/categories').set(bearer(admin.token)).send({ slug: 'cooking', name: { th: 'ซ้ำ' } }).expect(409);
    await http().post('/api/v1/admin/categories').set(bearer(owner.token)).send({ slug: 'mine', name: { th: 'ของฉัน' } }).expect(403);
    await http().patch(`/api/v1/admin/categories/${created.body.id}`).set(bearer(admin.token)).send({ name: { th: 'อาหารพื้นเมือง', en: 'Local food' } }).expect(200);
    const list = await http().get('/api/v1/categories').expect(200);
    expect(list.body.items).toContainEqual({ id: created.body.id, slug: 'cooking', name: { th: 'อาหารพื้นเมือง', en: 'Local food' }, position: 3 });
    const course = await createCourse(http, owner.token, { categoryId: created.body.id });
    expect((await http().get(studio(`/courses/${course.id}`)).set(bearer(owner.token)).expect(200)).body.categoryId).toBe(created.body.id);
    expect((await http().post(studio('/courses')).set(bearer(owner.token)).send({ ...NEW_COURSE, categoryId: randomUUID() }).expect(404)).body.code).toBe('CATEGORY_NOT_FOUND');
  });
});
