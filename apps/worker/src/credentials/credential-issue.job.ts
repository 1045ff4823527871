import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { type LocalizedText, pickText, type Locale } from '@baanrian/contracts';
import type { JobData } from '@baanrian/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { failpoint } from '../system/failpoint';
import { CredentialIssuer } from './credential-issuer';

/** A completed enrolment becomes a course credential, once (see CredentialIssuer). */
@Injectable()
export class CredentialIssueJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issuer: CredentialIssuer,
  ) {}

  async handle(data: JobData<'credential.issue'>): Promise<'issued' | 'duplicate' | 'stale'> {
    const [row]: { course_id: string; user_id: string; slug: string; title: LocalizedText; summary: LocalizedText; hours: string | null; name: string; locale: Locale }[] =
      await this.db.query(
        `SELECT e.course_id, e.user_id, c.slug, c.title, c.summary, c.learning_hours AS hours, u.display_name AS name, u.preferred_locale AS locale
           FROM enrollment e JOIN course c ON c.id = e.course_id JOIN app_user u ON u.id = e.user_id
          WHERE e.id = $1 AND e.status = 'completed' AND u.erased_at IS NULL`,
        [data.enrollmentId],
      );
    if (!row) return 'stale';
    const title = pickText(row.title, row.locale);
    const issued = await this.issuer.issue({
      kind: 'course',
      sourceId: row.course_id,
      userId: row.user_id,
      enrollmentId: data.enrollmentId,
      learnerName: row.name,
      achievementName: title,
      achievementDescription: pickText(row.summary, row.locale) || title,
      achievementUrl: `${this.config.http.publicUrl}/courses/${row.slug}`,
      hours: row.hours === null ? 0 : Number(row.hours),
      requestId: data.meta?.requestId ?? null,
    });
    // Fault suite, scenario 2: the credential (and its credential.issued event) committed, the job not yet completed.
    if (issued) failpoint('credential.after-commit', { enrollmentId: data.enrollmentId, credentialId: issued.credentialId });
    return issued ? 'issued' : 'duplicate';
  }
}
