import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { Locale } from '@baanrian/contracts';
import { type JobData, openToken } from '@baanrian/jobs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type DeliveryOutcome, MailService } from './mail.service';
import { passwordResetMail } from './password-reset.mail';

type Row = { user_id: string; email: string; display_name: string; preferred_locale: Locale; expires_at: Date };

/** Mails a reset link, at most once per token (MailService), and not at all once the token is dead. */
@Injectable()
export class PasswordResetMailJob {
  private readonly logger = new Logger(PasswordResetMailJob.name);

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig, private readonly mail: MailService) {}

  async handle(data: JobData<'account.password-reset-requested'>): Promise<DeliveryOutcome | 'stale'> {
    const [row]: Row[] = await this.db.query(
      `SELECT u.id AS user_id, u.email, u.display_name, u.preferred_locale, t.expires_at FROM password_reset_token t JOIN app_user u ON u.id = t.user_id
       WHERE t.id = $1 AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now() AND u.email IS NOT NULL AND u.disabled_at IS NULL`,
      [data.resetTokenId],
    );
    if (!row) return 'stale'; // used, replaced by a newer link, expired, or the account is gone
    const token = openToken(this.config.security.appSecret, data.sealedToken, data.resetTokenId);
    const link = `${this.config.http.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    const message = passwordResetMail({ to: row.email, locale: row.preferred_locale, displayName: row.display_name, link, expiresAt: row.expires_at, ttlMinutes: this.config.auth.passwordResetTtlMinutes });
    const outcome = await this.mail.sendOnce({ key: `password-reset:${data.resetTokenId}`, userId: row.user_id, eventId: data.meta?.eventId ?? null }, message);
    this.logger.log({ requestId: data.meta?.requestId, eventId: data.meta?.eventId, resetTokenId: data.resetTokenId, outcome }, 'password-reset mail');
    return outcome;
  }
}
