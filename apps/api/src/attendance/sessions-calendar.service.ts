import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { type Locale, type LocalizedText, pickText, type PublishedLesson } from '@baanrian/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import { buildCalendar, type CalendarEvent } from './session-calendar';
import { toSession } from './session.lookup';

const CALENDAR_NAME: Record<Locale, string> = { th: 'รอบเรียนของฉัน · บ้านเรียน', en: 'My sessions · Baanrian', vi: 'Buổi học của tôi · Baanrian' };
const VENUE_LABEL: Record<Locale, string> = { th: 'สถานที่', en: 'Venue', vi: 'Địa điểm' };

interface Row {
  user_id: string;
  course_id: string;
  status: string;
  slug: string;
  course_title: LocalizedText;
  lesson: PublishedLesson;
}

/**
 * The learner's upcoming live and onsite sessions (and optionally their children's) as an
 * iCalendar file. One event per session whoever attends it, so the UID (`lessonId@host`) stays
 * stable and a re-import updates events instead of duplicating them.
 */
@Injectable()
export class SessionsCalendarService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async export(user: AuthUser, includeChildren: boolean, now: Date): Promise<string> {
    const people: { id: string; display_name: string; preferred_locale: Locale }[] = await this.db.query(
      `SELECT id, display_name, preferred_locale FROM app_user
       WHERE id = $1 OR ($2 AND guardian_id = $1 AND erased_at IS NULL)`,
      [user.id, includeChildren && !user.isChild],
    );
    const locale = people.find((p) => p.id === user.id)?.preferred_locale ?? 'th';
    const rows: Row[] = await this.db.query(
      `SELECT e.user_id, c.id AS course_id, c.status, c.slug, v.snapshot->'title' AS course_title, l.value AS lesson
       FROM enrollment e
       JOIN course c ON c.id = e.course_id
       JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
       CROSS JOIN LATERAL jsonb_array_elements(v.snapshot->'modules') m
       CROSS JOIN LATERAL jsonb_array_elements(m.value->'lessons') l
       WHERE e.user_id = ANY($1::uuid[]) AND e.status IN ('active', 'completed')
         AND l.value->>'type' IN ('live_session', 'onsite_session')
         AND (l.value->'content'->>'endsAt')::timestamptz > $2
       ORDER BY (l.value->'content'->>'startsAt')::timestamptz, l.value->>'id'`,
      [people.map((p) => p.id), now],
    );

    const host = new URL(this.config.http.publicUrl).hostname;
    const events = new Map<string, { event: CalendarEvent; others: string[] }>();
    for (const row of rows) {
      const session = toSession(row.course_id, row.status, row.slug, row.course_title, row.lesson);
      const courseTitle = pickText(session.courseTitle, locale);
      const coursePage = `${this.config.http.publicUrl}/courses/${session.courseSlug}`;
      const entry = events.get(session.lessonId) ?? {
        event: {
          uid: `${session.lessonId}@${host}`,
          start: session.startsAt,
          end: session.endsAt,
          summary: `${session.title} · ${courseTitle}`,
          description: [courseTitle, session.venue ? `${VENUE_LABEL[locale]}: ${[session.venue, session.address].filter(Boolean).join(', ')}` : null, coursePage]
            .filter(Boolean)
            .join('\n'),
          location: session.type === 'onsite_session' ? [session.venue, session.address].filter(Boolean).join(', ') : undefined,
          // Joining through the platform records attendance, so the link is the course, not the meeting.
          url: session.type === 'live_session' ? coursePage : undefined,
        },
        others: [],
      };
      if (row.user_id !== user.id) entry.others.push(people.find((p) => p.id === row.user_id)?.display_name ?? '');
      events.set(session.lessonId, entry);
    }
    const list = [...events.values()].map(({ event, others }) => (others.length ? { ...event, summary: `${event.summary} (${others.join(', ')})` } : event));
    return buildCalendar(list, { now, name: CALENDAR_NAME[locale], prodId: '-//Baanrian//Sessions//EN' });
  }
}
