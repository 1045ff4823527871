import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { Locale, LocalizedText } from '@baanrian/contracts';
import type { JobData } from '@baanrian/jobs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MailService } from '../mail/mail.service';
import { learningMail, titleIn } from './learning.mail';
import { LearningNotifier } from './learning-notifier';

type Row = { activated_at: Date; email: string | null; display_name: string; preferred_locale: Locale; slug: string; title: LocalizedText };

/**
 * A waiting learner got a seat: a notification and a mail, each once per promotion (keyed by the
 * enrolment and the moment it was activated, so a later withdraw-and-promote is told again).
 */
@Injectable()
export class EnrollmentPromotedJob {
  private readonly logger = new Logger(EnrollmentPromotedJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly notifier: LearningNotifier,
  ) {}

  async handle(data: JobData<'enrollment.promoted'>): Promise<string> {
    const [row]: Row[] = await this.db.query(
      `SELECT e.activated_at, u.email, u.display_name, u.preferred_locale, c.slug, v.snapshot->'title' AS title
         FROM enrollment e JOIN app_user u ON u.id = e.user_id JOIN course c ON c.id = e.course_id
         JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
        WHERE e.id = $1 AND e.status IN ('active', 'completed') AND u.erased_at IS NULL`,
      [data.enrollmentId],
    );
    if (!row) return 'stale'; // withdrawn again since, or the account is gone
    const key = `waitlist.promoted:${data.enrollmentId}:${row.activated_at.toISOString()}`;
    const courseTitle = titleIn(row.title, row.preferred_locale);
    // Mail first: if SMTP fails, the job retries and the notification is not there yet either.
    const mailed = row.email
      ? await this.mail.sendOnce(
          { key, userId: data.userId, eventId: data.meta?.eventId ?? null },
          learningMail({ kind: 'promoted', to: row.email, locale: row.preferred_locale, displayName: row.display_name, courseTitle, link: `${this.config.http.publicUrl}/courses/${row.slug}` }),
        )
      : 'no-email';
    await this.notifier.add(data.userId, 'waitlist.promoted', { courseId: data.courseId, enrollmentId: data.enrollmentId, courseSlug: row.slug, courseTitle: row.title }, key);
    this.logger.log({ eventId: data.meta?.eventId, requestId: data.meta?.requestId, enrollmentId: data.enrollmentId, mailed }, 'waitlist promotion told');
    return mailed;
  }
}
