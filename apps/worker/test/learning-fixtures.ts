import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { uniqueName } from '@baanrian/testing';

/**
 * A published course as the API writes it (course, module and lesson rows, and the version's
 * snapshot), with session lessons at the given times; worker tests have no API to publish with.
 */
export async function publishedCourseWithSessions(db: DataSource, sessions: { startsAt: Date; type?: 'live_session' | 'onsite_session'; title?: string }[]) {
  const slug = uniqueName('course').replace(/_/g, '-');
  const title = { th: 'ทำอาหารพื้นบ้าน', en: 'Home cooking', vi: 'Nấu ăn tại nhà' };
  const [{ id: courseId }] = await db.query(
    `INSERT INTO course (slug, title, summary, language, target_groups, format, status, published_version, published_at)
     VALUES ($1, $2, '{"th": "สรุป"}', 'th', '{elderly}', 'onsite_workshop', 'published', 1, now()) RETURNING id`,
    [slug, title],
  );
  const [{ id: moduleId }] = await db.query(`INSERT INTO course_module (course_id, title, position) VALUES ($1, 'บทที่ 1', 1) RETURNING id`, [courseId]);
  const lessons = [];
  for (const [index, session] of sessions.entries()) {
    const type = session.type ?? 'onsite_session';
    const endsAt = new Date(session.startsAt.getTime() + 2 * 3_600_000);
    const content =
      type === 'onsite_session'
        ? { venue: 'ศาลาวัดบ้านเหล่า', address: 'หมู่ 3', mapUrl: null, startsAt: session.startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity: null }
        : { meetingUrl: 'https://meet.example.org/x', startsAt: session.startsAt.toISOString(), endsAt: endsAt.toISOString() };
    const id = randomUUID();
    const lessonTitle = session.title ?? `ครั้งที่ ${index + 1}`;
    await db.query(
      `INSERT INTO lesson (id, course_id, module_id, type, title, position, content, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, courseId, moduleId, type, lessonTitle, index + 1, content, session.startsAt, endsAt],
    );
    lessons.push({ id, type, title: lessonTitle, required: true, position: index + 1, durationMinutes: null, content });
  }
  const snapshot = { courseId, version: 1, slug, title, sequential: false, completionAttendancePercent: null, modules: [{ id: moduleId, title: 'บทที่ 1', position: 1, lessons }] };
  await db.query(`INSERT INTO course_version (course_id, version, snapshot, published_at) VALUES ($1, 1, $2, now())`, [courseId, snapshot]);
  return { courseId, slug, lessonIds: lessons.map((l) => l.id) };
}

export async function person(db: DataSource, locale: string, options: { email?: boolean; displayName?: string } = {}): Promise<{ id: string; email: string | null }> {
  const email = options.email === false ? null : `${uniqueName('p')}@example.org`;
  const [{ id }] = await db.query(
    `INSERT INTO app_user (email, account_code, display_name, preferred_locale, target_group) VALUES ($1, $2, $3, $4, 'general_public') RETURNING id`,
    [email, `BR-${randomBytes(4).readUInt32BE() % 900_000_000}`, options.displayName ?? 'Somsri', locale],
  );
  return { id, email };
}

export async function enrolled(db: DataSource, courseId: string, userId: string, status = 'active'): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO enrollment (course_id, user_id, status, activated_at, waitlisted_at) VALUES ($1, $2, $3, CASE WHEN $3 <> 'waitlisted' THEN now() END, now()) RETURNING id`,
    [courseId, userId, status],
  );
  return id;
}
