import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { Locale, LocalizedText } from '@baanrian/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MailService } from '../mail/mail.service';
import { learningMail, titleIn } from './learning.mail';
import { LearningNotifier } from './learning-notifier';

/** Reminders per run at most; the next run (5 minutes later) takes the rest. */
const BATCH = 500;

interface Due {
  kind: 'day' | 'hour';
  course_id: string;
  slug: string;
  course_title: LocalizedText;
  lesson_id: string;
  lesson_title: string;
  session_type: string;
  starts_at: Date;
  venue: string | null;
  user_id: string;
  email: string | null;
  display_name: string;
  preferred_locale: Locale;
}

/**
 * Every 5 minutes: a reminder the day before (24 h … 1 h ahead) and one an hour before each
 * session of a published course, to every learner holding a seat, in their language. Times are
 * the published version's. `dedupe_key` (unique) and the mail key make each reminder happen
 * once, however often the job runs; a run only looks at reminders not yet in anyone's list.
 */
@Injectable()
export class SessionRemindersJob {
  private readonly logger = new Logger(SessionRemindersJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly notifier: LearningNotifier,
  ) {}

  async handle(now = new Date()): Promise<{ reminded: number }> {
    const due: Due[] = await this.db.query(
      `WITH soon AS (
         -- the indexed draft times narrow the courses; the published snapshot has the real times
         SELECT DISTINCT course_id FROM lesson WHERE starts_at > $1::timestamptz - interval '1 day' AND starts_at <= $1::timestamptz + interval '2 days'
       ), sessions AS (
         SELECT c.id AS course_id, c.slug, v.snapshot->'title' AS course_title, l->>'id' AS lesson_id, l->>'title' AS lesson_title, l->>'type' AS session_type,
                (l->'content'->>'startsAt')::timestamptz AS starts_at, l->'content'->>'venue' AS venue
           FROM soon JOIN course c ON c.id = soon.course_id AND c.status = 'published'
           JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
           CROSS JOIN LATERAL jsonb_array_elements(v.snapshot->'modules') m
           CROSS JOIN LATERAL jsonb_array_elements(m->'lessons') l
          WHERE l->>'type' IN ('live_session', 'onsite_session')
       )
       SELECT k.kind, s.*, e.user_id, u.email, u.display_name, u.preferred_locale
         FROM sessions s
         CROSS JOIN (VALUES ('day'), ('hour')) AS k(kind)
         JOIN enrollment e ON e.course_id = s.course_id AND e.status IN ('active', 'completed')
         JOIN app_user u ON u.id = e.user_id AND u.erased_at IS NULL AND u.disabled_at IS NULL
        WHERE ((k.kind = 'hour' AND s.starts_at > $1 AND s.starts_at <= $1::timestamptz + interval '1 hour')
            OR (k.kind = 'day' AND s.starts_at > $1::timestamptz + interval '1 hour' AND s.starts_at <= $1::timestamptz + interval '24 hours'))
          AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.dedupe_key = 'session.reminder-' || k.kind || ':' || s.lesson_id || ':' || e.user_id)
        ORDER BY s.starts_at
        LIMIT ${BATCH}`,
      [now],
    );
    for (const reminder of due) await this.remind(reminder);
    if (due.length) this.logger.log({ reminded: due.length }, 'session reminders');
    return { reminded: due.length };
  }

  private async remind(r: Due): Promise<void> {
    const type = r.kind === 'day' ? 'session.reminder-day' : 'session.reminder-hour';
    const key = `${type}:${r.lesson_id}:${r.user_id}`;
    const courseTitle = titleIn(r.course_title, r.preferred_locale);
    const startsAt = r.starts_at.toISOString();
    if (r.email) {
      await this.mail.sendOnce(
        { key, userId: r.user_id, eventId: null },
        learningMail({
          kind: r.kind === 'day' ? 'reminder-day' : 'reminder-hour',
          to: r.email,
          locale: r.preferred_locale,
          displayName: r.display_name,
          courseTitle,
          link: `${this.config.http.publicUrl}/courses/${r.slug}`,
          session: { title: r.lesson_title, startsAt, venue: r.venue },
        }),
      );
    }
    await this.notifier.add(
      r.user_id,
      type,
      { courseId: r.course_id, courseSlug: r.slug, courseTitle: r.course_title, lessonId: r.lesson_id, lessonTitle: r.lesson_title, sessionType: r.session_type, startsAt, venue: r.venue },
      key,
    );
  }
}
