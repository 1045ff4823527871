import { thaiFiscalYear } from '@baanrian/contracts';
import { useTestApi } from './api-app';
import { bearer } from './accounts-helpers';
import { addModule, addTextLesson, createCourse, type Person, publish, publishableCourse, setupPeople } from './courses-helpers';

const api = useTestApi();
const http = api.http;
const studio = (path: string) => `/api/v1/studio${path}`;

let owner: Person;
let admin: Person;

beforeAll(async () => {
  const people = await setupPeople(http);
  admin = people.admin;
  owner = await people.instructor();
});

const catalogRow = async (courseId: string) => (await api.db().query(`SELECT * FROM catalog_entry WHERE course_id = $1`, [courseId]))[0];
const versionsOf = async (courseId: string) =>
  api.db().query(`SELECT version, snapshot, published_by_id FROM course_version WHERE course_id = $1 ORDER BY version`, [courseId]);

describe('publishing', () => {
  it('refuses a course without lessons: 422 with the reason, in Thai by default and in English on request', async () => {
    const course = await createCourse(http, owner.token);
    await addModule(http, owner.token, course.id);
    const th = await publish(http, owner.token, course.id, 422);
    expect(th.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(th.body).toMatchObject({ code: 'COURSE_HAS_NO_LESSONS', title: 'เผยแพร่ไม่ได้: รายวิชานี้ยังไม่มีบทเรียน', reasonCodes: ['COURSE_HAS_NO_LESSONS'], reasons: ['เผยแพร่ไม่ได้: รายวิชานี้ยังไม่มีบทเรียน'] });
    const en = await http().post(studio(`/courses/${course.id}/publish`)).set(bearer(owner.token)).set('Accept-Language', 'en').expect(422);
    expect(en.body.reasons).toEqual(['Cannot publish: this course has no lessons yet']);
    expect(await versionsOf(course.id)).toEqual([]);
    expect(await catalogRow(course.id)).toBeUndefined();
  });

  it('lists every other reason at once: 422 COURSE_NOT_PUBLISHABLE', async () => {
    const course = await publishableCourse(http, owner.token, { summary: { en: 'English only' } });
    await addModule(http, owner.token, course.id, 'ว่างเปล่า');
    const res = await http().post(studio(`/courses/${course.id}/publish`)).set(bearer(owner.token)).set('Accept-Language', 'vi').expect(422);
    expect(res.body).toMatchObject({ code: 'COURSE_NOT_PUBLISHABLE', reasonCodes: ['PUBLISH_SUMMARY_MISSING', 'PUBLISH_EMPTY_MODULE'] });
    expect(res.body.reasons).toEqual(['Khóa học chưa có phần tóm tắt bằng ngôn ngữ giảng dạy', 'Có học phần chưa có bài học nào']);
  });

  it('publishes: version 1, catalog row, status, first-publish time and a course.published event, together', async () => {
    const course = await publishableCourse(http, owner.token, { startsAt: '2025-10-05T03:00:00Z' });
    const res = await publish(http, owner.token, course.id);
    expect(res.body).toMatchObject({ status: 'published', publishedVersion: 1, hasUnpublishedChanges: false, draftRevision: course.draftRevision });
    const [version] = await versionsOf(course.id);
    expect(version).toMatchObject({ version: 1, published_by_id: owner.id });
    expect(version.snapshot).toMatchObject({ courseId: course.id, slug: course.slug, version: 1, modules: [{ id: course.moduleId, lessons: [{ id: course.lessonId, content: { body: 'สวัสดี' } }] }] });
    expect(await catalogRow(course.id)).toMatchObject({ version: 1, slug: course.slug, fiscal_year: 2569 });
    const events = await api.db().query(`SELECT payload FROM outbox_event WHERE type = 'course.published' AND payload->>'courseId' = $1`, [course.id]);
    expect(events.map((e: { payload: unknown }) => e.payload)).toEqual([{ courseId: course.id, version: 1, publishedById: owner.id }]);
    const versions = await http().get(studio(`/courses/${course.id}/versions`)).set(bearer(owner.token)).expect(200);
    expect(versions.body.items).toEqual([{ version: 1, publishedAt: expect.any(String), publishedBy: { id: owner.id, displayName: expect.stringMatching(/^ครู/) } }]);
  });

  it('learners see the last published version until the next publish; lesson ids stay the same', async () => {
    const course = await publishableCourse(http, owner.token);
    await publish(http, owner.token, course.id);
    const [{ published_at: firstPublishedAt }] = await api.db().query(`SELECT published_at FROM course WHERE id = $1`, [course.id]);

    // Draft edits: title, a lesson edited, a lesson added, a lesson removed.
    const fresh = await http().get(studio(`/courses/${course.id}`)).set(bearer(owner.token)).expect(200);
    await http().patch(studio(`/courses/${course.id}`)).set(bearer(owner.token)).send({ draftRevision: fresh.body.draftRevision, title: { th: 'ชื่อใหม่ในร่าง' } }).expect(200);
    await http().patch(studio(`/lessons/${course.lessonId}`)).set(bearer(owner.token)).send({ title: 'บทนำ (แก้ไข)' }).expect(200);
    const added = await addTextLesson(http, owner.token, course.moduleId, 'บทใหม่');
    const dropped = await addTextLesson(http, owner.token, course.moduleId, 'บทที่จะลบ');
    expect((await http().get(studio(`/courses/${course.id}`)).set(bearer(owner.token)).expect(200)).body.hasUnpublishedChanges).toBe(true);

    // Not visible to learners yet.
    expect((await catalogRow(course.id)).title).toEqual({ th: 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ', en: 'Computers for seniors' });
    expect(await versionsOf(course.id)).toHaveLength(1);

    await http().delete(studio(`/lessons/${dropped}`)).set(bearer(owner.token)).expect(204);
    const second = await publish(http, owner.token, course.id);
    expect(second.body).toMatchObject({ publishedVersion: 2, hasUnpublishedChanges: false });
    const [v1, v2] = await versionsOf(course.id);
    // Version 1 is never rewritten.
    expect(v1.snapshot.modules[0].lessons.map((l: { id: string; title: string }) => [l.id, l.title])).toEqual([[course.lessonId, 'บทนำ']]);
    expect(v2.snapshot.modules[0].lessons.map((l: { id: string; title: string }) => [l.id, l.title])).toEqual([
      [course.lessonId, 'บทนำ (แก้ไข)'],
      [added, 'บทใหม่'],
    ]);
    expect(await catalogRow(course.id)).toMatchObject({ version: 2, title: { th: 'ชื่อใหม่ในร่าง' } });
    // The link learners shared keeps working: the slug is fixed once published.
    const slugEdit = await http().patch(studio(`/courses/${course.id}`)).set(bearer(owner.token)).send({ draftRevision: 2, slug: 'a-new-link' }).expect(400);
    expect(slugEdit.body.errors).toEqual([{ field: 'slug', message: 'เปลี่ยนไม่ได้หลังเผยแพร่แล้ว เพื่อให้ลิงก์ที่แชร์ไปยังใช้ได้' }]);
    // The first publish stays the course's publish date.
    const [{ published_at }] = await api.db().query(`SELECT published_at FROM course WHERE id = $1`, [course.id]);
    expect(published_at).toEqual(firstPublishedAt);
  });

  it('gives two concurrent publishes different version numbers (never both the same)', async () => {
    const course = await publishableCourse(http, owner.token);
    const results = await Promise.all([1, 2, 3].map(() => http().post(studio(`/courses/${course.id}/publish`)).set(bearer(owner.token))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await versionsOf(course.id)).map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect((await catalogRow(course.id)).version).toBe(3);
    // The unique key is the backstop if anything ever skips the row lock.
    await expect(
      api.db().query(`INSERT INTO course_version (course_id, version, snapshot, published_by_id) SELECT course_id, version, snapshot, published_by_id FROM course_version WHERE course_id = $1 AND version = 3`, [course.id]),
    ).rejects.toThrow(/course_version_course_version_key/);
  });

  it('archive removes the course from the catalog but keeps its versions; restore brings back the last published version', async () => {
    const course = await publishableCourse(http, owner.token);
    await publish(http, owner.token, course.id);
    await http().patch(studio(`/lessons/${course.lessonId}`)).set(bearer(owner.token)).send({ title: 'ร่างที่ยังไม่เผยแพร่' }).expect(200);
    const archived = await http().post(studio(`/courses/${course.id}/archive`)).set(bearer(owner.token)).expect(200);
    expect(archived.body).toMatchObject({ status: 'archived', archivedAt: expect.any(String), publishedVersion: 1 });
    expect(await catalogRow(course.id)).toBeUndefined();
    expect(await versionsOf(course.id)).toHaveLength(1);
    expect((await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'course.archived' AND payload->>'courseId' = $1`, [course.id]))[0].n).toBe(1);
    expect((await publish(http, owner.token, course.id, 409)).body.code).toBe('COURSE_ARCHIVED');
    // Archived is not deleted.
    expect((await http().delete(studio(`/courses/${course.id}`)).set(bearer(owner.token)).expect(409)).body.code).toBe('COURSE_PUBLISHED_CANNOT_DELETE');

    const restored = await http().post(studio(`/courses/${course.id}/restore`)).set(bearer(owner.token)).expect(200);
    expect(restored.body).toMatchObject({ status: 'published', archivedAt: null, publishedVersion: 1 });
    const row = await catalogRow(course.id);
    expect(row.version).toBe(1);
    const [v1] = await versionsOf(course.id);
    expect(v1.snapshot.modules[0].lessons[0].title).toBe('บทนำ');
    await http().post(studio(`/courses/${course.id}/restore`)).set(bearer(owner.token)).expect(409);
  });

  it('previews the draft in the public page shape: rendered description, sessions with venue, text lessons for the author, never meeting URLs', async () => {
    const course = await createCourse(http, owner.token, { startsAt: '2026-10-02T00:00:00Z' });
    const moduleId = await addModule(http, owner.token, course.id, 'พบกัน');
    await http()
      .post(studio(`/modules/${moduleId}/lessons`))
      .set(bearer(owner.token))
      .send({ type: 'live_session', title: 'สด', content: { meetingUrl: 'https://meet.example.org/secret-room', startsAt: '2026-10-02T02:30:00Z', endsAt: '2026-10-02T04:00:00Z' } })
      .expect(201);
    await http()
      .post(studio(`/modules/${moduleId}/lessons`))
      .set(bearer(owner.token))
      .send({ type: 'onsite_session', title: 'ที่เชียงใหม่', content: { venue: 'ศูนย์การเรียนรู้', address: 'ถนนโชตนา เชียงใหม่', mapUrl: 'https://www.openstreetmap.org/', startsAt: '2026-10-09T02:30:00Z', endsAt: '2026-10-09T05:30:00Z' } })
      .expect(201);
    await addTextLesson(http, owner.token, moduleId, 'อ่าน', 'เนื้อหาลับสำหรับผู้เรียน');
    const page = (await http().get(studio(`/courses/${course.id}/preview`)).set(bearer(owner.token)).expect(200)).body;
    expect(page).toMatchObject({
      preview: true,
      version: 1,
      descriptionHtml: { th: '<h2>เนื้อหา</h2>\n<p>เรียน <strong>ทีละขั้น</strong></p>\n' },
      fiscalYear: thaiFiscalYear('2026-10-02T00:00:00Z'),
      instructors: [expect.stringMatching(/^ครู/)],
    });
    expect(page.fiscalYear).toBe(2570);
    expect(page.modules[0].lessons).toEqual([
      { id: expect.any(String), type: 'live_session', title: 'สด', required: true, durationMinutes: null, startsAt: '2026-10-02T02:30:00.000Z', endsAt: '2026-10-02T04:00:00.000Z', venue: null, address: null, mapUrl: null, bodyHtml: null },
      expect.objectContaining({ type: 'onsite_session', venue: 'ศูนย์การเรียนรู้', address: 'ถนนโชตนา เชียงใหม่', mapUrl: 'https://www.openstreetmap.org/' }),
      // How the text will read (sanitised HTML), for its author; the public page never has bodies.
      expect.objectContaining({ type: 'text', title: 'อ่าน', bodyHtml: '<p>เนื้อหาลับสำหรับผู้เรียน</p>\n' }),
    ]);
    expect(JSON.stringify(page)).not.toMatch(/secret-room/);
    // Never stored: a preview is not a publish.
    expect(await versionsOf(course.id)).toEqual([]);
  });

  it('is all or nothing: when the catalog write fails, no version, status change or event remains', async () => {
    const course = await publishableCourse(http, owner.token);
    await api.db().query(`CREATE FUNCTION refuse_catalog() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
    await api.db().query(`CREATE TRIGGER refuse_catalog BEFORE INSERT ON catalog_entry FOR EACH ROW EXECUTE FUNCTION refuse_catalog()`);
    try {
      const res = await publish(http, owner.token, course.id, 500);
      expect(res.body.code).toBe('INTERNAL_ERROR');
    } finally {
      await api.db().query(`DROP TRIGGER refuse_catalog ON catalog_entry`);
      await api.db().query(`DROP FUNCTION refuse_catalog()`);
    }
    expect(await versionsOf(course.id)).toEqual([]);
    const [row] = await api.db().query(`SELECT status, published_version, published_at FROM course WHERE id = $1`, [course.id]);
    expect(row).toEqual({ status: 'draft', published_version: null, published_at: null });
    expect((await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE payload->>'courseId' = $1`, [course.id]))[0].n).toBe(0);
    // And once the fault is gone, the same publish goes through as version 1.
    expect((await publish(http, owner.token, course.id)).body.publishedVersion).toBe(1);
  });

  it('answers an unknown course with 404 COURSE_NOT_FOUND to administrators, and with 403 to instructors (as for a colleague\'s course)', async () => {
    const res = await http().post(studio('/courses/00000000-0000-4000-8000-000000000000/publish')).set(bearer(admin.token)).expect(404);
    expect(res.body).toMatchObject({ code: 'COURSE_NOT_FOUND', title: 'ไม่พบรายวิชานี้' });
    expect((await http().post(studio('/courses/00000000-0000-4000-8000-000000000000/publish')).set(bearer(owner.token)).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('lets administrators publish any course and lists the publisher', async () => {
    const course = await publishableCourse(http, owner.token);
    await publish(http, admin.token, course.id);
    const versions = await http().get(studio(`/courses/${course.id}/versions`)).set(bearer(owner.token)).expect(200);
    expect(versions.body.items[0].publishedBy.id).toBe(admin.id);
  });
});
