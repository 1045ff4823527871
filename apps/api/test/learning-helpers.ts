import type { DataSource } from 'typeorm';
import { randomInt } from 'node:crypto';
import { bearer, type Http, PASSWORD, uniqueEmail } from './accounts-helpers';
import type { Person } from './courses-helpers';
import { addModule, createCourse, publish } from './courses-helpers';

/**
 * Test fixtures for progress and the player. Enrolments are written as the enrolment service
 * writes them (an active row holding a seat); its own spec covers the HTTP side.
 */
export async function enrol(db: DataSource, courseId: string, userId: string, status: 'active' | 'waitlisted' = 'active'): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO enrollment (course_id, user_id, status, activated_at, waitlisted_at)
     VALUES ($1, $2, $3, CASE WHEN $3 = 'active' THEN now() END, CASE WHEN $3 = 'waitlisted' THEN clock_timestamp() END) RETURNING id`,
    [courseId, userId, status],
  );
  return id;
}

export async function addLesson(http: Http, token: string, moduleId: string, type: string, content: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await http().post(`/api/v1/studio/modules/${moduleId}/lessons`).set(bearer(token)).send({ type, title: `${type} lesson`, content, ...extra });
  if (res.status !== 201) throw new Error(`lesson: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

export const sessionContent = (startsInHours: number, type: 'live_session' | 'onsite_session' = 'live_session') =>
  type === 'live_session'
    ? { meetingUrl: 'https://meet.example.org/abc', startsAt: inHours(startsInHours), endsAt: inHours(startsInHours + 1) }
    : { venue: 'ศาลาวัด', address: 'หมู่ 3 ตำบลบ้านเหล่า', startsAt: inHours(startsInHours), endsAt: inHours(startsInHours + 2) };

/** A published course built lesson by lesson: `lessons` are [type, content, extra] in order, in one module. */
export async function publishedCourse(
  http: Http,
  token: string,
  lessons: [string, Record<string, unknown>, Record<string, unknown>?][],
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; slug: string; moduleId: string; lessonIds: string[] }> {
  const course = await createCourse(http, token, overrides);
  const moduleId = await addModule(http, token, course.id);
  const lessonIds: string[] = [];
  for (const [type, content, extra] of lessons) lessonIds.push(await addLesson(http, token, moduleId, type, content, extra));
  await publish(http, token, course.id);
  return { id: course.id, slug: course.slug, moduleId, lessonIds };
}

export async function outboxEvents(db: DataSource, type: string, enrollmentId: string): Promise<{ id: string; payload: Record<string, string> }[]> {
  return db.query(`SELECT id, payload FROM outbox_event WHERE type = $1 AND payload->>'enrollmentId' = $2`, [type, enrollmentId]);
}

/** A new learner; each from its own address, so a file with many learners stays under the per-IP sign-up limit. */
export async function newLearner(http: Http, overrides: Record<string, unknown> = {}): Promise<Person> {
  const email = uniqueEmail('learner');
  const res = await http()
    .post('/api/v1/auth/sign-up')
    .set('X-Forwarded-For', `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`)
    .send({ email, password: PASSWORD, displayName: 'สมศรี ผู้เรียน', preferredLocale: 'th', ...overrides });
  if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email, token: res.body.accessToken };
}
