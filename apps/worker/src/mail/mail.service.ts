import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A fixed Message-ID, so a copy sent again in the crash window below is recognisable as the same mail. */
  messageId?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** What a mail is about; `key` is unique, so the same mail is never sent twice. */
export interface DeliveryRecord {
  key: string;
  userId: string | null;
  eventId: string | null;
}

export type DeliveryOutcome = 'sent' | 'logged' | 'duplicate' | 'dropped';

/**
 * Sends mail at most once per delivery key. The `mail_delivery` row is inserted in a transaction
 * that stays open while the SMTP server takes the mail, and commits after it said yes:
 * - a retried job finds the committed row and sends nothing;
 * - a duplicate running at the same moment blocks on the uncommitted row (unique index), then
 *   finds it and sends nothing; if the first one failed and rolled back, the duplicate sends;
 * - an SMTP failure rolls the row back, so BullMQ's retry sends it later.
 * Remaining window: if the process dies (or the database connection drops) after the SMTP server
 * accepted the mail but before the COMMIT arrives, the row is lost and a retry sends the mail a
 * second time. For a reset link that is a second copy of the same link (the token is single use).
 * Timeouts bound how long a transaction can be held open by a slow SMTP server.
 */
@Injectable()
export class MailService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transporter: Transporter | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transporter = config.mail.smtpUrl
      ? createTransport(config.mail.smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
      : null;
  }

  onApplicationBootstrap(): void {
    if (this.config.mail.transport === 'log') this.logger.log('SMTP_URL is not set: mails are written to this log instead of being sent');
    if (this.config.mail.transport === 'off') this.logger.warn('SMTP_URL is not set: mails (password-reset links) are NOT sent; set SMTP_URL');
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }

  async sendOnce(record: DeliveryRecord, mail: OutgoingMail): Promise<DeliveryOutcome> {
    if (this.config.mail.transport === 'off') {
      this.logger.warn({ key: record.key, eventId: record.eventId }, 'mail dropped: SMTP_URL is not set');
      return 'dropped';
    }
    return this.db.transaction(async (manager) => {
      const claimed: { id: string }[] = await manager.query(
        `INSERT INTO mail_delivery (key, user_id, event_id) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING id`,
        [record.key, record.userId, record.eventId],
      );
      if (claimed.length === 0) return 'duplicate';
      if (!this.transporter) {
        // Development and demo mode: the whole mail, link included, for whoever runs `npm start`.
        this.logger.log({ key: record.key, to: mail.to, subject: mail.subject, text: mail.text.split('\n') }, `mail (not sent, SMTP_URL is not set): ${mail.subject}`);
        return 'logged';
      }
      const info = await this.transporter.sendMail({ from: this.config.mail.from, ...mail });
      await manager.query(`UPDATE mail_delivery SET message_id = $2 WHERE id = $1`, [claimed[0].id, info.messageId ?? null]);
      return 'sent';
    });
  }
}
