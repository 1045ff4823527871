import type { DataSource } from 'typeorm';
import { bearer, type Http } from './accounts-helpers';
import { addModule, createCourse, publish } from './courses-helpers';

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
}

export interface SessionCourse {
  courseId: string;
  slug: string;
  liveId: string;
  onsiteId: string;
}

/** One hour from `start`. */
export const hourFrom = (start: Date): SessionTimes => ({ startsAt: start, endsAt: new Date(start.getTime() + 3_600_000) });

/**
 * A published course of the instructor holding `token` with a live and an onsite session (and
 * nothing else, so attending both completes it), made through the studio as instructors do.
 */
export async function publishSessionCourse(
  http: Http,
  token: string,
  options: { live: SessionTimes; onsite: SessionTimes; capacity?: number; liveTitle?: string; onsiteTitle?: string; venue?: string; address?: string },
): Promise<SessionCourse> {
  const course = await createCourse(http, token, { format: 'blended', ...(options.capacity ? { capacity: options.capacity } : {}) });
  const moduleId = await addModule(http, token, course.id);
  const add = async (body: object) => (await http().post(`/api/v1/studio/modules/${moduleId}/lessons`).set(bearer(token)).send(body).expect(201)).body.id as string;
  const liveId = await add({
    type: 'live_session',
    title: options.liveTitle ?? 'ถ่ายทอดสด: ถาม-ตอบ',
    content: { meetingUrl: 'https://meet.example.org/abc-defg-hij', startsAt: options.live.startsAt.toISOString(), endsAt: options.live.endsAt.toISOString() },
  });
  const onsiteId = await add({
    type: 'onsite_session',
    title: options.onsiteTitle ?? 'ฝึกปฏิบัติที่ห้องสมุด',
    content: {
      venue: options.venue ?? 'ห้องสมุดประชาชนอำเภอสันทราย',
      address: options.address ?? '99 หมู่ 1, ตำบลสันทรายหลวง; อำเภอสันทราย, เชียงใหม่',
      mapUrl: null,
      startsAt: options.onsite.startsAt.toISOString(),
      endsAt: options.onsite.endsAt.toISOString(),
      capacity: null,
    },
  });
  await publish(http, token, course.id);
  return { courseId: course.id, slug: course.slug, liveId, onsiteId };
}

/**
 * A seat for `userId`, written as enrolment writes it (the enrolment API is tested on its own):
 * the enrolment row and the seat counter.
 */
export async function enrol(db: DataSource, courseId: string, userId: string, status: 'active' | 'waitlisted' | 'completed' = 'active'): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at, waitlisted_at)
     VALUES ($1, $2, $3, 'onsite', 'self', CASE WHEN $3 = 'waitlisted' THEN NULL ELSE now() END, CASE WHEN $3 = 'waitlisted' THEN now() END) RETURNING id`,
    [courseId, userId, status],
  );
  await db.query(
    `INSERT INTO course_seat (course_id, capacity, taken, waitlisted)
     SELECT c.id, (v.snapshot->>'capacity')::int, $2, $3 FROM course c JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version WHERE c.id = $1
     ON CONFLICT (course_id) DO UPDATE SET taken = course_seat.taken + $2, waitlisted = course_seat.waitlisted + $3`,
    [courseId, status === 'waitlisted' ? 0 : 1, status === 'waitlisted' ? 1 : 0],
  );
  return row.id;
}

/** RFC 5545 unfolding: a CRLF followed by one space or tab joins the lines. */
export function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter((line) => line.length > 0);
}

/** The VEVENTs of an unfolded calendar, as property maps (first value of each name). */
export function events(lines: string[]): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      found.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0];
      current[name] ??= line.slice(colon + 1);
    }
  }
  return found;
}
