import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { Locale } from '@baanrian/contracts';
import { titleAchievementText, titleAchievementUrl, type TitleRule } from '@baanrian/credentials';
import type { JobData } from '@baanrian/jobs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CredentialIssuer } from './credential-issuer';

/**
 * Yearly titles such as "learning citizen": every learner who, within the rule's Thai fiscal year
 * (1 October to 30 September, Bangkok time), completed enough courses and learning hours gets a
 * `title` credential, once per rule (the same unique key as course credentials).
 */
@Injectable()
export class CredentialsAwardTitlesJob {
  private readonly logger = new Logger(CredentialsAwardTitlesJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issuer: CredentialIssuer,
  ) {}

  async handle(data: JobData<'credentials.award-titles'>): Promise<{ awarded: number }> {
    const rules: { id: string; fiscal_year: number; name: TitleRule['name']; min_completed_courses: number; min_hours: string }[] = await this.db.query(
      `SELECT id, fiscal_year, name, min_completed_courses, min_hours FROM credential_title_rule WHERE active AND ($1::uuid IS NULL OR id = $1)`,
      [data.ruleId ?? null],
    );
    let awarded = 0;
    for (const rule of rules) {
      const startYear = rule.fiscal_year - 544; // FY 2570 BE starts 1 October 2026 CE
      const learners: { user_id: string; name: string; locale: Locale; courses: number; hours: string }[] = await this.db.query(
        `SELECT e.user_id, u.display_name AS name, u.preferred_locale AS locale, count(*)::int AS courses, coalesce(sum(c.learning_hours), 0) AS hours
           FROM enrollment e JOIN course c ON c.id = e.course_id JOIN app_user u ON u.id = e.user_id
          WHERE e.status = 'completed' AND u.erased_at IS NULL
            AND e.completed_at >= make_timestamptz($1, 10, 1, 0, 0, 0, 'Asia/Bangkok') AND e.completed_at < make_timestamptz($1 + 1, 10, 1, 0, 0, 0, 'Asia/Bangkok')
            -- Holders are skipped here (each night re-evaluates everyone else); the unique key still guards a race.
            AND NOT EXISTS (SELECT 1 FROM credential t WHERE t.kind = 'title' AND t.source_id = $4 AND t.user_id = e.user_id)
          GROUP BY e.user_id, u.display_name, u.preferred_locale
         HAVING count(*) >= $2 AND coalesce(sum(c.learning_hours), 0) >= $3`,
        [startYear, rule.min_completed_courses, rule.min_hours, rule.id],
      );
      for (const learner of learners) {
        // The achievement is the rule's (same text for everyone, as served at its URL); the learner's own hours are the credits.
        const text = titleAchievementText(
          { fiscalYear: rule.fiscal_year, name: rule.name, minCompletedCourses: rule.min_completed_courses, minHours: Number(rule.min_hours) },
          learner.locale,
        );
        const issued = await this.issuer.issue({
          kind: 'title',
          sourceId: rule.id,
          userId: learner.user_id,
          enrollmentId: null,
          learnerName: learner.name,
          achievementName: text.name,
          achievementDescription: text.description,
          criteriaNarrative: text.criteriaNarrative,
          achievementUrl: titleAchievementUrl(this.config.http.publicUrl, rule.id),
          hours: Number(learner.hours),
          requestId: data.meta?.requestId ?? null,
        });
        if (issued) awarded++;
      }
    }
    this.logger.log({ rules: rules.length, awarded, ruleId: data.ruleId ?? null }, 'titles awarded');
    return { awarded };
  }
}
